"""The pymdownx.superfences formatter named in mkdocs.yml."""

from __future__ import annotations

import html

from . import mkdocs_build
from .render import render_quiz
from .schema import QuizError, parse_quiz


def format_quiz(source, language, css_class, options, md, **kwargs):
    entry = mkdocs_build.entry_for(source)
    if entry is not None:  # parsed and checked by the hooks, with its file and line
        return render_quiz(entry.quiz, rewrite=mkdocs_build.link_rewriter(entry))
    # A quiz the hooks could not see: pulled in through a snippet, or built without the hooks.
    try:
        quiz = parse_quiz(source)
    except QuizError as exc:
        # Superfences would swallow an exception and show plain code: log on a mkdocs.*
        # logger instead, which `mkdocs build --strict` counts.
        mkdocs_build.log.error("%s: invalid quiz: %s", mkdocs_build.current_page_path(), exc.reason)
        return f'<pre class="quiz-error">{html.escape(source)}</pre>'
    return render_quiz(quiz, rewrite=mkdocs_build.link_rewriter(None))

"""The pymdownx.superfences formatter named in mkdocs.yml."""

from __future__ import annotations

import html

from pymdownx.superfences import SuperFencesException

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
        message = f"{mkdocs_build.current_page_path()}: invalid quiz: {exc.reason}"
        if not mkdocs_build.hooks_ran():
            # No hooks, no strict-mode log to count (Zensical): superfences lets only this
            # exception through, so the build stops here.
            raise SuperFencesException(message) from None
        # Superfences would swallow any other exception and show plain code: log on a
        # mkdocs.* logger instead, which `mkdocs build --strict` counts.
        mkdocs_build.log.error(message)
        return f'<pre class="quiz-error">{html.escape(source)}</pre>'
    return render_quiz(quiz, rewrite=mkdocs_build.link_rewriter(None))

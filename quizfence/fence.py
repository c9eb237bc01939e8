"""The pymdownx.superfences formatter named in mkdocs.yml."""

from __future__ import annotations

import html
import logging

from . import site
from .model import QuizError, parse_quiz
from .render import render_quiz

# Under "mkdocs." so that `mkdocs build --strict` counts the error and aborts.
log = logging.getLogger("mkdocs.plugins.quizfence")


def format_quiz(source, language, css_class, options, md, **kwargs):
    try:
        q = parse_quiz(source)
    except QuizError as exc:
        # The hook normally rejects bad quizzes first (with file:line). Superfences would
        # swallow an exception and show plain code, so log loudly instead of raising.
        log.error("%s: invalid quiz: %s", site.where(source), exc.reason)
        return f'<pre class="quiz-error">{html.escape(source)}</pre>'
    return render_quiz(q, rewrite=site.link_rewriter(q["id"]))

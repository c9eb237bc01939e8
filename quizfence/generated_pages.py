"""The site-wide quiz pages, written as Markdown where their marker stands.

`<!-- quizfence:review -->` becomes every chapter quiz, by difficulty;
`<!-- quizfence:progress -->` becomes a list of every quiz, by page, whose status
docs/assets/quiz.js fills in from the reader's localStorage.
"""

from __future__ import annotations

import os
import re
from html import escape as esc

from .render import backticks_around, block, plain
from .schema import DIFFICULTIES


def _sorted(state):
    return sorted(state.quizzes, key=lambda e: (state.nav_order.get(e.src_uri, 10**6), e.src_uri, e.line))


def _title(file) -> str:
    if file.page is not None and file.page.title:
        return file.page.title
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", file.content_string, re.M)
    return m.group(1) if m else file.src_uri


def _md_link(src_uri: str, page) -> str:
    """A relative .md link from page to a page, so MkDocs checks and rewrites it."""
    return os.path.relpath(src_uri, os.path.dirname(page.file.src_uri) or ".").replace(os.sep, "/")


# Shown by quiz.js, which fills in the count and switches between all questions and the due
# ones (a Leitner schedule kept with the reader's progress in localStorage).
REVIEW_TOOLS = (
    '<div class="quiz-review-modes quiz-js" hidden>'
    '<p class="quiz-review-count" role="status"></p>'
    '<p class="quiz-review-buttons">'
    '<button type="button" class="quiz-review-due" aria-pressed="false">Review what I missed</button> '
    '<button type="button" class="quiz-review-all" aria-pressed="true">All questions</button></p>'
    '<p><label><input type="checkbox" class="quiz-review-unanswered"> '
    "Also show questions I have not answered yet</label></p></div>\n"
)


def review(page, state) -> str:
    """The same fences as the chapters (same ids, so progress is shared). The formatter finds
    each one in the catalog by its body, so nothing is parsed again. Pages in the review
    page's own folder (the quiz section: its demos) are left out."""
    section = os.path.dirname(page.file.src_uri)
    chapters = [e for e in _sorted(state) if os.path.dirname(e.src_uri) != section]
    out = [REVIEW_TOOLS]
    for level in DIFFICULTIES:
        entries = [e for e in chapters if e.quiz["difficulty"] == level]
        out.append(f"## {level.capitalize()} ({len(entries)})\n")
        if not entries:
            out.append("No questions at this level yet.\n")
        for e in entries:
            ticks = backticks_around(e.source)
            title = _title(state.files.get_file_from_path(e.src_uri))
            out.append(f"From [{title}]({_md_link(e.src_uri, page)}):\n{{: .quiz-from }}\n")
            out.append(f"{ticks}quiz\n{e.source.rstrip()}\n{ticks}\n")
    return "\n".join(out)


def progress(page, state) -> str:
    """Every quiz on the site, grouped by page."""
    total = len(state.quizzes)
    out = [
        f'<p class="quiz-progress-summary" data-quiz-total="{total}">{total} quizzes on this site.</p>\n',
        '<p class="quiz-js" hidden><button type="button" class="quiz-reset-all">Reset all progress</button></p>\n',
    ]
    by_page: dict[str, list] = {}
    for e in _sorted(state):
        by_page.setdefault(e.src_uri, []).append(e)
    for src_uri, entries in by_page.items():
        file = state.files.get_file_from_path(src_uri)
        url = file.url_relative_to(page.file)
        items = []
        for e in entries:
            q = e.quiz
            text = plain(block(q["question"]))
            text = text if len(text) <= 100 else text[:99] + "…"
            items.append(
                f'<li data-quiz-id="{esc(q["id"])}"><a href="{esc(url)}#quiz-{esc(q["id"])}">{esc(text)}</a>'
                f' <span class="quiz-difficulty quiz-difficulty--{q["difficulty"]}">{q["difficulty"].capitalize()}</span>'
                f' <span class="quiz-progress-status">Not answered</span></li>'
            )
        out.append(f"## [{_title(file)}]({_md_link(src_uri, page)})\n")
        out.append(f'<ul class="quiz-progress-list">\n{"".join(items)}\n</ul>\n')
    if not by_page:
        out.append("No quizzes yet.\n")
    return "\n".join(out)


MARKERS = {"review": review, "progress": progress}

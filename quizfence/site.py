"""Site-wide quiz logic behind quizfence/hooks.py.

MkDocs loads hooks.py as a loose module; keeping the state here, in the installed
package, lets the superfences formatter (quizfence.fence) see the same state.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html import escape as esc
from urllib.parse import urljoin, urlsplit, urlunsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import _RelativePathTreeprocessor
from mkdocs.utils import get_relative_url

from .model import DIFFICULTIES, QuizError, find_fences, parse_quiz
from .render import backticks_around, block, links, plain

REVIEW = "<!-- quizfence:review -->"
PROGRESS = "<!-- quizfence:progress -->"


@dataclass
class Entry:
    quiz: dict
    file: object  # mkdocs File
    line: int
    source: str


class _State:
    def __init__(self):
        self.config = None
        self.files = None
        self.page = None  # the page being rendered, for the formatter
        self.quizzes: list[Entry] = []
        self.by_id: dict[str, Entry] = {}
        self.nav_order: dict[str, int] = {}


STATE = _State()


def display_path(file, config) -> str:
    """docs/path.md, relative to the folder of mkdocs.yml (absolute if outside it)."""
    base = os.path.dirname(config.config_file_path or os.path.join(os.getcwd(), "x"))
    rel = os.path.relpath(file.abs_src_path, base)
    return (file.abs_src_path if rel.startswith("..") else rel).replace(os.sep, "/")


def collect(files, config) -> list[Entry]:
    """Parse every quiz in every Markdown page. All problems -> one PluginError, file:line each."""
    errors, entries, first = [], [], {}
    for file in files.documentation_pages():
        if not file.src_uri.endswith(".md"):
            continue
        for fence in find_fences(file.content_string):
            where = f"{display_path(file, config)}:{fence.line}"
            if not fence.closed:
                errors.append(f"{where}: quiz fence is never closed")
                continue
            try:
                q = parse_quiz(fence.source)
            except QuizError as exc:
                name = f"quiz {exc.quiz_id!r}: " if exc.quiz_id else ""
                at = f" (line {fence.line + 1 + exc.offset})" if exc.offset is not None else ""
                errors.append(f"{where}: {name}{exc.reason}{at}")
                continue
            if q["id"] in first:
                errors.append(f"{where}: duplicate quiz id {q['id']!r} (first used at {first[q['id']]})")
                continue
            first[q["id"]] = where
            entries.append(Entry(q, file, fence.line, fence.source))
    if errors:
        raise PluginError("Invalid quiz fences:\n" + "\n".join(errors))
    return entries


# --- hook events (hooks.py forwards to these) -------------------------------------------


def on_config(config):
    STATE.__init__()
    STATE.config = config


def on_files(files, config):
    STATE.files = files
    STATE.quizzes = collect(files, config)
    STATE.by_id = {e.quiz["id"]: e for e in STATE.quizzes}


def on_nav(nav, config, files):
    STATE.nav_order = {p.file.src_uri: i for i, p in enumerate(nav.pages)}


def on_page_markdown(markdown, page, config, files):
    STATE.page = page
    if REVIEW in markdown:
        markdown = markdown.replace(REVIEW, _review(page))
    if PROGRESS in markdown:
        markdown = markdown.replace(PROGRESS, _progress(page))
    return markdown


def on_page_content(html, page, config, files):
    STATE.page = None


# --- helpers for the formatter -----------------------------------------------------------


def where(source: str) -> str:
    """Best-effort location of a fence for the formatter's error message."""
    page = STATE.page
    if page is None or STATE.config is None:
        return "quiz fence (page unknown)"
    path = display_path(page.file, STATE.config)
    for fence in find_fences(page.file.content_string):
        if fence.source.strip() == source.strip():
            return f"{path}:{fence.line}"
    return path


def link_rewriter(quiz_id: str):
    """Resolve quiz links like MkDocs does for the page the quiz is written in (which warns
    about broken ones), then rebase them when the quiz is shown on another page (review)."""
    page = STATE.page
    if page is None or STATE.files is None:
        return None
    entry = STATE.by_id.get(quiz_id)
    origin = entry.file if entry else page.file

    def rewrite(root):
        _RelativePathTreeprocessor(origin, STATE.files, STATE.config).run(root)
        if origin is page.file:
            return
        for el, key in links(root):
            parts = urlsplit(el.get(key, ""))
            if parts.scheme or parts.netloc or parts.path.startswith("/"):
                continue
            target = urlsplit(urljoin("http://site/" + origin.url, el.get(key)))
            rel = get_relative_url(target.path.lstrip("/"), page.file.url)
            el.set(key, urlunsplit(("", "", rel, target.query, target.fragment)))

    return rewrite


# --- generated pages -----------------------------------------------------------------------


def _sorted(entries):
    return sorted(entries, key=lambda e: (STATE.nav_order.get(e.file.src_uri, 10**6), e.file.src_uri, e.line))


def _title(file) -> str:
    if file.page is not None and file.page.title:
        return file.page.title
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", file.content_string, re.M)
    return m.group(1) if m else file.src_uri


def _md_link(file, page) -> str:
    """A relative .md link from page to file, so MkDocs checks and rewrites it."""
    rel = os.path.relpath(file.src_uri, os.path.dirname(page.file.src_uri) or ".")
    return rel.replace(os.sep, "/")


def _review(page) -> str:
    """The review page: the same fences as the chapters (same ids, so progress is shared).
    Pages in the review page's own folder (the quiz section: its demos) are left out."""
    section = os.path.dirname(page.file.src_uri)
    chapters = [e for e in _sorted(STATE.quizzes) if os.path.dirname(e.file.src_uri) != section]
    out = []
    for level in DIFFICULTIES:
        entries = [e for e in chapters if e.quiz["difficulty"] == level]
        out.append(f"## {level.capitalize()} ({len(entries)})\n")
        if not entries:
            out.append("No questions at this level yet.\n")
        for e in entries:
            ticks = backticks_around(e.source)
            out.append(f"From [{_title(e.file)}]({_md_link(e.file, page)}):\n")
            out.append(f"{ticks}quiz\n{e.source.rstrip()}\n{ticks}\n")
    return "\n".join(out)


def _progress(page) -> str:
    """Every quiz on the site, grouped by page; quiz.js fills in each status from localStorage."""
    total = len(STATE.quizzes)
    out = [
        f'<p class="quiz-progress-summary" data-quiz-total="{total}">{total} quizzes on this site.</p>\n',
        '<p class="quiz-js" hidden><button type="button" class="quiz-reset-all">'
        "Reset all progress</button></p>\n",
    ]
    by_file: dict = {}
    for e in _sorted(STATE.quizzes):
        by_file.setdefault(e.file, []).append(e)
    for file, entries in by_file.items():
        url = get_relative_url(file.url, page.file.url)
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
        out.append(f"## [{_title(file)}]({_md_link(file, page)})\n")
        out.append(f'<ul class="quiz-progress-list">\n{"".join(items)}\n</ul>\n')
    if not by_file:
        out.append("No quizzes yet.\n")
    return "\n".join(out)

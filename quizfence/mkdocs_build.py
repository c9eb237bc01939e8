"""The quiz side of a MkDocs build, behind hooks/quizzes.py.

MkDocs loads hook files as loose modules; the state lives here, in the installed
package, so that the superfences formatter (quizfence.superfences_formatter)
reads the same catalog the hooks built: each quiz is parsed once, in `on_files`.
MkDocs itself is imported only inside the hook events, so that the formatter also
works in a build that runs no hooks (Zensical; see `make zensical-check`).
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit, urlunsplit

from . import export, generated_pages
from .catalog import CatalogError, QuizEntry
from .catalog import collect as collect_quizzes
from .markdown_fences import scan_fences
from .render import links

# Under "mkdocs." so that `mkdocs build --strict` counts what is logged here.
log = logging.getLogger("mkdocs.plugins.quizfence")

# A line holding only `<!-- quizfence:NAME -->`; a misspelt prefix (`quizfense:`) is caught too.
MARKER = re.compile(r"^[ \t]*<!--\s*(?P<prefix>quiz\w*)\s*:\s*(?P<name>[\w-]*)\s*-->[ \t]*$", re.M)


@dataclass
class BuildState:
    config: object = None
    files: object = None  # mkdocs Files
    page: object = None  # the page being rendered, for the formatter
    quizzes: list[QuizEntry] = field(default_factory=list)
    by_body: dict[str, QuizEntry] = field(default_factory=dict)  # normalised fence body -> entry
    nav_order: dict[str, int] = field(default_factory=dict)


STATE = BuildState()


def body_key(source: str) -> str:
    """A fence body as both the page scan and superfences see it (indentation already removed)."""
    return "\n".join(line.rstrip() for line in source.strip().splitlines())


def display_path(file, config) -> str:
    """docs/path.md, relative to the folder of mkdocs.yml (absolute if outside it)."""
    base = os.path.dirname(config.config_file_path or os.path.join(os.getcwd(), "x"))
    rel = os.path.relpath(file.abs_src_path, base)
    return (file.abs_src_path if rel.startswith("..") else rel).replace(os.sep, "/")


def collect(files, config) -> list[QuizEntry]:
    """Parse every quiz of every Markdown page. All problems -> one PluginError, file:line each."""
    pages = (
        (file.src_uri, display_path(file, config), file.content_string)
        for file in files.documentation_pages()
        if file.src_uri.endswith(".md")
    )
    from mkdocs.exceptions import PluginError

    try:
        return collect_quizzes(pages)
    except CatalogError as exc:
        raise PluginError("Invalid quiz fences:\n" + str(exc)) from None


# --- hook events (hooks/quizzes.py forwards to these) ----------------------------------------


def on_config(config):
    STATE.__init__()
    STATE.config = config


def on_files(files, config):
    STATE.files = files
    STATE.quizzes = collect(files, config)
    STATE.by_body = {body_key(e.source): e for e in STATE.quizzes}


EXPORT_DIR = "quizzes/export"  # where the question bank files appear in the site


def on_nav(nav, config, files):
    from mkdocs.structure.files import File

    STATE.nav_order = {p.file.src_uri: i for i, p in enumerate(nav.pages)}
    # The question bank for course platforms, from the catalog, chapters in reading order.
    site = config.site_url or ""
    order = [(p.file.src_uri, p.title or _h1(p.file) or p.file.src_uri, site + p.file.url) for p in nav.pages]
    chapters = export.chapters_of([e for e in STATE.quizzes if export.in_bank(e)], order)
    for name, data in export.exports(chapters).items():
        files.append(File.generated(config, f"{EXPORT_DIR}/{name}", content=data))


def _h1(file) -> str | None:
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", file.content_string, re.M)
    return m.group(1) if m else None


def on_page_markdown(markdown, page, config, files):
    from mkdocs.exceptions import PluginError

    STATE.page = page
    where = display_path(page.file, config)

    fenced = {n for f in scan_fences(markdown) for n in range(f.line, f.line + f.source.count("\n") + 2)}

    def expand(match):
        name, line = match["name"], markdown.count("\n", 0, match.start()) + 1
        if line in fenced:  # shown inside a code block, as an example
            return match[0]
        if match["prefix"] != "quizfence" or name not in generated_pages.MARKERS:
            known = ", ".join(f"<!-- quizfence:{m} -->" for m in generated_pages.MARKERS)
            raise PluginError(f"{where}:{line}: unknown marker {match[0]!r} (known: {known})")
        return generated_pages.MARKERS[name](page, STATE)

    return MARKER.sub(expand, markdown)


def on_page_content(html, page, config, files):
    STATE.page = None


def on_post_build(config):
    STATE.__init__()  # a later build in the same process (mkdocs serve) starts afresh


# --- for the formatter ---------------------------------------------------------------------


def entry_for(source: str) -> QuizEntry | None:
    """The catalog entry of a fence body, or None for a quiz the hooks never saw (a snippet)."""
    return STATE.by_body.get(body_key(source))


def hooks_ran() -> bool:
    """Whether this build runs the hooks (MkDocs) or only the formatter (Zensical)."""
    return STATE.config is not None


def current_page_path() -> str:
    if STATE.page is None or STATE.config is None:
        return "quiz fence (page unknown)"
    return display_path(STATE.page.file, STATE.config)


def link_rewriter(entry: QuizEntry | None):
    """Resolve the links of a quiz against the page it is written in, as MkDocs does for page
    links (a missing target is a warning, so --strict fails), then make them relative to the
    page it is shown on (the same page, or the review page)."""
    page, files = STATE.page, STATE.files
    if page is None or files is None:
        return None
    origin = files.get_file_from_path(entry.src_uri) if entry else page.file

    def resolve(url: str) -> str:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith(("/", "\\")):
            return url
        if not parts.path:  # "#anchor": on the page the quiz is written in
            return url if origin is page.file else origin.url_relative_to(page.file) + url
        target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(origin.src_uri), unquote(parts.path)))
        target = files.get_file_from_path(target_uri)
        if target is None:
            log.warning(
                "Doc file '%s' contains a link '%s', but the target '%s' is not found among documentation files.",
                origin.src_uri,
                url,
                target_uri,
            )
            return url
        return urlunsplit(("", "", target.url_relative_to(page.file), parts.query, parts.fragment))

    def rewrite(root):
        for el, key in links(root):
            el.set(key, resolve(el.get(key, "")))

    return rewrite

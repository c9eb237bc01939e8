"""Every quiz in the docs, found and parsed once.

The MkDocs hooks build their catalog with `collect` from the pages MkDocs read;
the tests and tools call `collect_docs` on the docs folder. Both go through the
same walker, so a quiz the build accepts is exactly a quiz the tests run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .markdown_fences import Fence, scan_fences
from .schema import QuizError, parse_quiz


@dataclass(frozen=True)
class QuizEntry:
    quiz: dict  # parsed and validated (quizfence.schema)
    src_uri: str  # the page, relative to docs/: "basics/types.md"
    path: str  # the page as an author finds it: "docs/basics/types.md"
    line: int  # 1-based line of the opening fence
    source: str  # the fence body, YAML

    @property
    def id(self) -> str:
        return self.quiz["id"]

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


class CatalogError(Exception):
    """Every problem found in the pages, one `file:line: reason` each."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def quiz_fences(markdown: str) -> list[Fence]:
    """Every top-level ```quiz fence of a page (not those shown inside a longer fence)."""
    return [f for f in scan_fences(markdown) if f.lang == "quiz"]


def collect(pages: Iterable[tuple[str, str, str]]) -> list[QuizEntry]:
    """Parse the quizzes of `(src_uri, path, markdown)` pages; ids must be unique across them."""
    errors, entries, first = [], [], {}
    for src_uri, path, markdown in pages:
        for fence in quiz_fences(markdown):
            where = f"{path}:{fence.line}"
            if not fence.closed:
                errors.append(f"{where}: quiz fence is never closed")
                continue
            try:
                quiz = parse_quiz(fence.source)
            except QuizError as exc:
                name = f"quiz {exc.quiz_id!r}: " if exc.quiz_id else ""
                at = f" (line {fence.line + 1 + exc.offset})" if exc.offset is not None else ""
                errors.append(f"{where}: {name}{exc.reason}{at}")
                continue
            if quiz["id"] in first:
                errors.append(f"{where}: duplicate quiz id {quiz['id']!r} (first used at {first[quiz['id']]})")
                continue
            first[quiz["id"]] = where
            entries.append(QuizEntry(quiz, src_uri, path, fence.line, fence.source))
    if errors:
        raise CatalogError(errors)
    return entries


def collect_docs(docs: Path, root: Path | None = None) -> list[QuizEntry]:
    """Every quiz in the Markdown pages under `docs`, with paths relative to `root`."""
    root = root or docs.parent
    pages = sorted(docs.rglob("*.md"))
    return collect(
        (p.relative_to(docs).as_posix(), p.relative_to(root).as_posix(), p.read_text(encoding="utf-8")) for p in pages
    )

"""`pytest --update-outputs` (`make update-outputs`): rewrite shown outputs in place.

Every checked output block on a page (an expected-output fence under a code fence, or a
snippet-output fence under a snippet include) is compared with what its code prints now.
Where they differ, only the body lines of that output fence are replaced, re-indented like
the fence (inside a tab or an admonition); every other byte of the page stays as it was.
"""

from __future__ import annotations

import contextlib
import difflib
import io
from dataclasses import dataclass
from pathlib import Path

from tests.fence_lint import PageFence, scan


@dataclass
class Change:
    fence: PageFence  # the output fence to rewrite
    printed: str  # what the code prints now


PENDING: list[Change] = []


def output_fences(path: Path) -> dict[int, PageFence]:
    """{line of the code fence that starts a block: its expected-output fence}. A fence
    joined with `pytest-codeblocks:cont` belongs to the block that the chain started."""
    found, head = {}, None
    for fence in scan(path):
        if fence.has_marker("pytest-codeblocks:expected-output"):
            found[head] = fence
        elif fence.is_python and not fence.has_marker("pytest-codeblocks:cont"):
            head = fence.line
    return found


def run_block(item) -> None:
    """Run a pytest-codeblocks item as it does, and record its output if it changed."""
    block = item.obj
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(block.code, {"__MODULE__": "__main__"})
    if printed.getvalue() != block.expected_output:
        fence = output_fences(item.path.relative_to(item.config.rootpath))[block.lineno]
        PENDING.append(Change(fence, printed.getvalue()))


def record(fence: PageFence, printed: str) -> None:
    """For tests that compare a shown output themselves (snippet outputs)."""
    if printed != fence.body + "\n":
        PENDING.append(Change(fence, printed))


def _body_lines(change: Change) -> list[str]:
    fence, printed = change.fence, change.printed
    if printed and not printed.endswith("\n"):
        raise ValueError(f"{fence.where}: the output does not end with a newline, so a fence cannot show it exactly")
    lines = printed.splitlines()
    if any(line.lstrip().startswith(fence.fence[0] * 3) for line in lines):
        raise ValueError(f"{fence.where}: the output holds a line that would close its fence")
    return [fence.indent + line if line else "" for line in lines]


def apply(root: Path) -> list[str]:
    """Rewrite every pending change; returns a unified diff per changed page."""
    diffs = []
    by_page: dict[Path, list[Change]] = {}
    for change in PENDING:
        by_page.setdefault(change.fence.path, []).append(change)
    for page, changes in by_page.items():
        path = root / page
        old = path.read_text(encoding="utf-8")
        if "\r" in old:
            raise ValueError(f"{page}: has Windows line endings; only \\n pages are rewritten")
        lines = old.split("\n")
        for change in sorted(changes, key=lambda c: c.fence.line, reverse=True):  # bottom up
            lines[change.fence.line : change.fence.end - 1] = _body_lines(change)
        new = "\n".join(lines)
        path.write_text(new, encoding="utf-8")
        diffs.append(
            "".join(
                difflib.unified_diff(
                    old.splitlines(keepends=True), new.splitlines(keepends=True), str(page), str(page), n=1
                )
            )
        )
    PENDING.clear()
    return diffs

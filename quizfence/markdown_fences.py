"""A CommonMark fenced-block reader for raw Markdown pages.

The quiz catalog uses it to find quiz fences with their line numbers, and the
test suite's fence lint uses it to check every fence a page has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Fence:
    line: int  # 1-based line of the opening fence in the page
    source: str  # the body, dedented like superfences does
    closed: bool = True
    fence: str = "```"  # the opening run of backticks or tildes
    info: str = ""  # what follows it: `python title="x"`, `{ .quiz }`
    end: int = 0  # 1-based line of the closing fence (one past the last line if unclosed)
    indent: str = ""  # the whitespace before the opening fence (inside a tab or admonition)

    @property
    def lang(self) -> str:
        words = self.info.strip().strip("{}").split()
        return words[0].lstrip(".").lower() if words else ""


_OPEN_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*?)[ \t]*$")


def scan_fences(text: str) -> list[Fence]:
    """Every top-level fenced block in a page's raw Markdown, in order. A fence closes on the
    same character, at least as long, so blocks nested inside a longer fence (such as a quiz
    shown as an example inside a ````markdown block) are part of its body, not fences."""
    lines = text.splitlines()
    fences, i = [], 0
    while i < len(lines):
        m = _OPEN_RE.match(lines[i])
        if not m or (m["fence"][0] == "`" and "`" in m["info"]):
            i += 1
            continue
        fence, indent = m["fence"], len(m["indent"])
        close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        body = "\n".join(_dedent(line, indent) for line in lines[i + 1 : j])
        fences.append(Fence(i + 1, body, j < len(lines), fence, m["info"], j + 1, m["indent"]))
        i = j + 1
    return fences


def _dedent(line: str, indent: int) -> str:
    stripped = line[:indent].lstrip(" \t")
    return stripped + line[indent:] if len(line) >= indent else line.lstrip(" \t")

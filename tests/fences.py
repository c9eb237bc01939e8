"""Find the fenced code blocks of a Markdown page, with the comment markers above them.

A small, strict reader of CommonMark fences (``` or ~~~, any indent, closed by
the same character at least as long). The lint compares what it finds with
what pytest-codeblocks collects, so the two must not share code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*?)[ \t]*$")
MARKER = re.compile(r"^\s*<!--\s*(?P<body>.*?)\s*-->\s*$")
PYTHON_NAMES = {"python", "py", "python3", "py3", "pycon", "ipython", "ipython3"}


@dataclass
class Fence:
    path: Path
    line: int  # 1-based line of the opening fence
    fence: str  # the opening run of backticks or tildes
    info: str  # everything after the fence characters
    body: str
    markers: list[str] = field(default_factory=list)  # comments directly above, in order

    @property
    def lang(self) -> str:
        """The language word of the info string: `python title="x"` and `{.python}` give python."""
        word = self.info.split()[0] if self.info.split() else ""
        return word.strip("{}").lstrip(".").lower()

    @property
    def is_python(self) -> bool:
        return self.lang in PYTHON_NAMES

    def has_marker(self, prefix: str) -> bool:
        return any(m.startswith(prefix) for m in self.markers)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def scan(path: Path) -> list[Fence]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    fences: list[Fence] = []
    markers: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if marker := MARKER.match(line):
            markers.append(marker.group("body"))
            i += 1
            continue
        opening = OPEN.match(line)
        if not opening:
            if line.strip():
                markers = []  # markers only count when they sit right above a fence
            i += 1
            continue
        char, length = opening.group("fence")[0], len(opening.group("fence"))
        closing = re.compile(rf"^[ \t]*{re.escape(char)}{{{length},}}[ \t]*$")
        end = i + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        if end == len(lines):
            raise ValueError(f"{path}:{i + 1}: fence is never closed")
        indent = len(opening.group("indent"))
        body = "\n".join(text[indent:] if text[:indent].isspace() else text.lstrip() for text in lines[i + 1 : end])
        fences.append(Fence(Path(path), i + 1, opening.group("fence"), opening.group("info"), body, markers))
        markers = []
        i = end + 1
    return fences


def lint(path: Path, snippets_dir: Path) -> list[str]:
    """Every reason a page's fences would not be run, or run wrongly, by pytest-codeblocks."""
    from pytest_codeblocks.main import extract_from_file

    errors = []
    fences = scan(path)
    for previous, fence in zip([None, *fences], fences):
        for marker in fence.markers:
            if marker.startswith("pytest.mark.skip") and "reason=" not in marker:
                errors.append(f"{fence.where}: a skip mark needs a reason=, shown in every test run")
            if marker.startswith("pytest.mark.xfail"):
                errors.append(f"{fence.where}: xfail hides failures; catch the exception and print it")
            if marker.startswith("snippet-output:"):
                name = marker.split(":", 1)[1].strip()
                if not (snippets_dir / name).is_file():
                    errors.append(f"{fence.where}: snippet-output names a missing snippet {name!r}")
                if previous is None or f'--8<-- "{name}"' not in previous.body:
                    errors.append(f"{fence.where}: snippet-output {name!r} must follow the fence that includes it")
        if fence.lang in {"sh", "bash", "zsh"}:
            errors.append(f"{fence.where}: ```{fence.lang} fences are executed by pytest-codeblocks; show commands as ```console")
        if not fence.is_python or fence.has_marker("pytest-codeblocks:expected-output"):
            continue
        if fence.fence[0] != "`" or fence.info != "python":
            errors.append(
                f"{fence.where}: pytest-codeblocks silently skips a {fence.fence[:3]}{fence.info} fence;"
                " open Python code with exactly ```python"
            )
        always_skipped = any(m == "pytest.mark.skip" or m.startswith("pytest.mark.skip(") for m in fence.markers)
        if "--8<--" in fence.body and not always_skipped:
            errors.append(f"{fence.where}: a --8<-- include runs as Python; mark the fence skipped and test the snippet")
        if re.search(r"""__name__\s*==\s*["']__main__["']""", fence.body):
            errors.append(f"{fence.where}: pytest-codeblocks runs fences with __name__ != '__main__', so this guard skips its body")

    on_page = sum(
        1 for f in fences if f.is_python and not f.has_marker("pytest-codeblocks:expected-output")
    )
    collected = extract_from_file(path)
    joined = sum(1 for f in fences if f.has_marker("pytest-codeblocks:cont"))
    tests = sum(1 for block in collected if block.syntax == "python") + joined
    if on_page != tests:
        errors.append(f"{path}: {on_page} Python fences on the page, but pytest-codeblocks collects {tests}")
    return errors

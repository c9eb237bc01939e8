"""The fenced code blocks of a Markdown page, with the comment markers above them.

The fences come from quizfence's CommonMark fence reader, which the build also
uses; the lint compares them with what pytest-codeblocks collects, so the two
sides never share a parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hooks import snippet_paths
from quizfence.markdown_fences import scan_fences

MARKER = re.compile(r"^\s*<!--\s*(?P<body>.*?)\s*-->\s*$")
PYTHON_NAMES = {"python", "py", "python3", "py3", "pycon", "ipython", "ipython3"}


@dataclass
class PageFence:
    path: Path
    line: int  # 1-based line of the opening fence
    fence: str  # the opening run of backticks or tildes
    info: str  # everything after the fence characters
    lang: str  # the language word of the info string: `python title="x"` and `{.python}` give python
    body: str
    markers: list[str] = field(default_factory=list)  # comments directly above, in order
    end: int = 0  # 1-based line of the closing fence
    indent: str = ""  # the whitespace before the fence (inside a tab or admonition)

    @property
    def is_python(self) -> bool:
        return self.lang in PYTHON_NAMES

    def has_marker(self, prefix: str) -> bool:
        return any(m.startswith(prefix) for m in self.markers)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def markers_above(lines: list[str], line: int) -> list[str]:
    """The comment lines right above 1-based `line`, blank lines allowed between them."""
    found = []
    for text in reversed(lines[: line - 1]):
        if marker := MARKER.match(text):
            found.append(marker.group("body"))
        elif text.strip():
            break
    return found[::-1]


def scan(path: Path) -> list[PageFence]:
    text = Path(path).read_text(encoding="utf-8")
    lines = text.splitlines()
    fences = []
    for f in scan_fences(text):
        if not f.closed:
            raise ValueError(f"{path}:{f.line}: fence is never closed")
        fences.append(
            PageFence(
                Path(path), f.line, f.fence, f.info, f.lang, f.source, markers_above(lines, f.line), f.end, f.indent
            )
        )
    return fences


OUTPUT_INFO = 'text title="Output"'  # how a shown output opens (README, "Outputs")
CHECKED = ("pytest-codeblocks:expected-output", "snippet-output:")
KERAS_MARKS = {"pytest.mark.keras3", "pytest.mark.keras2"}


def _skip_marks(fence: PageFence) -> list[str]:
    return [
        m for m in fence.markers if m == "pytest.mark.skip" or m.startswith(("pytest.mark.skip(", "pytest.mark.skipif"))
    ]


def _marker_errors(fence: PageFence, previous: PageFence | None, snippets_dir: Path) -> list[str]:
    errors = []
    for marker in fence.markers:
        if "TF_USE_LEGACY_KERAS" in marker:
            errors.append(
                f"{fence.where}: use <!--pytest.mark.keras3--> or <!--pytest.mark.keras2-->, not a raw TF_USE_LEGACY_KERAS condition"
            )
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
        if marker == "pytest-codeblocks:expected-output":
            if previous is None or not previous.is_python or previous.has_marker(CHECKED[0]):
                errors.append(
                    f"{fence.where}: an expected-output marker must come right after the ```python fence whose output it shows"
                )
            elif _skip_marks(previous):
                errors.append(f"{fence.where}: the fence above is skipped, so this output is never checked")
    if len(KERAS_MARKS & set(fence.markers)) > 1:
        errors.append(f"{fence.where}: marked both keras3 and keras2; drop both to run under each")
    return errors


def lint(path: Path, snippets_dir: Path) -> list[str]:
    """Every reason a page's fences would not be run, or run wrongly, by pytest-codeblocks,
    and every shown output that nothing checks."""
    from pytest_codeblocks.main import extract_from_file

    errors = []
    fences = scan(path)
    for previous, fence in zip([None, *fences], fences, strict=False):  # (fence before, fence)
        errors += _marker_errors(fence, previous, snippets_dir)
        checked = any(fence.has_marker(m) for m in CHECKED)
        if 'title="Output"' in fence.info and not checked:
            errors.append(
                f"{fence.where}: an output nothing checks; put <!--pytest-codeblocks:expected-output--> above it"
            )
        if checked and fence.info != OUTPUT_INFO:
            errors.append(f"{fence.where}: open a checked output with exactly ```{OUTPUT_INFO}")
        if fence.lang in {"sh", "bash", "zsh"}:
            errors.append(
                f"{fence.where}: ```{fence.lang} fences are executed by pytest-codeblocks; show commands as ```console"
            )
        if not fence.is_python or checked:
            continue
        if fence.fence[0] != "`" or fence.info != "python":
            errors.append(
                f"{fence.where}: pytest-codeblocks silently skips a {fence.fence[:3]}{fence.info} fence;"
                " open Python code with exactly ```python"
            )
        includes = [m for line in fence.body.splitlines() if (m := snippet_paths.INCLUDE.match(line))]
        whole_files = [m["path"] for m in includes if not m["section"]]
        if whole_files and not _skip_marks(fence):
            errors.append(
                f"{fence.where}: a --8<-- include runs as Python, and a whole snippet is a script with a __main__"
                " block: mark the fence skipped and test the snippet (or include a section, file.py:name,"
                " which the tests run in place)"
            )
        if _skip_marks(fence) and not whole_files:
            errors.append(
                f"{fence.where}: only a snippet include may be skipped; mark one-Keras code keras3 or keras2, and make the rest run"
            )
        if re.search(r"""__name__\s*==\s*["']__main__["']""", fence.body):
            errors.append(
                f"{fence.where}: pytest-codeblocks runs fences with __name__ != '__main__', so this guard skips its body"
            )

    on_page = sum(1 for f in fences if f.is_python and not f.has_marker(CHECKED[0]))
    collected = extract_from_file(path)
    joined = sum(1 for f in fences if f.has_marker("pytest-codeblocks:cont"))
    tests = sum(1 for block in collected if block.syntax == "python") + joined
    if on_page != tests:
        errors.append(f"{path}: {on_page} Python fences on the page, but pytest-codeblocks collects {tests}")
    return errors

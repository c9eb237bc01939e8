"""Snippet includes: name the page and line of a bad one, and expand them for the tests.

pymdownx.snippets (check_paths: true) already stops the build on a missing file, but its
error names only the snippet. This hook runs first and says where the include is, for a
missing file and for a missing section (`--8<-- "part/file.py:name"` includes the lines
between `# --8<-- [start:name]` and `# --8<-- [end:name]`).

`expand(code, bases)` does what pymdownx.snippets does to a fence, so that the tests run
a fence that includes a section exactly as the page shows it (see conftest.py).
"""

import re
from pathlib import Path

INCLUDE = re.compile(r"""^(?P<indent>[ \t]*)-{1,}8<-{1,}\s+["'](?P<path>[^"':]+)(?::(?P<section>[\w-]+))?["']\s*$""")
MARK = re.compile(r"^\s*#\s*-{1,}8<-{1,}\s*\[(?P<end>start|end):(?P<name>[\w-]+)\]\s*$")


class SnippetError(LookupError):
    pass


def read(path: str, section: str | None, bases: list[str]) -> str:
    """The text an include stands for: a whole file or one section, without section markers."""
    file = next((Path(base) / path for base in bases if (Path(base) / path).is_file()), None)
    if file is None:
        raise SnippetError(f"snippet {path!r} not found in {', '.join(bases)}/")
    lines, inside, found = [], section is None, False
    for line in file.read_text(encoding="utf-8").splitlines():
        mark = MARK.match(line)
        if mark:
            if mark["name"] == section:
                inside, found = mark["end"] == "start", True
            continue
        if inside:
            lines.append(line)
    if section and not found:
        raise SnippetError(f"snippet {path!r} has no section {section!r} (# --8<-- [start:{section}])")
    return "\n".join(lines).strip("\n")


def expand(code: str, bases: list[str]) -> str:
    """Replace each include line of a fence with what it includes, indented like the line."""
    out = []
    for line in code.splitlines():
        m = INCLUDE.match(line)
        if not m:
            out.append(line)
            continue
        text = read(m["path"], m["section"], bases)
        out += [m["indent"] + part if part else "" for part in text.splitlines()]
    return "\n".join(out) + "\n"


def on_page_markdown(markdown, page, config, files):
    from mkdocs.exceptions import PluginError

    bases = config["mdx_configs"]["pymdownx.snippets"]["base_path"]
    for number, line in enumerate(markdown.splitlines(), start=1):
        match = INCLUDE.match(line)
        if match:
            try:
                read(match["path"], match["section"], bases)
            except SnippetError as exc:
                raise PluginError(f"docs/{page.file.src_path}:{number}: {exc}") from None
    return markdown

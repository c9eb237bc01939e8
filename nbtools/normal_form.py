"""The normal form of a lab notebook, and the comparison of two runs' outputs.

A lab is committed as an .ipynb in one canonical form, so that a diff shows what
changed and nothing else:

- notebook metadata: only the kernel (no Python version, no editor state);
- cell metadata: only the keys this book uses (tags, alt, snippet, collapsed source);
- no execution counts (they shift when a cell is added);
- streams merged, carriage returns resolved (a progress bar keeps its last state);
- figures as SVG text without the creation date and matplotlib version, and with
  matplotlib's random ids renumbered in order;
- cells tagged `needs-download` carry no outputs (see README, "Labs").

`nbformat.writes` then sorts keys and writes one source line per JSON string.
"""

from __future__ import annotations

import copy
import re

import nbformat

from .conventions import ALT, NEEDS_DOWNLOAD, REAL_DATA_RUN, SNIPPET, SNIPPETS, SOLUTION

KERNELSPEC = {"display_name": "Python 3", "language": "python", "name": "python3"}
CELL_KEYS = {"tags", ALT, SNIPPET, "jupyter"}
SVG = "image/svg+xml"
KEPT_MIME = ("text/plain", SVG, "image/png")

# TensorFlow's C++ runtime logs to the process's stderr before its logging is set up, whatever
# TF_CPP_MIN_LOG_LEVEL says: "WARNING: All log messages before absl::InitializeLog() ..." and
# "I0000 00:00:1795465984.889841   30854 cudart_stub.cc:31] ...", with a timestamp and a process id.
# The kernel forwards them into the cell's output; they are dropped (the only text that is masked).
_RUNTIME_LOG = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\)|[IWEF]\d{4} [\d:.]+ +\d+ \S+:\d+\]"
    r"|To enable the following instructions: .* rebuild TensorFlow with the appropriate compiler flags\.).*\n?",
    re.M,
)
_SVG_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_SVG_RANDOM_ID = re.compile(r'id="([a-z]+)([0-9a-f]{10})"')
_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)")
SVG_TOLERANCE = 0.5  # points (1/72 inch): two figures closer than this at every coordinate look the same


def canonical_svg(svg: str) -> str:
    svg = _SVG_METADATA.sub("", svg)
    names: dict[str, str] = {}
    for prefix, digits in _SVG_RANDOM_ID.findall(svg):
        names.setdefault(prefix + digits, f"{prefix}{len(names) + 1:010d}")
    for old, new in names.items():
        svg = svg.replace(old, new)
    return svg


def resolve_carriage_returns(text: str) -> str:
    """What a terminal shows: on each line, text after a carriage return overwrites what was before."""
    lines = []
    for line in text.split("\n"):
        shown = ""
        for part in line.split("\r"):
            shown = part + shown[len(part) :]
        lines.append(shown)
    return "\n".join(lines)


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else value


def canonical_outputs(outputs: list) -> list:
    result = []
    for output in outputs:
        kind = output["output_type"]
        if kind == "stream":
            text = _text(output["text"])
            if result and result[-1]["output_type"] == "stream" and result[-1]["name"] == output["name"]:
                result[-1]["text"] += text
            else:
                result.append(nbformat.v4.new_output("stream", name=output["name"], text=text))
        elif kind in {"display_data", "execute_result"}:
            data = {mime: _text(value) for mime, value in output["data"].items() if mime in KEPT_MIME}
            if SVG in data:
                data[SVG] = canonical_svg(data[SVG])
            new = nbformat.v4.new_output("display_data", data=data)
            if kind == "execute_result":
                new = nbformat.v4.new_output("execute_result", data=data, execution_count=None)
            result.append(new)
        else:  # an error: kept, so that the tests can say which cell failed
            result.append(copy.deepcopy(output))
    for output in result:
        if output["output_type"] == "stream":
            output["text"] = resolve_carriage_returns(output["text"])
            if output["name"] == "stderr":
                output["text"] = _RUNTIME_LOG.sub("", output["text"])
    return [o for o in result if o["output_type"] != "stream" or o["text"]]


def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def needs_download(cell) -> bool:
    return NEEDS_DOWNLOAD in tags(cell)


def canonical(nb, real_data: bool = False) -> nbformat.NotebookNode:
    """A new notebook in the normal form (the argument is not changed).

    `real_data` keeps the outputs of `needs-download` cells and the notebook's record of
    the real-data run: only `make labs-real-data` (the Pages workflow) writes such a file.
    """
    nb = copy.deepcopy(nb)
    if nb.get("nbformat") != 4:
        nb = nbformat.convert(nb, 4)
    out = nbformat.v4.new_notebook()
    out.nbformat_minor = 5
    out.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    if real_data and REAL_DATA_RUN in nb.metadata:
        out.metadata[REAL_DATA_RUN] = dict(nb.metadata[REAL_DATA_RUN])
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        source = _text(cell.get("source", "")).strip("\n")
        metadata = {key: value for key, value in cell.get("metadata", {}).items() if key in CELL_KEYS}
        if "tags" in metadata:
            metadata["tags"] = sorted(set(metadata["tags"]))
            if not metadata["tags"]:
                del metadata["tags"]
        if SOLUTION in metadata.get("tags", []):
            metadata["jupyter"] = {"source_hidden": True}
        elif "jupyter" in metadata:
            del metadata["jupyter"]
        if cell["cell_type"] == "code":
            new = nbformat.v4.new_code_cell(source, metadata=metadata)
            if real_data or NEEDS_DOWNLOAD not in metadata.get("tags", []):
                new.outputs = canonical_outputs(cell.get("outputs", []))
        elif cell["cell_type"] == "markdown":
            new = nbformat.v4.new_markdown_cell(source, metadata=metadata)
        else:
            new = nbformat.v4.new_raw_cell(source, metadata=metadata)
        cell_id = cell.get("id")
        if not cell_id or cell_id in seen:
            cell_id = f"cell-{index:03d}"
        seen.add(cell_id)
        new.id = cell_id
        out.cells.append(new)
    return out


def dumps(nb, real_data: bool = False) -> str:
    nb = canonical(nb, real_data)
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


# --- snippets ---------------------------------------------------------------------------------------

# Where a notebook's copy of a snippet ends: a line `# --- ... ---`, or else the main block
# (a notebook cell runs as __main__, so the block would run).
_CUT = re.compile(r"""^(# -{3}.*-{3}$|if __name__ == ["']__main__["']:)""", re.M)


def snippet_source(name: str) -> str:
    """snippets/<name> up to its cut line or its `if __name__ == "__main__":` block."""
    text = (SNIPPETS / name).read_text(encoding="utf-8")
    match = _CUT.search(text)
    return (text[: match.start()] if match else text).strip("\n")


def sync_snippets(nb) -> list[str]:
    """Set each `snippet` cell's source from its file; returns the names of the cells that changed."""
    changed = []
    for cell in nb.cells:
        name = cell.get("metadata", {}).get(SNIPPET)
        if name and _text(cell.source).strip("\n") != snippet_source(name):
            cell.source = snippet_source(name)
            changed.append(name)
    return changed


# --- comparing two runs -----------------------------------------------------------------------------


def _svg_differs(expected: str, actual: str) -> str | None:
    a, b = _NUMBER.split(expected), _NUMBER.split(actual)
    if len(a) != len(b):
        return "the figure has other elements"
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        if i % 2 == 0 and x != y:
            return f"the figure differs near {x[:60]!r} / {y[:60]!r}"
        if i % 2 == 1 and abs(float(x) - float(y)) > SVG_TOLERANCE:
            return f"a coordinate of the figure moved from {x} to {y}"
    return None


def _describe(output) -> str:
    if output["output_type"] == "stream":
        return f"{output['name']}:\n{output['text']}"
    if output["output_type"] == "error":
        return f"{output['ename']}: {output['evalue']}"
    return ", ".join(sorted(output["data"]))


def output_differences(expected: list, actual: list) -> list[str]:
    """Why two canonical output lists differ (empty if they match).

    Text must match exactly. A figure (SVG) must have the same elements and text, and every
    coordinate within SVG_TOLERANCE: the last digits of a float may differ between CPUs.
    """
    if len(expected) != len(actual) or any(
        e["output_type"] != a["output_type"] for e, a in zip(expected, actual, strict=False)
    ):
        return [
            "shown:\n"
            + "\n".join(_describe(o) for o in expected)
            + "\nnow:\n"
            + "\n".join(_describe(o) for o in actual)
        ]
    problems = []
    for e, a in zip(expected, actual, strict=True):
        if e["output_type"] == "stream":
            if e["name"] != a["name"] or e["text"] != a["text"]:
                problems.append(f"shown:\n{e['text']}now:\n{a['text']}")
            continue
        if e["output_type"] == "error":
            problems.append(f"error: {_describe(a)}")
            continue
        if sorted(e["data"]) != sorted(a["data"]):
            problems.append(f"shown {_describe(e)}, now {_describe(a)}")
            continue
        for mime, value in e["data"].items():
            if mime == SVG:
                why = _svg_differs(value, a["data"][mime])
                if why:
                    problems.append(why)
            elif value != a["data"][mime]:
                problems.append(f"{mime} shown:\n{value[:500]}\nnow:\n{a['data'][mime][:500]}")
    return problems

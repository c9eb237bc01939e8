"""The labs (docs/labs/*.ipynb): committed in the normal form, and every output shown is
what the code prints when the notebook runs again from the top in a fresh kernel.

What is masked (nbtools.normal_form): TensorFlow's C++ start-up log lines on stderr
(timestamps, process ids), the date and random ids inside SVG figures, and figure
coordinates within half a point. Everything else must match exactly. Cells tagged
needs-download run under tfds.testing.mock_data and must carry no outputs.
`make labs` rewrites the notebooks with what they print now.
"""

import re
import time

import nbformat
import pytest

from nbtools import execute, normal_form
from nbtools.conventions import ALT, LABS_DIR, NEEDS_DOWNLOAD, REAL_DATA_RUN, SNIPPET, SOLUTION
from tests.mkdocs_builds import ROOT

LABS = sorted(LABS_DIR.glob("*.ipynb"))
IDS = [p.stem for p in LABS]
FIX = "run `make labs` to rewrite the labs with what they print now"


def where(path, index, cell) -> str:
    return f"{path.relative_to(ROOT)}: cell {index} ({cell.get('id')})"


def read(path):
    return nbformat.read(path, as_version=4)


def test_there_are_four_labs():
    assert IDS == ["lab-1-training-basics", "lab-2-fashion-mnist", "lab-3-breast-cancer", "lab-4-book-exercises"]


@pytest.mark.parametrize("path", LABS, ids=IDS)
def test_lab_is_in_the_normal_form(path):
    text = path.read_text(encoding="utf-8")
    assert text == normal_form.dumps(read(path)), f"{path.relative_to(ROOT)} is not in the normal form: {FIX}"


@pytest.mark.parametrize("path", LABS, ids=IDS)
def test_snippet_cells_are_the_snippets(path):
    nb = read(path)
    for index, cell in enumerate(nb.cells):
        name = cell.metadata.get(SNIPPET)
        if name:
            assert cell.source == normal_form.snippet_source(name), (
                f"{where(path, index, cell)}: differs from snippets/{name}: {FIX}"
            )


@pytest.mark.parametrize("path", LABS, ids=IDS)
def test_no_output_comes_from_mock_data(path):
    nb = read(path)
    assert REAL_DATA_RUN not in nb.metadata, (
        f"{path.relative_to(ROOT)}: outputs of a real-data run must not be committed"
    )
    for index, cell in enumerate(nb.cells):
        if NEEDS_DOWNLOAD in cell.metadata.get("tags", []):
            assert not cell.get("outputs"), f"{where(path, index, cell)} needs a download, so it shows no output: {FIX}"


@pytest.mark.parametrize("path", LABS, ids=IDS)
def test_figures_have_alt_text_and_outputs_no_errors(path):
    nb = read(path)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        figures = sum(
            1 for o in cell.outputs if o.output_type in {"display_data", "execute_result"} and "image/svg+xml" in o.data
        )
        draws = len(re.findall(r"\bplt\.show\(\)", cell.source))
        assert len(cell.metadata.get(ALT, [])) == max(figures, draws), (
            f"{where(path, index, cell)}: give each figure an alt text in the cell's metadata ({ALT!r})"
        )
        for output in cell.outputs:
            assert output.output_type != "error", f"{where(path, index, cell)} raised: {output.ename}: {output.evalue}"
            assert output.get("name") != "stderr", f"{where(path, index, cell)} wrote to stderr:\n{output.text}"


@pytest.mark.parametrize("path", LABS, ids=IDS)
def test_headings_are_plain_text(path):
    """mkdocs-jupyter builds the table of contents without inline code, so its links miss such headings."""
    for index, cell in enumerate(read(path).cells):
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                assert not (line.startswith("#") and "`" in line), (
                    f"{where(path, index, cell)}: no code in a heading: {line}"
                )


def test_solutions_are_folded_in_jupyter_too():
    for path in LABS:
        for index, cell in enumerate(read(path).cells):
            if SOLUTION in cell.metadata.get("tags", []):
                assert cell.metadata.get("jupyter") == {"source_hidden": True}, where(path, index, cell)


@pytest.mark.keras3
@pytest.mark.parametrize("path", LABS, ids=IDS)
def test_lab_prints_what_it_shows(path, record_property):
    nb = read(path)
    start = time.perf_counter()
    try:
        executed, seconds = execute.run(nb, name=path.relative_to(ROOT).as_posix())
    except execute.NotebookFailed as failure:
        pytest.fail(str(failure), pytrace=False)
    record_property("seconds", round(time.perf_counter() - start, 1))
    now = normal_form.canonical(executed)
    problems = []
    for index, (shown, ran) in enumerate(zip(normal_form.canonical(nb).cells, now.cells, strict=True)):
        if shown.cell_type == "code":
            for why in normal_form.output_differences(shown.outputs, ran.outputs):
                problems.append(f"{where(path, index, shown)}: {why}")
    assert not problems, "\n\n".join([*problems, f"The outputs shown are not what the lab prints: {FIX}."])

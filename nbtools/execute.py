"""Run a notebook top to bottom in a fresh Python kernel, as a reader would.

Errors are fatal: the first cell that raises stops the run with its traceback.

Notebooks with cells tagged `needs-download` run under `tfds.testing.mock_data` unless
`real_data=True`: a hidden first cell enters the mock, so `tfds.load("fashion_mnist")`
yields random examples with the real shapes and no download happens. Outputs of those
cells are never kept from such a run (nbtools.normal_form drops them).
"""

from __future__ import annotations

import copy
import os
import tempfile
import time

import nbclient
import nbformat

from .conventions import MOCK_EXAMPLES
from .normal_form import needs_download

# oneDNN picks CPU-specific kernels whose rounding differs between machines; without it the
# last digits of a lab's numbers are the same on a laptop and on CI.
KERNEL_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0", "PYTHONHASHSEED": "0"}
MOCK_CELL = (
    "import tensorflow_datasets as tfds\n"
    f"_mock_data = tfds.testing.mock_data(num_examples={MOCK_EXAMPLES})\n"
    "_mock_data.__enter__()"
)
CELL_TIMEOUT = 1200  # seconds; the real-data run trains on 60,000 images


class NotebookFailed(Exception):
    pass


def uses_downloads(nb) -> bool:
    return any(needs_download(cell) for cell in nb.cells)


def run(nb, real_data: bool = False, name: str = "notebook", cwd: str | None = None):
    """Execute a copy of `nb`; return (executed notebook, seconds). Raises NotebookFailed."""
    nb = copy.deepcopy(nb)
    mocked = uses_downloads(nb) and not real_data
    if mocked:
        nb.cells.insert(0, nbformat.v4.new_code_cell(MOCK_CELL))
    env = {**os.environ, **KERNEL_ENV}
    with tempfile.TemporaryDirectory(prefix="nb-run-") as tmp:
        client = nbclient.NotebookClient(
            nb,
            timeout=CELL_TIMEOUT,
            kernel_name="python3",
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": cwd or tmp}},
        )
        start = time.perf_counter()
        try:
            client.execute(env=env)
        except nbclient.exceptions.CellExecutionError as exc:
            raise NotebookFailed(f"{name}: a cell raised\n{exc}") from None
        except nbclient.exceptions.CellTimeoutError as exc:
            raise NotebookFailed(f"{name}: a cell ran longer than {CELL_TIMEOUT} s\n{exc}") from None
        seconds = time.perf_counter() - start
    if mocked:
        del nb.cells[0]
    return nb, seconds

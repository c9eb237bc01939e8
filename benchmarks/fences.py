"""Code-block costs: TensorFlow's import, the Keras 3 run of every fence in one process (as
`make test` runs them), and the same fences run the way a notebook-per-page toolchain
would: one fresh kernel (a fresh Python process) per page."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
ENV.pop("TF_USE_LEGACY_KERAS", None)  # Keras 3, the default run

IMPORT = """
import time
t = time.perf_counter()
import tensorflow as tf
t1 = time.perf_counter()
tf.keras.layers.Dense
print(t1 - t, time.perf_counter() - t1)
"""


def tensorflow_import(runs: int = 3) -> dict:
    """`import tensorflow` (then tf.keras, imported lazily) in fresh interpreters; medians.

    Also the wall time of that whole process (interpreter start, the import, and exit,
    which with TensorFlow loaded takes a while): the floor under any one-process run."""
    tf_s, keras_s, process_s = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", IMPORT], env=ENV, capture_output=True, text=True, check=True)
        process_s.append(time.perf_counter() - start)
        a, b = map(float, out.stdout.split()[-2:])
        tf_s.append(a)
        keras_s.append(b)
    return {
        "runs": runs,
        "tensorflow_s": statistics.median(tf_s),
        "keras_s": statistics.median(keras_s),
        "process_s": statistics.median(process_s),
    }


def codeblock_run() -> dict:
    """`pytest --codeblocks docs` as make test runs it, with each block's run time recorded."""
    with tempfile.TemporaryDirectory() as tmp:
        timings = Path(tmp, "timings.json")
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "--codeblocks", "docs", "-q", "-p", "no:cacheprovider"]
            + ["-p", "benchmarks.timing_plugin"],
            cwd=ROOT,
            env={**ENV, "BENCH_TIMINGS": str(timings)},
            capture_output=True,
            text=True,
        )
        wall = time.perf_counter() - start
        data = json.loads(timings.read_text())
    blocks = data["blocks"]
    per_page: dict[str, float] = {}
    for nodeid, seconds in blocks.items():
        page = nodeid.split("::")[0]
        per_page[page] = per_page.get(page, 0.0) + seconds
    imported = data["import_tensorflow_s"] + data["import_keras_s"]
    total = sum(blocks.values())
    return {
        "returncode": proc.returncode,
        "wall_s": wall,
        "import_s": imported,
        "blocks": len(blocks),
        "outcomes": data["outcomes"],
        "sum_s": total,
        "overhead_ratio": wall / (imported + total),
        "slowest_pages": sorted(per_page.items(), key=lambda kv: -kv[1])[:5],
    }


def _cells(page: Path) -> list[str]:
    """The page's fences that the Keras 3 run executes, `cont` chains already joined."""
    from pytest_codeblocks import extract_from_file

    return [
        block.code
        for block in extract_from_file(page)
        if block.syntax == "python" and not any("keras2" in m or "skip" in m for m in block.marks)
    ]


def notebook_per_page() -> dict:
    """Each page's fences as one notebook, executed in a fresh kernel (nbclient + ipykernel).

    The kernel inherits this process's environment: report.py sets it for Keras 3."""
    import nbformat
    from nbclient import NotebookClient

    pages, errors, total = {}, {}, 0.0
    for page in sorted(DOCS.rglob("*.md")):
        cells = _cells(page)
        if not cells:
            continue
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in cells])
        start = time.perf_counter()
        client = NotebookClient(nb, kernel_name="python3", timeout=600, allow_errors=True, resources={"metadata": {}})
        client.execute(stderr=subprocess.DEVNULL)  # the kernel's own log lines
        seconds = time.perf_counter() - start
        rel = page.relative_to(ROOT).as_posix()
        pages[rel] = seconds
        total += seconds
        failed = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        if failed:
            errors[rel] = len(failed)
    return {"pages": len(pages), "wall_s": total, "per_page": pages, "cells_with_errors": errors}

"""A pytest plugin for `make bench`: import TensorFlow first and time it, then record how
long each test (each code block) takes to run. Load with `-p benchmarks.timing_plugin`;
the results go to the JSON file named by BENCH_TIMINGS."""

from __future__ import annotations

import json
import os
import time

_timings: dict = {"import_tensorflow_s": None, "import_keras_s": None, "blocks": {}, "outcomes": {}}


def pytest_sessionstart(session):
    start = time.perf_counter()
    import tensorflow as tf

    _timings["import_tensorflow_s"] = time.perf_counter() - start
    start = time.perf_counter()
    tf.keras.layers.Dense  # noqa: B018 - tf.keras is imported lazily, on first use
    _timings["import_keras_s"] = time.perf_counter() - start


def pytest_runtest_logreport(report):
    if report.when == "call" or report.when == "setup" and report.skipped:
        _timings["blocks"][report.nodeid] = report.duration if report.when == "call" else 0.0
        _timings["outcomes"][report.outcome] = _timings["outcomes"].get(report.outcome, 0) + 1
    elif report.failed:
        _timings["outcomes"]["failed"] = _timings["outcomes"].get("failed", 0) + 1


def pytest_sessionfinish(session):
    with open(os.environ["BENCH_TIMINGS"], "w", encoding="utf-8") as out:
        json.dump(_timings, out, indent=1)

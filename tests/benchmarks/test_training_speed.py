"""benchmarks/training_speed.py runs, and the chapters show what its committed results say.

Timings are measured by `make bench`, never asserted: these tests check the plumbing.
"""

import functools
import importlib.util
import json
import sys

import pytest

from tests.mkdocs_builds import DOCS, ROOT

SHOWN_ON = [
    ("custom-training/tf-function-rules.md", "training_speed_step.md"),
    ("custom-training/tf-function-rules.md", "training_speed_loop.md"),
    ("custom-training/dynamic-models.md", "training_speed_fit.md"),
]


@functools.cache
def bench():
    """benchmarks/training_speed.py as a module, imported once per run."""
    path = ROOT / "benchmarks" / "training_speed.py"
    spec = importlib.util.spec_from_file_location("bench_training_speed", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def committed() -> dict:
    return json.loads((bench().RESULTS / bench().JSON_NAME).read_text(encoding="utf-8"))


def test_committed_results_come_from_a_full_run():
    results = committed()
    assert results["settings"] == bench().FULL, "re-run `make bench` after changing the benchmark's size"
    assert set(results["step"]) == set(bench().STEP_MODES)
    assert set(results["loops"]) == set(bench().LOOP_MODES)
    assert set(results["fit"]) == set(bench().FIT_MODES)
    assert {"cpu", "cores", "python", "tensorflow", "keras"} <= set(results["machine"])
    for r in [*results["step"].values(), *results["loops"].values(), *results["fit"].values()]:
        assert len(r["repeats_ms"]) == results["settings"]["repeats"]


def renderers() -> dict:
    return {
        bench().STEP_TABLE: bench().step_table,
        bench().LOOP_TABLE: bench().loop_table,
        bench().FIT_TABLE: bench().fit_table,
    }


@pytest.mark.parametrize("table", [table for _, table in SHOWN_ON])
def test_committed_tables_are_what_the_json_says(table):
    render = renderers()[table]
    shown = (bench().RESULTS / table).read_text(encoding="utf-8")
    assert shown == render(committed()), f"{table} differs from {bench().JSON_NAME}: re-run `make bench`"


@pytest.mark.parametrize(("page", "table"), SHOWN_ON)
def test_pages_include_the_measured_table(page, table):
    text = (DOCS / page).read_text(encoding="utf-8")
    include = f'--8<-- "custom-training/{table}"'
    assert include in text.splitlines(), f"docs/{page} must show the measured numbers with {include}"


@pytest.mark.keras3
def test_script_runs_on_a_reduced_size(tmp_path, capsys):
    results = bench().main(["--quick", "--out", str(tmp_path)])
    assert results["settings"] == bench().QUICK
    assert json.loads((tmp_path / bench().JSON_NAME).read_text(encoding="utf-8")) == results
    for mode in bench().STEP_MODES:
        assert results["step"][mode]["median_ms"] > 0
    for mode in bench().LOOP_MODES:
        assert results["loops"][mode]["median_ms"] > 0
    for mode in bench().FIT_MODES:
        assert results["fit"][mode]["median_ms"] > 0
    assert results["step"]["eager"]["speedup_over_eager"] == 1.0
    assert results["fit"]["graph"]["time_relative_to_graph"] == 1.0
    for table, render in renderers().items():
        assert (tmp_path / table).read_text(encoding="utf-8") == render(results)
    assert "wrote" in capsys.readouterr().out

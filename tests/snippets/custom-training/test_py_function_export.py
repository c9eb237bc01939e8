import tempfile
from pathlib import Path

import pytest
import tensorflow as tf


@pytest.fixture
def export(load_snippet):
    return load_snippet("custom-training/py_function_export.py")


def test_py_function_is_one_opaque_op_in_the_graph(export):
    stats = export.Stats()
    assert "EagerPyFunc" in export.saved_ops(stats, "median")
    assert "EagerPyFunc" not in export.saved_ops(stats, "mean")


def test_it_runs_in_the_saving_process_but_not_in_a_fresh_one(export):
    stats = export.Stats()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stats"
        tf.saved_model.save(stats, str(path))
        assert float(tf.saved_model.load(str(path)).median(tf.constant([1.0, 5.0, 2.0]))) == 2.0
        lines = export.call_in_a_fresh_process(path)
    assert lines == ["mean 2.667", "median InvalidArgumentError callback missing: True"]

"""A SavedModel with a tf.py_function inside: it saves, but the graph cannot run without the
Python process that saved it."""

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import tensorflow as tf


def python_median(values):
    """Plain Python on concrete values: no TensorFlow operation does this."""
    return statistics.median(values.numpy().tolist())


class Stats(tf.Module):
    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def mean(self, x):
        return tf.reduce_mean(x)  # TensorFlow operations only

    @tf.function(input_signature=[tf.TensorSpec([None], tf.float32)])
    def median(self, x):
        return tf.py_function(python_median, [x], Tout=tf.float32)  # calls back into Python


def saved_ops(module, name):
    """The operation types of one method's graph."""
    return sorted({op.type for op in getattr(module, name).get_concrete_function().graph.get_operations()})


LOAD_AND_CALL = """
import sys
import tensorflow as tf

stats = tf.saved_model.load(sys.argv[1])
x = tf.constant([1.0, 5.0, 2.0])
print("mean", round(float(stats.mean(x)), 3))
try:
    print("median", float(stats.median(x)))
except tf.errors.InvalidArgumentError as error:
    print("median", type(error).__name__, "callback missing:", "Could not find callback" in error.message)
"""


def call_in_a_fresh_process(path):
    """Load the SavedModel where the saving process's Python functions do not exist."""
    done = subprocess.run(
        [sys.executable, "-c", LOAD_AND_CALL, str(path)], capture_output=True, text=True, check=True, timeout=300
    )
    return done.stdout.splitlines()


if __name__ == "__main__":
    stats = Stats()
    print("ops in mean():  ", saved_ops(stats, "mean"))
    print("ops in median():", saved_ops(stats, "median"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stats"
        tf.saved_model.save(stats, str(path))
        here = tf.saved_model.load(str(path))
        print("same process, median:", float(here.median(tf.constant([1.0, 5.0, 2.0]))))
        for line in call_in_a_fresh_process(path):
            print("fresh process,", line)

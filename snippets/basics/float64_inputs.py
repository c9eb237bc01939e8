"""Feeding float64 NumPy data to float32 code: where it breaks, where it costs."""

import numpy as np
import tensorflow as tf


def make_features(n_rows=1000, n_cols=10, seed=0):
    """NumPy's default float type is float64, so this is what most data looks like."""
    return np.random.default_rng(seed).normal(size=(n_rows, n_cols))


def raw_matmul_fails(features):
    """A hand-written layer: float32 weights times float64 data raises."""
    weights = tf.Variable(tf.ones((features.shape[1], 1)))  # float32, TF's default
    try:
        tf.matmul(features, weights)
    except tf.errors.InvalidArgumentError:
        return True
    return False


def keras_output_dtype(features):
    """A Keras layer casts its inputs to its own dtype on every call."""
    dense = tf.keras.layers.Dense(1)
    return dense(features).dtype.name


def cast_once(features):
    """Convert the data once, up front, instead of on every batch."""
    return features.astype(np.float32)


if __name__ == "__main__":
    features = make_features()
    print("data:", features.dtype, features.nbytes, "bytes")
    print("raw tf.matmul with float32 weights fails:", raw_matmul_fails(features))
    print("Keras Dense output:", keras_output_dtype(features))
    features32 = cast_once(features)
    print("after astype:", features32.dtype, features32.nbytes, "bytes")
    print("raw tf.matmul fails after the cast:", raw_matmul_fails(features32))

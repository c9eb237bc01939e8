import numpy as np


def test_features_are_numpy_default_float64(load_snippet):
    snippet = load_snippet("basics/float64_inputs.py")
    features = snippet.make_features(n_rows=4, n_cols=3)
    assert features.dtype == np.float64 and features.shape == (4, 3)


def test_float64_breaks_raw_ops_but_not_keras_layers(load_snippet):
    snippet = load_snippet("basics/float64_inputs.py")
    features = snippet.make_features(n_rows=4, n_cols=3)
    assert snippet.raw_matmul_fails(features)
    assert snippet.keras_output_dtype(features) == "float32"


def test_casting_once_halves_memory_and_fixes_raw_ops(load_snippet):
    snippet = load_snippet("basics/float64_inputs.py")
    features = snippet.make_features(n_rows=4, n_cols=3)
    features32 = snippet.cast_once(features)
    assert features32.dtype == np.float32
    assert features32.nbytes * 2 == features.nbytes
    assert not snippet.raw_matmul_fails(features32)
    np.testing.assert_allclose(features32, features, rtol=1e-6)

import numpy as np
import pytest
import tensorflow as tf


def test_running_sums_collects_one_value_per_iteration(load_snippet):
    snippet = load_snippet("basics/tensor_arrays.py")
    x = tf.constant([2.0, -1.0, 5.0])
    np.testing.assert_allclose(snippet.running_sums(x).numpy(), np.cumsum(x.numpy()))


def test_a_dynamic_array_grows_with_the_loop(load_snippet):
    snippet = load_snippet("basics/tensor_arrays.py")
    assert snippet.powers_of_two_below(tf.constant(100)).numpy().tolist() == [1, 2, 4, 8, 16, 32, 64]
    assert snippet.powers_of_two_below(tf.constant(3)).numpy().tolist() == [1, 2]


def test_a_python_list_cannot_collect_graph_loop_tensors(load_snippet):
    snippet = load_snippet("basics/tensor_arrays.py")
    with pytest.raises(Exception, match="out of scope") as caught:
        snippet.running_sums_in_a_list(tf.constant([1.0, 2.0]))
    assert type(caught.value).__name__ == "InaccessibleTensorError"


def test_dropping_the_result_of_write_silently_gives_zeros(load_snippet):
    snippet = load_snippet("basics/tensor_arrays.py")
    assert snippet.copy_dropping_writes(tf.constant([1.0, 2.0, 3.0])).numpy().tolist() == [0.0, 0.0, 0.0]

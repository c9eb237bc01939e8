import numpy as np
import pytest


@pytest.fixture
def loops(load_snippet):
    return load_snippet("custom-training/graph_loops.py")


def test_a_python_range_is_unrolled(loops):
    small, large = loops.graph_nodes(loops.python_range_loop, 10), loops.graph_nodes(loops.python_range_loop, 100)
    assert large > 9 * small  # one copy of the loop body per iteration
    assert loops.loop_op(loops.python_range_loop, 100) is None


@pytest.mark.parametrize("name", ["tensor_range_loop", "dataset_loop", "vectorized"])
def test_other_graphs_do_not_grow_with_the_data(loops, name):
    function = getattr(loops, name)
    assert loops.graph_nodes(function, 10) == loops.graph_nodes(function, 100)


def test_tensor_and_dataset_loops_are_graph_loops(loops):
    assert loops.loop_op(loops.tensor_range_loop, 100) in {"While", "StatelessWhile"}
    assert loops.loop_op(loops.dataset_loop, 100) == "ReduceDataset"
    assert loops.loop_op(loops.vectorized, 100) is None


def test_the_vectorized_graph_is_the_smallest(loops):
    sizes = {name: loops.graph_nodes(function, 10) for name, function in loops.FUNCTIONS.items()}
    assert min(sizes, key=sizes.get) == "tf.reduce_sum(x * x)"


def test_all_four_compute_the_same_sum(loops):
    expected = float(np.sum((np.arange(100) / 100) ** 2))
    for function in loops.FUNCTIONS.values():
        assert float(function(loops.as_input(function, 100))) == pytest.approx(expected, rel=1e-5)


def test_a_dataset_of_another_length_reuses_the_trace(loops):
    before = loops.dataset_loop.experimental_get_tracing_count()
    loops.dataset_loop(loops.as_input(loops.dataset_loop, 7))
    loops.dataset_loop(loops.as_input(loops.dataset_loop, 9))
    assert loops.dataset_loop.experimental_get_tracing_count() - before <= 1

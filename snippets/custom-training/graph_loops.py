"""Four ways to sum squares inside a tf.function, and the graph each one builds.

This lives in a file, not in a page's code block, because AutoGraph reads a
function's source code to turn its loops into graph loops (see "AutoGraph
needs the source code" on the page).
"""

import tensorflow as tf


@tf.function
def python_range_loop(x):
    total = tf.constant(0.0)
    for i in range(x.shape[0]):  # a Python int range: unrolled while tracing
        total += x[i] * x[i]
    return total


@tf.function
def tensor_range_loop(x):
    total = tf.constant(0.0)
    for i in tf.range(tf.shape(x)[0]):  # a tensor range: AutoGraph writes a tf.while_loop
        total += x[i] * x[i]
    return total


@tf.function
def dataset_loop(dataset):
    total = tf.constant(0.0)
    for value in dataset:  # a dataset: AutoGraph makes a loop in the graph, too
        total += value * value
    return total


@tf.function
def vectorized(x):
    return tf.reduce_sum(x * x)  # one operation on the whole tensor: no loop at all


LOOP_OPS = {"While", "StatelessWhile", "ReduceDataset"}


def as_input(function, n):
    values = tf.range(n, dtype=tf.float32) / n
    return tf.data.Dataset.from_tensor_slices(values) if function is dataset_loop else values


def graph_nodes(function, n):
    """Nodes in the graph traced for an input of n values, loop bodies included."""
    graph = function.get_concrete_function(as_input(function, n)).graph.as_graph_def()
    return len(graph.node) + sum(len(body.node_def) for body in graph.library.function)


def loop_op(function, n):
    """The graph operation that runs the loop, or None if the graph has none."""
    graph = function.get_concrete_function(as_input(function, n)).graph
    found = [op.type for op in graph.get_operations() if op.type in LOOP_OPS]
    return found[0] if found else None


FUNCTIONS = {
    "for i in range(n)": python_range_loop,
    "for i in tf.range(n)": tensor_range_loop,
    "for value in dataset": dataset_loop,
    "tf.reduce_sum(x * x)": vectorized,
}

if __name__ == "__main__":
    print(f"{'the sum is written as':22} {'nodes, n=10':>11} {'n=100':>6}  loop op")
    for name, function in FUNCTIONS.items():
        print(f"{name:22} {graph_nodes(function, 10):11d} {graph_nodes(function, 100):6d}  {loop_op(function, 100)}")
    sums = [float(function(as_input(function, 100))) for function in FUNCTIONS.values()]
    print("all four sums agree:", max(sums) - min(sums) < 1e-4, round(sums[0], 3))

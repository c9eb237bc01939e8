"""Collecting one tensor per iteration of a graph loop: tf.TensorArray, and two ways to get it wrong."""

import tensorflow as tf


@tf.function
def running_sums(x):
    """The running total after each element, collected in a TensorArray."""
    sums = tf.TensorArray(tf.float32, size=tf.shape(x)[0])
    total = tf.constant(0.0)
    for i in tf.range(tf.shape(x)[0]):  # a graph loop: AutoGraph turns it into tf.while_loop
        total += x[i]
        sums = sums.write(i, total)  # write returns the updated array: keep it
    return sums.stack()


@tf.function
def powers_of_two_below(limit):
    """An unknown number of iterations: let the array grow with dynamic_size=True."""
    powers = tf.TensorArray(tf.int32, size=0, dynamic_size=True)
    value = tf.constant(1)
    while value < limit:
        powers = powers.write(powers.size(), value)
        value *= 2
    return powers.stack()


@tf.function
def running_sums_in_a_list(x):
    """Wrong: a Python list cannot collect tensors made inside a graph loop."""
    sums = []
    total = tf.constant(0.0)
    for i in tf.range(tf.shape(x)[0]):
        total += x[i]
        sums.append(total)
    return tf.stack(sums)


@tf.function
def copy_dropping_writes(x):
    """Wrong: the result of write is dropped, so the graph never writes."""
    out = tf.TensorArray(tf.float32, size=tf.shape(x)[0])
    for i in tf.range(tf.shape(x)[0]):
        out.write(i, x[i])
    return out.stack()


if __name__ == "__main__":
    x = tf.constant([1.0, 2.0, 3.0, 4.0])
    print("running sums:", running_sums(x).numpy())
    print("powers of two below 100:", powers_of_two_below(tf.constant(100)).numpy())
    try:
        running_sums_in_a_list(x)
    except Exception as error:  # InaccessibleTensorError, which tf.errors does not export
        print("a Python list instead:", type(error).__name__)
    print("write without assignment:", copy_dropping_writes(x).numpy())

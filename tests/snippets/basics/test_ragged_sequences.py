import numpy as np
import pytest
import tensorflow as tf


def test_sequences_are_ragged_with_labels_from_the_marker(load_snippet):
    snippet = load_snippet("basics/ragged_sequences.py")
    sequences, labels = snippet.make_sequences(n=20)
    assert isinstance(sequences, tf.RaggedTensor) and sequences.shape[0] == 20
    lengths = sequences.row_lengths().numpy()
    assert lengths.min() >= 1 and lengths.max() <= 5 and len(set(lengths)) > 1
    assert int(tf.reduce_min(sequences.flat_values)) >= 1  # 0 stays free for padding
    expected = [float(snippet.MARKER in row) for row in sequences.to_list()]
    np.testing.assert_array_equal(labels, expected)


def test_each_batch_is_padded_to_its_own_longest_row(load_snippet):
    snippet = load_snippet("basics/ragged_sequences.py")
    sequences = tf.ragged.constant([[1, 2, 3], [4], [5, 6], [7]])
    batches = list(snippet.padded_batches(sequences, np.zeros(4, "float32"), batch_size=2))
    assert [x.numpy().tolist() for x, _ in batches] == [[[1, 2, 3], [4, 0, 0]], [[5, 6], [7, 0]]]


def test_the_mask_makes_the_pooled_mean_ignore_padding(load_snippet):
    snippet = load_snippet("basics/ragged_sequences.py")
    model = snippet.make_model()
    embed, pool = model.layers[0], model.layers[1]
    short = tf.constant([[3, 0, 0]])
    padded_twice = tf.constant([[3, 0, 0, 0, 0]])
    np.testing.assert_allclose(pool(embed(short)), pool(embed(padded_twice)), rtol=1e-6)
    np.testing.assert_allclose(pool(embed(short)), embed(tf.constant([[3]]))[:, 0], rtol=1e-6)


def test_training_learns_the_marker(load_snippet):
    snippet = load_snippet("basics/ragged_sequences.py")
    model, history = snippet.train()
    assert history["loss"][-1] < history["loss"][0] / 2
    assert history["accuracy"][-1] >= 0.9
    with_marker = tf.constant([[snippet.MARKER, 1, 0, 0]])
    without = tf.constant([[2, 3, 0, 0]])
    assert float(model(with_marker)[0, 0]) > 0.5 > float(model(without)[0, 0])


def test_padded_batch_refuses_ragged_rows(load_snippet):
    snippet = load_snippet("basics/ragged_sequences.py")
    sequences, _ = snippet.make_sequences(n=4)
    with pytest.raises(TypeError, match="padded_batch"):
        tf.data.Dataset.from_tensor_slices(sequences).padded_batch(2)

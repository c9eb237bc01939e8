"""Sequences of different lengths: ragged in the pipeline, padded per batch, masked in the model."""

import numpy as np
import tensorflow as tf
from tensorflow import keras

VOCABULARY = 10  # token ids 1..9; 0 is kept for padding
MARKER = 7  # the label says whether a sequence contains this token


def make_sequences(n=64, seed=0):
    """Token sequences of length 1 to 5, as a ragged tensor, and their labels."""
    rng = np.random.default_rng(seed)
    rows = [rng.integers(1, VOCABULARY, size=length) for length in rng.integers(1, 6, size=n)]
    labels = np.array([float(MARKER in row) for row in rows], dtype="float32")
    return tf.ragged.constant(rows), labels


def padded_batches(sequences, labels, batch_size=16):
    """`batch` keeps ragged rows ragged; `to_tensor` pads each batch to its own longest row."""
    dataset = tf.data.Dataset.from_tensor_slices((sequences, labels)).batch(batch_size)
    return dataset.map(lambda x, y: (x.to_tensor(), y))


def make_model():
    return keras.Sequential(
        [
            keras.Input(shape=(None,), dtype="int32"),
            keras.layers.Embedding(VOCABULARY, 8, mask_zero=True),  # id 0 is padding: masked
            keras.layers.GlobalAveragePooling1D(),  # averages over the unmasked steps only
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )


def train(epochs=15, seed=0):
    keras.utils.set_random_seed(seed)
    sequences, labels = make_sequences()
    model = make_model()
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(padded_batches(sequences, labels), epochs=epochs, verbose=0)
    return model, history.history


if __name__ == "__main__":
    sequences, labels = make_sequences()
    print(
        "sequences:",
        sequences.shape,
        "| lengths from",
        int(tf.reduce_min(sequences.row_lengths())),
        "to",
        int(tf.reduce_max(sequences.row_lengths())),
    )
    first_x, first_y = next(iter(padded_batches(sequences, labels)))
    print("first batch, padded:", first_x.shape, first_x.dtype.name)
    try:
        tf.data.Dataset.from_tensor_slices(sequences).padded_batch(16)
    except TypeError as error:
        print("padded_batch on ragged rows:", type(error).__name__)
    model, history = train()
    print("loss fell:", history["loss"][-1] < history["loss"][0] / 2)
    print("training accuracy at least 0.9:", history["accuracy"][-1] >= 0.9)

"""The book's exercise 13(b): one optimizer for the lower layers, another for the upper ones."""

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow import keras


def make_datasets(batch_size=64, validation_size=360, seed=0):
    """scikit-learn's 8x8 digits, scaled to [0, 1], shuffled once and split."""
    digits = load_digits()
    x = (digits.data / 16.0).astype("float32")
    y = digits.target.astype("int32")
    order = np.random.default_rng(seed).permutation(len(x))
    x, y = x[order], y[order]
    train = tf.data.Dataset.from_tensor_slices((x[validation_size:], y[validation_size:]))
    train = train.shuffle(len(x) - validation_size, seed=seed).batch(batch_size)
    val = tf.data.Dataset.from_tensor_slices((x[:validation_size], y[:validation_size])).batch(batch_size)
    return train, val


def build_model():
    return keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(64, activation="relu"),  # lower layers
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10),  # upper layer: logits
        ]
    )


def split_variables(model, n_lower):
    """The trainable variables of the first `n_lower` layers, and those of the rest."""
    lower = [v for layer in model.layers[:n_lower] for v in layer.trainable_variables]
    upper = [v for layer in model.layers[n_lower:] for v in layer.trainable_variables]
    return lower, upper


def train(epochs=4, lower_lr=0.05, upper_lr=1e-3, seed=0):
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    train_ds, val_ds = make_datasets(seed=seed)
    model = build_model()
    lower, upper = split_variables(model, n_lower=2)
    lower_optimizer = keras.optimizers.SGD(learning_rate=lower_lr, momentum=0.9)
    upper_optimizer = keras.optimizers.Adam(learning_rate=upper_lr)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    val_accuracy = keras.metrics.SparseCategoricalAccuracy()

    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x, training=True))
        lower_grads, upper_grads = tape.gradient(loss, [lower, upper])  # one tape, both groups
        lower_optimizer.apply_gradients(zip(lower_grads, lower, strict=True))
        upper_optimizer.apply_gradients(zip(upper_grads, upper, strict=True))
        return loss

    history = []
    for _ in range(epochs):
        val_accuracy.reset_state()
        for x, y in train_ds:
            train_step(x, y)
        for x, y in val_ds:
            val_accuracy.update_state(y, model(x, training=False))
        history.append(float(val_accuracy.result()))
    return model, (lower_optimizer, upper_optimizer), history


if __name__ == "__main__":
    model, (lower_optimizer, upper_optimizer), history = train()
    lower, upper = split_variables(model, n_lower=2)
    print("lower layers:", len(lower), "variables, SGD steps:", int(lower_optimizer.iterations.numpy()))
    print("upper layer: ", len(upper), "variables, Adam steps:", int(upper_optimizer.iterations.numpy()))
    for epoch, accuracy in enumerate(history, start=1):
        print(f"epoch {epoch}: val_accuracy {accuracy:.3f}")

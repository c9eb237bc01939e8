"""A complete custom training loop: one step per batch, metrics per epoch, a validation pass."""

import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow import keras


def load_data(validation_size=360, seed=0):
    """scikit-learn's 8x8 digits (1797 images, 10 classes), scaled to [0, 1] and split."""
    digits = load_digits()
    x = (digits.data / 16.0).astype("float32")
    y = digits.target.astype("int32")
    order = np.random.default_rng(seed).permutation(len(x))
    x, y = x[order], y[order]
    return (x[validation_size:], y[validation_size:]), (x[:validation_size], y[:validation_size])


def make_datasets(batch_size=64, seed=0):
    (x_train, y_train), (x_val, y_val) = load_data(seed=seed)
    train = tf.data.Dataset.from_tensor_slices((x_train, y_train))
    train = train.shuffle(len(x_train), seed=seed).batch(batch_size)
    val = tf.data.Dataset.from_tensor_slices((x_val, y_val)).batch(batch_size)
    return train, val


def build_model():
    """The last layer is linear: the model outputs logits, and the loss is told so."""
    return keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(32, activation="relu", kernel_regularizer=keras.regularizers.L2(1e-4)),
            keras.layers.Dense(10),
        ]
    )


def make_steps(model, optimizer, loss_fn, metrics):
    """The training and validation steps, each compiled into a graph by tf.function."""

    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            logits = model(x, training=True)  # 1. forward pass, recorded by the tape
            loss = loss_fn(y, logits) + sum(model.losses)  # 2. loss, regularization included
        grads = tape.gradient(loss, model.trainable_variables)  # 3. gradients
        optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))  # 4. update the weights
        metrics["loss"].update_state(loss)  # 5. metrics
        metrics["accuracy"].update_state(y, logits)

    @tf.function
    def val_step(x, y):
        logits = model(x, training=False)  # no tape, no update
        metrics["val_loss"].update_state(loss_fn(y, logits))
        metrics["val_accuracy"].update_state(y, logits)

    return train_step, val_step


def train(epochs=5, seed=0):
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()
    train_ds, val_ds = make_datasets(seed=seed)
    model = build_model()
    optimizer = keras.optimizers.Adam(learning_rate=1e-2)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    metrics = {
        "loss": keras.metrics.Mean(),
        "accuracy": keras.metrics.SparseCategoricalAccuracy(),
        "val_loss": keras.metrics.Mean(),
        "val_accuracy": keras.metrics.SparseCategoricalAccuracy(),
    }
    train_step, val_step = make_steps(model, optimizer, loss_fn, metrics)
    history = []
    for _ in range(epochs):
        for metric in metrics.values():
            metric.reset_state()  # each epoch starts from zero
        for x, y in train_ds:
            train_step(x, y)
        for x, y in val_ds:
            val_step(x, y)
        history.append({name: float(metric.result()) for name, metric in metrics.items()})
    return model, history


if __name__ == "__main__":
    model, history = train()
    for epoch, logs in enumerate(history, start=1):
        print(f"epoch {epoch}: " + "  ".join(f"{name} {value:.3f}" for name, value in logs.items()))

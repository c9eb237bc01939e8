"""A custom training loop in three pieces: the metrics, the two steps, and one epoch.

Lab 2 (Fashion MNIST) and lab 4 copy these functions unchanged (`make labs` keeps
their cells in sync). The main block trains them on scikit-learn's handwritten
digits, which need no download.
"""

import tensorflow as tf


def make_metrics():
    """Running means of the loss and running accuracies, for training and validation."""
    return {
        "loss": tf.keras.metrics.Mean(),
        "accuracy": tf.keras.metrics.SparseCategoricalAccuracy(),
        "val_loss": tf.keras.metrics.Mean(),
        "val_accuracy": tf.keras.metrics.SparseCategoricalAccuracy(),
    }


def make_steps(model, loss_fn, optimizer, metrics):
    """A training step and a validation step for `model`, compiled with tf.function.

    The model returns logits (its last layer has no activation), so `loss_fn`
    must be built with `from_logits=True`.
    """

    @tf.function
    def train_step(x, y):
        with tf.GradientTape() as tape:
            logits = model(x, training=True)
            loss = loss_fn(y, logits)
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables, strict=True))
        metrics["loss"].update_state(loss)
        metrics["accuracy"].update_state(y, logits)

    @tf.function
    def val_step(x, y):
        logits = model(x, training=False)
        metrics["val_loss"].update_state(loss_fn(y, logits))
        metrics["val_accuracy"].update_state(y, logits)

    return train_step, val_step


def run_epoch(train_step, val_step, train_ds, val_ds, metrics, on_step=None):
    """One pass over the training data, then one over the validation data.

    `on_step(step, metrics)`, if given, is called after each training step (to show
    progress). Returns each metric's value for this epoch as a Python float.
    """
    for metric in metrics.values():
        metric.reset_state()
    for step, (x, y) in enumerate(train_ds, start=1):
        train_step(x, y)
        if on_step is not None:
            on_step(step, metrics)
    for x, y in val_ds:
        val_step(x, y)
    return {name: float(metric.result()) for name, metric in metrics.items()}


# --- The labs copy the code above this line; below, a check on data that needs no download. ---


def digits_datasets(batch_size=32, seed=0):
    """scikit-learn's 8x8 digits (they ship with the package), 80% to train, 20% to validate."""
    import numpy as np
    from sklearn.datasets import load_digits

    images, labels = load_digits(return_X_y=True)
    images = (images / 16.0).astype("float32")  # pixel values 0..16 -> 0..1
    order = np.random.default_rng(seed).permutation(len(images))
    train, val = order[:1437], order[1437:]
    train_ds = tf.data.Dataset.from_tensor_slices((images[train], labels[train]))
    train_ds = train_ds.shuffle(1437, seed=seed).batch(batch_size).prefetch(tf.data.AUTOTUNE)
    val_ds = tf.data.Dataset.from_tensor_slices((images[val], labels[val])).batch(256)
    return train_ds, val_ds


def digits_model(seed=0):
    """A small classifier whose starting weights come from NumPy, the same under Keras 2 and 3."""
    import numpy as np

    inputs = tf.keras.Input(shape=(64,))
    hidden = tf.keras.layers.Dense(32, activation="relu")(inputs)
    logits = tf.keras.layers.Dense(10)(hidden)
    model = tf.keras.Model(inputs, logits)
    rng = np.random.default_rng(seed)
    model.set_weights(
        [rng.normal(0, 0.1, w.shape).astype("float32") if w.ndim == 2 else w for w in model.get_weights()]
    )
    return model


def train_on_digits(epochs=10, seed=0):
    tf.random.set_seed(seed)
    tf.config.experimental.enable_op_determinism()
    train_ds, val_ds = digits_datasets(seed=seed)
    model = digits_model(seed)
    metrics = make_metrics()
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    optimizer = tf.keras.optimizers.SGD(learning_rate=0.1)
    train_step, val_step = make_steps(model, loss_fn, optimizer, metrics)
    return [run_epoch(train_step, val_step, train_ds, val_ds, metrics) for _ in range(epochs)]


if __name__ == "__main__":
    for epoch, logs in enumerate(train_on_digits(), start=1):
        print(f"epoch {epoch}: " + ", ".join(f"{name} {value:.3f}" for name, value in logs.items()))

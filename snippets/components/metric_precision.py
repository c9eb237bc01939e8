"""A streaming metric: precision over everything seen since the last reset.

Precision is TP / (TP + FP). Averaging it batch by batch gives a different number,
so the metric keeps two running totals in weights and divides only in result().
"""

import os
import tempfile

import numpy as np
import tensorflow as tf
from tensorflow import keras

# Three batches of (labels, predicted probabilities), of 5, 10 and 4 samples. At the
# threshold 0.5 the model predicts "positive" once, nine times and twice.
BATCHES = [
    ([1, 0, 0, 0, 0], [0.9, 0.2, 0.1, 0.3, 0.4]),
    ([1, 1, 1, 0, 0, 0, 0, 0, 0, 0], [0.8, 0.7, 0.6, 0.9, 0.8, 0.7, 0.6, 0.9, 0.8, 0.2]),
    ([1, 0, 0, 1], [0.6, 0.7, 0.1, 0.4]),
]


class ThresholdPrecision(keras.metrics.Metric):
    """Precision of "probability >= threshold" predictions, streamed over batches."""

    def __init__(self, threshold=0.5, name="threshold_precision", **kwargs):
        super().__init__(name=name, **kwargs)
        self.threshold = threshold  # a hyperparameter: get_config saves it
        # The state: two running totals, made with add_weight so that Keras tracks them.
        self.true_positives = self.add_weight(name="true_positives", initializer="zeros")
        self.predicted_positives = self.add_weight(name="predicted_positives", initializer="zeros")

    def update_state(self, y_true, y_pred, sample_weight=None):
        """Called once per batch: add this batch's counts to the totals."""
        y_true = tf.cast(tf.reshape(y_true, [-1]), "float32")
        predicted = tf.cast(tf.reshape(y_pred, [-1]) >= self.threshold, "float32")
        if sample_weight is not None:
            predicted *= tf.cast(tf.reshape(sample_weight, [-1]), "float32")
        self.true_positives.assign_add(tf.reduce_sum(predicted * y_true))
        self.predicted_positives.assign_add(tf.reduce_sum(predicted))

    def result(self):
        """The value so far, computed from the totals (0 before any positive prediction)."""
        return tf.math.divide_no_nan(self.true_positives, self.predicted_positives)

    def reset_state(self):
        """Called by fit() and evaluate() at the start of each epoch: back to zero."""
        self.true_positives.assign(0.0)
        self.predicted_positives.assign(0.0)

    def get_config(self):
        """The constructor's arguments: what a saved model needs to rebuild this metric."""
        return {**super().get_config(), "threshold": self.threshold}


def precision_function(y_true, y_pred):
    """The same precision as a function metric: one value per batch."""
    predicted = tf.cast(y_pred >= 0.5, "float32")
    return tf.reduce_sum(predicted * y_true) / tf.reduce_sum(predicted)


def batch_precision(y_true, y_pred, threshold=0.5):
    """Precision of one batch, in NumPy."""
    predicted = np.asarray(y_pred) >= threshold
    return float(np.sum(predicted & (np.asarray(y_true) == 1)) / np.sum(predicted))


def epoch_precision(batches, threshold=0.5):
    """Precision over all samples at once: the number an epoch should report."""
    y_true = np.concatenate([t for t, _ in batches])
    y_pred = np.concatenate([p for _, p in batches])
    return batch_precision(y_true, y_pred, threshold)


def as_dataset(batches):
    """The batches as they are, uneven sizes included: (predictions, labels) pairs."""
    dataset = None
    for y_true, y_pred in batches:
        column = (np.array(y_pred, "float32").reshape(-1, 1), np.array(y_true, "float32").reshape(-1, 1))
        one = tf.data.Dataset.from_tensors(column)
        dataset = one if dataset is None else dataset.concatenate(one)
    return dataset


def passthrough_model(metrics):
    """A model whose predictions are its inputs, so evaluate() scores given probabilities."""
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Activation("linear")])
    model.compile(loss="mse", metrics=metrics)
    return model


def evaluate(metrics, batches):
    logs = passthrough_model(metrics).evaluate(as_dataset(batches), verbose=0, return_dict=True)
    return {name: round(float(value), 3) for name, value in logs.items() if name != "loss"}


def reloaded_precision(metric, batches, custom_objects):
    """Compile a model with the metric, save it, load it back and evaluate."""
    model = passthrough_model([metric])
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        model.save(path)
        loaded = keras.models.load_model(path, custom_objects=custom_objects)
    logs = loaded.evaluate(as_dataset(batches), verbose=0, return_dict=True)
    return round(float(logs[metric.name]), 3)


class PrecisionWithoutConfig(ThresholdPrecision):
    """The same metric without its own get_config: a saved model forgets the threshold."""

    def get_config(self):
        return keras.metrics.Metric.get_config(self)


if __name__ == "__main__":
    print("precision of each batch:", [round(batch_precision(t, p), 3) for t, p in BATCHES])
    print("mean of the batch precisions:", round(np.mean([batch_precision(t, p) for t, p in BATCHES]), 3))
    print("precision over the epoch:", round(epoch_precision(BATCHES), 3))

    metric = ThresholdPrecision(name="class_metric")
    logs = evaluate([precision_function, metric, keras.metrics.Precision(name="keras_precision")], BATCHES)
    for name in sorted(logs):
        print(f"evaluate(), {name}: {logs[name]}")
    print("state after evaluate():", [float(v.numpy()) for v in metric.variables])
    metric.reset_state()
    print("after reset_state():", [float(v.numpy()) for v in metric.variables])

    strict = ThresholdPrecision(threshold=0.75)
    clone = ThresholdPrecision.from_config(strict.get_config())
    print("from_config(get_config()): threshold", clone.threshold)
    print("epoch precision at 0.75, in NumPy:", round(epoch_precision(BATCHES, 0.75), 3))
    print(
        "saved and reloaded, at 0.75:", reloaded_precision(strict, BATCHES, {"ThresholdPrecision": ThresholdPrecision})
    )
    forgetful = PrecisionWithoutConfig(threshold=0.75)
    objects = {"PrecisionWithoutConfig": PrecisionWithoutConfig}
    print("the same without get_config:", reloaded_precision(forgetful, BATCHES, objects))

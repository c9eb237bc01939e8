"""Saving and reloading a model compiled with a custom loss: what the file stores, and what
load_model needs to rebuild the loss. The chapter shows the two definitions marked as
sections below (`--8<-- "components/loss_saving.py:huber_fn"`), so they live only here."""

import json
import os
import re
import tempfile
import zipfile

import numpy as np
import tensorflow as tf
from tensorflow import keras


# --8<-- [start:huber_fn]
def huber_fn(y_true, y_pred):
    error = y_true - y_pred
    small = tf.abs(error) < 1.0
    return tf.where(small, tf.square(error) / 2, tf.abs(error) - 0.5)


# --8<-- [end:huber_fn]


def create_huber(threshold):
    """A closure: trains fine, but what is saved is the inner function's name."""

    def huber_fn(y_true, y_pred):
        error = y_true - y_pred
        small = tf.abs(error) < threshold
        return tf.where(small, tf.square(error) / 2, threshold * tf.abs(error) - threshold**2 / 2)

    return huber_fn


# --8<-- [start:HuberLoss]
class HuberLoss(keras.losses.Loss):
    def __init__(self, threshold=1.0, **kwargs):
        super().__init__(**kwargs)
        self.threshold = threshold

    def call(self, y_true, y_pred):
        error = y_true - y_pred
        small = tf.abs(error) < self.threshold
        return tf.where(small, tf.square(error) / 2, self.threshold * tf.abs(error) - self.threshold**2 / 2)

    def get_config(self):
        return {**super().get_config(), "threshold": self.threshold}


# --8<-- [end:HuberLoss]


@keras.utils.register_keras_serializable(package="custom_losses")
class RegisteredHuberLoss(HuberLoss):
    """HuberLoss, registered: load_model finds it by name, without custom_objects."""


class HuberLossWithoutConfig(keras.losses.Loss):
    """HuberLoss as it would be without get_config: Loss.get_config saves name and reduction only."""

    def __init__(self, threshold, **kwargs):
        super().__init__(**kwargs)
        self.threshold = threshold

    call = HuberLoss.call  # the same computation


X = np.linspace(-1.0, 1.0, 8, dtype="float32").reshape(-1, 1)
Y = 3.0 * X + 1.0


def compiled_model(loss, seed=0):
    """A one-input linear model, compiled with `loss`."""
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss=loss)
    return model


def save(model, folder):
    path = os.path.join(folder, "model.keras")  # Keras 3 saves to a .keras file (a zip archive)
    model.save(path)
    return path


def stored_loss(path):
    """What the .keras file records about the compiled loss: a name and a config, never code."""
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("config.json"))["compile_config"]["loss"]


def loss_value(model):
    """The model's compiled loss on X, Y, averaged as Keras does."""
    return float(tf.reduce_mean(model.loss(Y, model(X))))


def same_loss(model, loaded):
    return bool(np.isclose(loss_value(model), loss_value(loaded)))


def load_error(path, **options):
    """The exception load_model raises, or None if it loads."""
    try:
        keras.models.load_model(path, **options)
    except TypeError as error:
        return error
    return None


def first_sentence(error):
    return str(error).split(".")[0]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        print("stored in the .keras file:")
        for label, loss in [("huber_fn", huber_fn), ("create_huber(2.0)", create_huber(2.0))]:
            stored = stored_loss(save(compiled_model(loss), folder))
            print(f"  {label}: a function named {stored['config']!r}")
        stored = stored_loss(save(compiled_model(HuberLoss(threshold=2.0)), folder))
        print(f"  HuberLoss(2.0): class {stored['registered_name']!r}, threshold {stored['config']['threshold']}")

        for label, loss in [("huber_fn", huber_fn), ("HuberLoss", HuberLoss(threshold=2.0))]:
            model = compiled_model(loss)
            path = save(model, folder)
            error = load_error(path)
            print(f"{label}, no custom_objects: {type(error).__name__}: {first_sentence(error)}")
            loaded = keras.models.load_model(path, custom_objects={"huber_fn": huber_fn, "HuberLoss": HuberLoss})
            print(f"{label}, custom_objects: same loss {same_loss(model, loaded)}")
        print("reloaded threshold:", loaded.loss.threshold)

        model = compiled_model(RegisteredHuberLoss(threshold=2.0))
        path = save(model, folder)
        print("registered as:", stored_loss(path)["registered_name"])
        loaded = keras.models.load_model(path)  # no custom_objects
        print(f"registered, no custom_objects: same loss {same_loss(model, loaded)}, threshold {loaded.loss.threshold}")

        path = save(compiled_model(HuberLossWithoutConfig(threshold=2.0)), folder)
        print("without get_config, stored:", sorted(stored_loss(path)["config"]))
        error = load_error(path, custom_objects={"HuberLossWithoutConfig": HuberLossWithoutConfig})
        print(f"without get_config, loading: {type(error).__name__}:", re.search(r"__init__\(\).*", str(error))[0])

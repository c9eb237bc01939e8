"""The loop of labs 2 and 4 learns.

Lab 2 cannot train on Fashion MNIST here (no download), so the same functions are trained
on scikit-learn's handwritten digits, which ship with the package: the validation accuracy
must pass THRESHOLD (a guess among 10 classes scores 0.1). Runs under Keras 3 and Keras 2.
"""

import pytest
import tensorflow as tf

THRESHOLD = 0.95
NAME = "labs/custom_loop.py"
_history = []


@pytest.fixture
def loop(load_snippet):
    return load_snippet(NAME)


@pytest.fixture
def history(loop):
    if not _history:
        _history.extend(loop.train_on_digits())
    return _history


def test_validation_accuracy_on_digits_passes_the_threshold(history):
    final = history[-1]["val_accuracy"]
    assert final > THRESHOLD, f"validation accuracy after {len(history)} epochs: {final:.3f}, expected > {THRESHOLD}"


def test_loss_falls_and_accuracy_rises(history):
    assert history[-1]["loss"] < history[0]["loss"] / 2
    assert history[-1]["val_loss"] < history[0]["val_loss"] / 2
    assert history[-1]["accuracy"] > history[0]["accuracy"]


def test_metrics_are_reset_at_the_start_of_each_epoch(loop):
    metrics = loop.make_metrics()
    values = iter([2.0, 2.0, 4.0, 4.0])

    def train_step(x, y):
        metrics["loss"].update_state(next(values))

    data = tf.data.Dataset.from_tensor_slices(([0.0, 0.0], [0, 0])).batch(1)
    loop.run_epoch(train_step, lambda x, y: None, data, data, metrics)
    second = loop.run_epoch(train_step, lambda x, y: None, data, data, metrics)
    assert second["loss"] == 4.0, "the second epoch's mean includes the first epoch's batches"


def test_on_step_is_called_after_every_training_step(loop):
    metrics = loop.make_metrics()
    data = tf.data.Dataset.from_tensor_slices(([0.0] * 5, [0] * 5)).batch(2)
    seen = []
    loop.run_epoch(lambda x, y: None, lambda x, y: None, data, data, metrics, on_step=lambda step, m: seen.append(step))
    assert seen == [1, 2, 3]


def test_validation_step_changes_no_weight(loop):
    model = loop.digits_model()
    metrics = loop.make_metrics()
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    _, val_step = loop.make_steps(model, loss_fn, tf.keras.optimizers.SGD(0.1), metrics)
    before = [w.copy() for w in model.get_weights()]
    val_step(tf.ones((4, 64)), tf.constant([0, 1, 2, 3]))
    assert all((a == b).all() for a, b in zip(before, model.get_weights(), strict=True))
    assert metrics["val_loss"].result() > 0

import numpy as np
import pytest


@pytest.fixture(scope="module")
def snippet():
    from tests.snippets.conftest import import_snippet

    return import_snippet("custom-training/training_loop.py")


@pytest.fixture(scope="module")
def trained(snippet):
    return snippet.train(epochs=3)


def test_data_split_is_disjoint_and_complete(snippet):
    (x_train, y_train), (x_val, y_val) = snippet.load_data()
    assert x_train.shape == (1437, 64) and x_val.shape == (360, 64)
    assert x_train.dtype == np.float32 and 0.0 <= x_train.min() and x_train.max() <= 1.0
    assert set(np.unique(y_val)) == set(range(10))


def test_the_loop_learns(trained):
    _, history = trained
    assert [h["loss"] for h in history] == sorted((h["loss"] for h in history), reverse=True)
    assert history[-1]["val_accuracy"] > 0.9


def test_metrics_are_reset_every_epoch(trained):
    _, history = trained
    # Accumulated over two epochs, epoch 2's accuracy would be pulled down towards epoch 1's.
    assert history[1]["accuracy"] > history[0]["accuracy"] + 0.1


def test_the_training_loss_includes_the_regularization(snippet, trained):
    import tensorflow as tf

    model, _ = trained
    (x_train, y_train), _ = snippet.load_data()
    penalty = float(sum(model.losses))
    assert penalty > 0
    kernel = model.layers[0].kernel
    assert penalty == pytest.approx(1e-4 * float(tf.reduce_sum(kernel**2)), rel=1e-5)


def test_validation_does_not_change_the_model(snippet):
    import tensorflow as tf
    from tensorflow import keras

    model = snippet.build_model()
    metrics = {name: keras.metrics.Mean() for name in ("loss", "val_loss")}
    metrics |= {name: keras.metrics.SparseCategoricalAccuracy() for name in ("accuracy", "val_accuracy")}
    optimizer = keras.optimizers.Adam()
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    _, val_step = snippet.make_steps(model, optimizer, loss_fn, metrics)
    before = [w.copy() for w in model.get_weights()]
    _, val_ds = snippet.make_datasets()
    for x, y in val_ds:
        val_step(x, y)
    assert all(np.array_equal(b, a) for b, a in zip(before, model.get_weights(), strict=True))
    assert int(optimizer.iterations.numpy()) == 0 and float(metrics["val_accuracy"].result()) > 0
    assert isinstance(val_step, tf.types.experimental.PolymorphicFunction)

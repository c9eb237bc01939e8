import numpy as np
import pytest


@pytest.fixture(scope="module")
def snippet():
    from tests.snippets.conftest import import_snippet

    return import_snippet("custom-training/two_optimizers.py")


def test_the_split_covers_every_variable_once(snippet):
    model = snippet.build_model()
    lower, upper = snippet.split_variables(model, n_lower=2)
    assert len(lower) == 4 and len(upper) == 2
    assert {id(v) for v in lower}.isdisjoint({id(v) for v in upper})
    assert {id(v) for v in lower + upper} == {id(v) for v in model.trainable_variables}


def test_each_optimizer_updates_only_its_group(snippet):
    from tensorflow import keras

    keras.utils.set_random_seed(0)
    initial = snippet.build_model().get_weights()  # what train(seed=0) starts from
    model, (lower_optimizer, upper_optimizer), _ = snippet.train(epochs=1, lower_lr=0.0)
    lower, upper = snippet.split_variables(model, n_lower=2)
    assert all(np.array_equal(v.numpy(), w) for v, w in zip(lower, initial[:4], strict=True)), "lr 0: lower unchanged"
    assert all(not np.array_equal(v.numpy(), w) for v, w in zip(upper, initial[4:], strict=True)), "Adam moved the top"
    assert type(lower_optimizer).__name__ == "SGD" and type(upper_optimizer).__name__ == "Adam"
    assert (
        int(lower_optimizer.iterations.numpy()) == int(upper_optimizer.iterations.numpy()) == 23
    )  # 1437 samples, batches of 64


def test_it_learns(snippet):
    _, _, history = snippet.train(epochs=4)
    assert history[-1] > 0.9 and history == sorted(history)

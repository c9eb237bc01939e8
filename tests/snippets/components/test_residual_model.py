import numpy as np
import pytest
from tensorflow import keras

NAME = "components/residual_model.py"


def test_the_block_is_a_layer_and_the_regressor_a_model(load_snippet):
    snippet = load_snippet(NAME)
    assert issubclass(snippet.ResidualBlock, keras.layers.Layer)
    assert not issubclass(snippet.ResidualBlock, keras.Model)
    assert issubclass(snippet.ResidualRegressor, keras.Model)
    assert not hasattr(snippet.ResidualBlock(), "fit")


def test_a_block_with_zero_weights_is_the_identity(load_snippet):
    snippet = load_snippet(NAME)
    block = snippet.ResidualBlock(n_layers=2, units=4)
    x = np.arange(8, dtype="float32").reshape(2, 4)
    block(x)
    assert len(block.weights) == 4  # two kernels and two biases, tracked through the list
    for weight in block.weights:
        weight.assign(np.zeros(tuple(weight.shape), "float32"))
    np.testing.assert_array_equal(block(x).numpy(), x)


def test_block_config_round_trip(load_snippet):
    snippet = load_snippet(NAME)
    block = snippet.ResidualBlock(n_layers=3, units=5)
    clone = snippet.ResidualBlock.from_config(block.get_config())
    assert (clone.n_layers, clone.units, len(clone.hidden)) == (3, 5, 3)


def test_the_model_tracks_every_weight_of_its_blocks(load_snippet):
    snippet = load_snippet(NAME)
    model = snippet.build_model(n_features=8)
    assert len(model.weights) == 12
    assert model.count_params() == (8 * 16 + 16) + 2 * 2 * (16 * 16 + 16) + (16 + 1)


def test_numpy_initialisation_is_repeatable(load_snippet):
    snippet = load_snippet(NAME)
    first, second = snippet.build_model(), snippet.build_model()
    for a, b in zip(first.get_weights(), second.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_training_lowers_the_loss_every_epoch(load_snippet):
    snippet = load_snippet(NAME)
    _, losses = snippet.train(epochs=5)
    assert all(later < earlier for earlier, later in zip(losses, losses[1:], strict=False))
    assert losses[-1] < 0.6 * losses[0]
    assert losses[0] == pytest.approx(1.042, abs=1e-3)

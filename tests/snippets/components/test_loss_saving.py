import numpy as np
import pytest
import tensorflow as tf
from tensorflow import keras

Y_TRUE = tf.constant([[0.0], [1.0], [2.0], [3.0]])
Y_PRED = tf.constant([[0.5], [1.2], [4.0], [0.0]])


def test_function_and_subclass_compute_the_same_huber_loss(load_snippet):
    snippet = load_snippet("components/loss_saving.py")
    per_target = snippet.huber_fn(Y_TRUE, Y_PRED).numpy().ravel()
    np.testing.assert_allclose(per_target, [0.125, 0.02, 1.5, 2.5], rtol=1e-6)
    assert float(snippet.HuberLoss()(Y_TRUE, Y_PRED)) == pytest.approx(per_target.mean())
    for threshold in (0.5, 1.0, 2.0):
        expected = float(keras.losses.Huber(delta=threshold)(Y_TRUE, Y_PRED))
        assert float(snippet.HuberLoss(threshold)(Y_TRUE, Y_PRED)) == pytest.approx(expected)
        assert float(tf.reduce_mean(snippet.create_huber(threshold)(Y_TRUE, Y_PRED))) == pytest.approx(expected)


def test_get_config_carries_the_threshold(load_snippet):
    snippet = load_snippet("components/loss_saving.py")
    rebuilt = snippet.HuberLoss.from_config(snippet.HuberLoss(threshold=2.0).get_config())
    assert rebuilt.threshold == 2.0


def test_the_file_stores_names_and_config_not_code(load_snippet, tmp_path):
    snippet = load_snippet("components/loss_saving.py")
    stored = snippet.stored_loss(snippet.save(snippet.compiled_model(snippet.create_huber(3.0)), tmp_path))
    assert stored["config"] == "huber_fn"  # the threshold 3.0 is nowhere
    stored = snippet.stored_loss(snippet.save(snippet.compiled_model(snippet.HuberLoss(3.0)), tmp_path))
    assert stored["registered_name"] == "HuberLoss" and stored["config"]["threshold"] == 3.0


def test_load_needs_custom_objects_for_a_function(load_snippet, tmp_path):
    snippet = load_snippet("components/loss_saving.py")
    model = snippet.compiled_model(snippet.huber_fn)
    path = snippet.save(model, tmp_path)
    with pytest.raises(TypeError, match="Could not locate function 'huber_fn'"):
        keras.models.load_model(path)
    assert snippet.same_loss(model, keras.models.load_model(path, custom_objects={"huber_fn": snippet.huber_fn}))


@pytest.mark.keras3
def test_keras3_needs_custom_objects_for_a_class_even_in_an_importable_module(load_snippet, tmp_path):
    snippet = load_snippet("components/loss_saving.py")  # importable here, as snippet_components_loss_saving
    model = snippet.compiled_model(snippet.HuberLoss(threshold=2.0))
    path = snippet.save(model, tmp_path)
    with pytest.raises(TypeError, match="Could not locate class 'HuberLoss'"):
        keras.models.load_model(path)
    assert snippet.same_loss(model, keras.models.load_model(path, custom_objects={"HuberLoss": snippet.HuberLoss}))


@pytest.mark.keras2
def test_tf_keras_imports_a_class_from_the_module_stored_in_the_file(load_snippet, tmp_path):
    snippet = load_snippet("components/loss_saving.py")
    model = snippet.compiled_model(snippet.HuberLoss(threshold=2.0))
    path = snippet.save(model, tmp_path)
    assert snippet.stored_loss(path)["module"] == snippet.__name__
    loaded = keras.models.load_model(path)
    assert type(loaded.loss) is snippet.HuberLoss and loaded.loss.threshold == 2.0


def test_custom_objects_restores_the_threshold(load_snippet, tmp_path):
    snippet = load_snippet("components/loss_saving.py")
    path = snippet.save(snippet.compiled_model(snippet.HuberLoss(threshold=2.0)), tmp_path)
    loaded = keras.models.load_model(path, custom_objects={"HuberLoss": snippet.HuberLoss})
    assert isinstance(loaded.loss, snippet.HuberLoss) and loaded.loss.threshold == 2.0


def test_a_registered_loss_loads_without_custom_objects(load_snippet, tmp_path):
    snippet = load_snippet("components/loss_saving.py")
    assert keras.utils.get_registered_name(snippet.RegisteredHuberLoss) == "custom_losses>RegisteredHuberLoss"
    model = snippet.compiled_model(snippet.RegisteredHuberLoss(threshold=2.0))
    loaded = keras.models.load_model(snippet.save(model, tmp_path))
    assert type(loaded.loss).__name__ == "RegisteredHuberLoss" and loaded.loss.threshold == 2.0
    assert snippet.same_loss(model, loaded)


def test_without_get_config_loading_fails_on_the_missing_threshold(load_snippet, tmp_path):
    snippet = load_snippet("components/loss_saving.py")
    path = snippet.save(snippet.compiled_model(snippet.HuberLossWithoutConfig(threshold=2.0)), tmp_path)
    assert sorted(snippet.stored_loss(path)["config"]) == ["name", "reduction"]
    with pytest.raises(TypeError, match=r"__init__\(\) missing 1 required positional argument: 'threshold'"):
        keras.models.load_model(path, custom_objects={"HuberLossWithoutConfig": snippet.HuberLossWithoutConfig})

import numpy as np
import pytest
from tensorflow import keras

NAME = "components/metric_precision.py"


def test_the_mean_of_batch_precisions_is_not_the_epoch_precision(load_snippet):
    snippet = load_snippet(NAME)
    per_batch = [snippet.batch_precision(t, p) for t, p in snippet.BATCHES]
    assert per_batch == pytest.approx([1.0, 1 / 3, 0.5])
    assert np.mean(per_batch) == pytest.approx(11 / 18)
    assert snippet.epoch_precision(snippet.BATCHES) == pytest.approx(5 / 12)


@pytest.mark.parametrize("threshold", [0.5, 0.75])
def test_streaming_matches_the_epoch_and_keras_precision(load_snippet, threshold):
    snippet = load_snippet(NAME)
    metric = snippet.ThresholdPrecision(threshold=threshold)
    reference = keras.metrics.Precision(thresholds=threshold)
    for y_true, y_pred in snippet.BATCHES:
        metric.update_state(y_true, y_pred)
        reference.update_state(y_true, y_pred)
    expected = snippet.epoch_precision(snippet.BATCHES, threshold)
    assert float(metric.result()) == pytest.approx(expected)
    assert float(reference.result()) == pytest.approx(expected)


def test_state_lives_in_two_weights_and_resets_to_zero(load_snippet):
    snippet = load_snippet(NAME)
    metric = snippet.ThresholdPrecision()
    assert len(metric.variables) == 2
    assert float(metric.result()) == 0.0  # divide_no_nan before any positive prediction
    metric.update_state(*snippet.BATCHES[1])
    assert [float(v.numpy()) for v in metric.variables] == [3.0, 9.0]
    metric.reset_state()
    assert [float(v.numpy()) for v in metric.variables] == [0.0, 0.0]
    assert float(metric.result()) == 0.0


def test_sample_weight_zero_leaves_a_batch_out(load_snippet):
    snippet = load_snippet(NAME)
    metric = snippet.ThresholdPrecision()
    for index, (y_true, y_pred) in enumerate(snippet.BATCHES):
        metric.update_state(y_true, y_pred, sample_weight=np.full(len(y_true), float(index != 1)))
    assert float(metric.result()) == pytest.approx(2 / 3)  # batches 1 and 3: 2 right of 3 predicted


def test_evaluate_averages_a_function_but_streams_the_class(load_snippet):
    snippet = load_snippet(NAME)
    logs = snippet.evaluate(
        [snippet.precision_function, snippet.ThresholdPrecision(name="streamed")],
        snippet.BATCHES,
    )
    assert logs == {"precision_function": 0.611, "streamed": 0.417}


def test_get_config_keeps_the_threshold_and_not_the_counts(load_snippet):
    snippet = load_snippet(NAME)
    metric = snippet.ThresholdPrecision(threshold=0.75, name="strict")
    metric.update_state(*snippet.BATCHES[0])
    config = metric.get_config()
    assert config["threshold"] == 0.75 and config["name"] == "strict"
    clone = snippet.ThresholdPrecision.from_config(config)
    assert clone.threshold == 0.75
    assert [float(v.numpy()) for v in clone.variables] == [0.0, 0.0]


def test_a_reloaded_model_keeps_the_threshold_only_with_get_config(load_snippet):
    snippet = load_snippet(NAME)
    kept = snippet.reloaded_precision(
        snippet.ThresholdPrecision(threshold=0.75),
        snippet.BATCHES,
        {"ThresholdPrecision": snippet.ThresholdPrecision},
    )
    forgotten = snippet.reloaded_precision(
        snippet.PrecisionWithoutConfig(threshold=0.75),
        snippet.BATCHES,
        {"PrecisionWithoutConfig": snippet.PrecisionWithoutConfig},
    )
    assert kept == round(snippet.epoch_precision(snippet.BATCHES, 0.75), 3)
    assert forgotten == round(snippet.epoch_precision(snippet.BATCHES, 0.5), 3)

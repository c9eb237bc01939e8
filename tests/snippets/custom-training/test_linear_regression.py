import numpy as np
import pytest


@pytest.fixture(scope="module")
def snippet():
    from tests.snippets.conftest import import_snippet

    return import_snippet("custom-training/linear_regression.py")


def test_recovers_the_least_squares_line(snippet):
    x, y = snippet.make_data()
    w, b, losses = snippet.train(x, y, learning_rate=snippet.LEARNING_RATES["good"], steps=40)
    best_w, best_b = np.polyfit(x.numpy(), y.numpy(), deg=1)  # the exact least-squares fit
    assert w == pytest.approx(best_w, abs=1e-3) and b == pytest.approx(best_b, abs=1e-3)
    assert w == pytest.approx(snippet.TRUE_W, abs=0.035) and b == pytest.approx(snippet.TRUE_B, abs=0.035)
    assert losses[-1] == pytest.approx(np.mean((best_w * x.numpy() + best_b - y.numpy()) ** 2), rel=1e-3)


def test_each_step_goes_against_the_gradient(snippet):
    x, y = snippet.make_data()
    _, _, losses = snippet.train(x, y, learning_rate=snippet.LEARNING_RATES["good"], steps=15)
    assert all(later < earlier for earlier, later in zip(losses, losses[1:], strict=False))


def test_three_learning_rates_crawl_converge_and_diverge(snippet):
    curves = {s["label"]: s["y"] for s in snippet.learning_rate_curves(steps=40)["series"]}
    small, good, large = (curves[f"{lr} ({verdict})"] for verdict, lr in snippet.LEARNING_RATES.items())
    assert small[-1] < small[0] and small[-1] > 1, "too small: falls, but is still above 1 after 40 steps"
    assert good[-1] < 0.011 and good[15] < 1.1 * good[-1], "good: at the noise floor by step 15"
    assert all(b > a for a, b in zip(large[1:], large[2:], strict=False)) and large[-1] > 1e7, (
        "too large: grows past ten million"
    )

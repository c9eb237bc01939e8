"""Linear regression by gradient descent, with tf.GradientTape and assign_sub: no optimizer, no Keras."""

import numpy as np
import tensorflow as tf

TRUE_W, TRUE_B = 3.0, 2.0


def make_data(n=50, noise=0.1, seed=0):
    """Points on the line y = 3x + 2, with a little noise."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=n).astype("float32")
    y = (TRUE_W * x + TRUE_B + rng.normal(0.0, noise, size=n)).astype("float32")
    return tf.constant(x), tf.constant(y)


def train(x, y, learning_rate, steps):
    """Start from w = b = 0; each step moves both against their gradient. Returns w, b and the losses."""
    w = tf.Variable(0.0)
    b = tf.Variable(0.0)
    losses = []
    for _ in range(steps):
        with tf.GradientTape() as tape:
            predictions = w * x + b
            loss = tf.reduce_mean((predictions - y) ** 2)  # mean squared error
        dloss_dw, dloss_db = tape.gradient(loss, [w, b])
        w.assign_sub(learning_rate * dloss_dw)  # w <- w - learning_rate * dloss/dw
        b.assign_sub(learning_rate * dloss_db)
        losses.append(float(loss))
    return float(w), float(b), losses


LEARNING_RATES = {"too small": 0.02, "good": 0.4, "too large": 1.1}


def learning_rate_curves(steps=40):
    """The loss at each step for the three learning rates: the data of the figure on the page."""
    x, y = make_data()
    series = []
    for verdict, learning_rate in LEARNING_RATES.items():
        _, _, losses = train(x, y, learning_rate, steps)
        series.append({"label": f"{learning_rate} ({verdict})", "x": list(range(steps)), "y": losses})
    return {
        "x_label": "step",
        "y_label": "loss (mean squared error)",
        "y_scale": "log",
        "legend_title": "learning rate",
        "series": series,
    }


FIGURES = {"learning-rates": learning_rate_curves}  # drawn by `make figures` (README, "A figure")


if __name__ == "__main__":
    x, y = make_data()
    w, b, losses = train(x, y, learning_rate=LEARNING_RATES["good"], steps=40)
    print(f"true:    w = {TRUE_W:.2f}, b = {TRUE_B:.2f}")
    print(f"learned: w = {w:.2f}, b = {b:.2f}")
    print(f"loss: {losses[0]:.3f} at step 1, {losses[-1]:.4f} at step 40 (before its update)")
    for verdict, learning_rate in LEARNING_RATES.items():
        _, _, losses = train(x, y, learning_rate, steps=40)
        print(f"learning rate {learning_rate} ({verdict}): loss at step 40 {losses[-1]:.4g}")

"""Why a replica divides its loss by the global batch size, not by its own batch.

Run it as a script next to mirrored_loop.py, whose loop it reuses.
"""
# snippet: own process

import numpy as np
import tensorflow as tf
from mirrored_loop import GLOBAL_BATCH, make_data, train, use_two_cpus

LEARNING_RATE = 0.5  # a rate that trains well on one device


def compare(x, y, learning_rate=LEARNING_RATE):
    """(label, per-step losses, final kernel) for the same loop and data, scaled four ways."""
    two = tf.distribute.MirroredStrategy()
    one = tf.distribute.get_strategy()  # the default strategy: one device
    replicas = two.num_replicas_in_sync
    runs = [
        ("one device", one, "global batch", learning_rate),
        (f"{replicas} replicas, loss / {GLOBAL_BATCH}", two, "global batch", learning_rate),
        (f"{replicas} replicas, loss / {GLOBAL_BATCH // replicas}", two, "replica batch", learning_rate),
        (f"one device, rate {learning_rate * replicas}", one, "global batch", learning_rate * replicas),
    ]
    results = []
    for label, strategy, divide_by, rate in runs:
        losses, model = train(strategy, x, y, learning_rate=rate, divide_by=divide_by)
        results.append((label, losses, model.get_weights()[0].ravel()))
    return results


def short(loss):
    """Four decimals, or none once training has blown up."""
    return f"{loss:12.4f}" if loss < 100 else f"{loss:12.0f}"


if __name__ == "__main__":
    use_two_cpus()
    x, y = make_data()
    print(f"learning rate {LEARNING_RATE}, global batch {GLOBAL_BATCH}")
    print(f"{'run':<26}{'first loss':>12}{'last loss':>12}  kernel")
    for label, losses, kernel in compare(x, y):
        print(f"{label:<26}{short(losses[0])}{short(losses[-1])}  {np.round(kernel.astype(float), 3).tolist()}")

"""mirrored_loss_scaling.py needs two logical devices, so it runs in a fresh interpreter."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from tests.mkdocs_builds import SNIPPETS

DRIVER = """
import json, sys
sys.path.insert(0, sys.argv[1])
import mirrored_loss_scaling as snippet

snippet.use_two_cpus()
x, y = snippet.make_data()
print(json.dumps([(label, losses, kernel.tolist()) for label, losses, kernel in snippet.compare(x, y)]))
"""


@pytest.fixture(scope="module")
def runs():
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    folder = str(SNIPPETS / "custom-training")
    done = subprocess.run([sys.executable, "-c", DRIVER, folder], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"the mirrored_loss_scaling driver failed:\n{done.stderr[-3000:]}"
    labels = ["one device", "global", "replica", "one device, double rate"]
    return dict(zip(labels, json.loads(done.stdout.splitlines()[-1]), strict=True))


def test_dividing_by_the_global_batch_trains_like_one_device(runs):
    _, one_losses, one_kernel = runs["one device"]
    label, losses, kernel = runs["global"]
    assert label == "2 replicas, loss / 8"
    np.testing.assert_allclose(losses, one_losses, atol=1e-5)
    np.testing.assert_allclose(kernel, one_kernel, atol=1e-6)
    assert one_losses[-1] < 0.1  # this learning rate trains well on one device
    np.testing.assert_allclose(one_kernel, [2.0, -1.0, 0.5], atol=0.15)


def test_dividing_by_the_replica_batch_doubles_loss_and_gradient(runs):
    _, good_losses, _ = runs["global"]
    label, bad_losses, bad_kernel = runs["replica"]
    assert label == "2 replicas, loss / 4"
    assert bad_losses[0] == pytest.approx(2 * good_losses[0], rel=1e-5)  # the sum of two replica means
    rate_label, _, double_rate_kernel = runs["one device, double rate"]
    assert rate_label == "one device, rate 1.0"
    np.testing.assert_allclose(bad_kernel, double_rate_kernel, rtol=1e-4)  # same as doubling the learning rate


def test_at_a_good_rate_the_mistake_diverges(runs):
    _, bad_losses, _ = runs["replica"]
    assert bad_losses[-1] > 100 * bad_losses[0]

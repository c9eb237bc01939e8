"""mirrored_loop.py splits the CPU into two logical devices, which TensorFlow allows only
before it starts; so its functions run here in a fresh interpreter, not in the test process."""

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
import tensorflow as tf
import mirrored_loop as snippet

devices = snippet.use_two_cpus()
two = tf.distribute.MirroredStrategy()
x, y = snippet.make_data()
losses, model = snippet.train(two, x, y)
one_losses, one_model = snippet.train(tf.distribute.get_strategy(), x, y)
try:  # now that TensorFlow has started, ask for three devices
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 3)
    late_error = None
except RuntimeError as error:
    late_error = str(error)
print(json.dumps({
    "devices": devices,
    "replicas": two.num_replicas_in_sync,
    "losses": losses,
    "one_losses": one_losses,
    "weights": [w.tolist() for w in model.get_weights()],
    "one_weights": [w.tolist() for w in one_model.get_weights()],
    "copies": [(device, kernel.tolist()) for device, kernel in snippet.replica_copies(two, model.trainable_variables[0])],
    "late_error": late_error,
}))
"""


@pytest.fixture(scope="module")
def run():
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    folder = str(SNIPPETS / "custom-training")
    done = subprocess.run([sys.executable, "-c", DRIVER, folder], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"the mirrored_loop driver failed:\n{done.stderr[-3000:]}"
    return json.loads(done.stdout.splitlines()[-1])


def test_two_logical_cpus_make_two_replicas(run):
    assert run["devices"] == ["/device:CPU:0", "/device:CPU:1"]
    assert run["replicas"] == 2


def test_devices_cannot_be_split_once_tensorflow_has_started(run):
    assert run["late_error"] == "Virtual devices cannot be modified after being initialized"


def test_every_replica_holds_the_same_copy_on_its_own_device(run):
    (device_0, kernel_0), (device_1, kernel_1) = run["copies"]
    assert device_0.endswith("device:CPU:0") and device_1.endswith("device:CPU:1")
    assert kernel_0 == kernel_1
    np.testing.assert_allclose(np.ravel(run["weights"][0]), kernel_0)


def test_two_replicas_train_exactly_like_one_device(run):
    assert len(run["losses"]) == 8  # 64 examples, global batch 8
    np.testing.assert_allclose(run["losses"], run["one_losses"], atol=1e-6)
    for two, one in zip(run["weights"], run["one_weights"], strict=True):
        np.testing.assert_allclose(two, one, atol=1e-6)


def test_the_loop_learns(run):
    assert run["losses"][-1] < run["losses"][0] / 10
    np.testing.assert_allclose(np.ravel(run["weights"][0]), [2.0, -1.0, 0.5], atol=0.2)

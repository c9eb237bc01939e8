"""A custom training loop under MirroredStrategy, on two logical CPU devices.

Run it as a script (`python mirrored_loop.py`): it splits the CPU into two logical
devices, which TensorFlow allows only before it has started.
"""
# snippet: own process

import numpy as np
import tensorflow as tf
from tensorflow import keras

GLOBAL_BATCH = 8  # examples per step, summed over all replicas
TRUE_KERNEL, TRUE_BIAS = [2.0, -1.0, 0.5], 1.0


def use_two_cpus():
    """Split the physical CPU into two logical devices. Only works before TensorFlow starts."""
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    return [device.name for device in tf.config.list_logical_devices("CPU")]


def make_data(n=64, seed=0):
    """A linear regression problem with a known answer: y = x @ TRUE_KERNEL + TRUE_BIAS."""
    x = np.random.default_rng(seed).normal(size=(n, 3)).astype("float32")
    y = x @ np.array(TRUE_KERNEL, "float32")[:, None] + TRUE_BIAS
    return x, y


def train(strategy, x, y, learning_rate=0.2, divide_by="global batch"):
    """One epoch of the custom loop under `strategy`: the per-step losses and the trained model.

    divide_by="global batch" is the right loss scaling; "replica batch" is the common mistake.
    """
    with strategy.scope():  # variables created here get one copy on every replica
        keras.utils.set_random_seed(1)
        model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])
        optimizer = keras.optimizers.SGD(learning_rate)
    loss_object = keras.losses.MeanSquaredError(reduction="none")  # one loss per example: we divide ourselves

    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(GLOBAL_BATCH)
    dist_dataset = strategy.experimental_distribute_dataset(dataset)  # splits each batch over the replicas

    def replica_step(x_batch, y_batch):  # runs on every replica, on its share of the batch
        with tf.GradientTape() as tape:
            predictions = model(x_batch, training=True)
            per_example_loss = loss_object(y_batch, predictions)  # shape (examples on this replica,)
            if divide_by == "global batch":
                loss = tf.nn.compute_average_loss(per_example_loss, global_batch_size=GLOBAL_BATCH)
            else:
                loss = tf.reduce_mean(per_example_loss)  # divides by this replica's examples only
        gradients = tape.gradient(loss, model.trainable_variables)
        # apply_gradients first sums the gradients of all replicas (an all-reduce), then
        # every replica applies that same sum to its own copy of the weights.
        optimizer.apply_gradients(zip(gradients, model.trainable_variables, strict=True))
        return loss

    @tf.function
    def train_step(x_batch, y_batch):
        per_replica_losses = strategy.run(replica_step, args=(x_batch, y_batch))
        return strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica_losses, axis=None)

    losses = [float(train_step(x_batch, y_batch)) for x_batch, y_batch in dist_dataset]
    return losses, model


def replica_copies(strategy, weight):
    """Each replica's own copy of a model weight, with the device it lives on."""
    variable = weight if isinstance(weight, tf.Variable) else weight.value  # Keras 3 wraps the tf.Variable
    return [(copy.device, copy.numpy().ravel()) for copy in strategy.experimental_local_results(variable)]


if __name__ == "__main__":
    print("logical CPUs:", use_two_cpus())
    strategy = tf.distribute.MirroredStrategy()  # no arguments: every GPU, or here every logical CPU
    print("replicas in sync:", strategy.num_replicas_in_sync)
    print("examples per replica and step:", GLOBAL_BATCH // strategy.num_replicas_in_sync)

    x, y = make_data()
    losses, model = train(strategy, x, y)
    print("loss per step:", [round(loss, 4) for loss in losses])
    for device, kernel in replica_copies(strategy, model.trainable_variables[0]):
        print(f"kernel on {device.split('/')[-1]}:", [round(float(k), 4) for k in kernel])

    # The default strategy is what TensorFlow uses when you pick none: one device, no copies.
    one_losses, one_model = train(tf.distribute.get_strategy(), x, y)
    same_weights = all(
        np.allclose(a, b, atol=1e-6) for a, b in zip(model.get_weights(), one_model.get_weights(), strict=True)
    )
    print("same losses and weights as on one device:", np.allclose(losses, one_losses, atol=1e-6) and same_weights)

"""Custom layers inside a custom model: residual blocks, trained with fit().

ResidualBlock is a Layer: a reusable piece of a network, with no fit() or save().
ResidualRegressor is a Model: the thing you compile, train, evaluate and save.
"""

import numpy as np
import tensorflow as tf
from tensorflow import keras


class ResidualBlock(keras.layers.Layer):
    """Dense layers whose output is added back to the block's input: x + f(x)."""

    def __init__(self, n_layers=2, units=16, **kwargs):
        super().__init__(**kwargs)
        self.n_layers = n_layers
        self.units = units
        # Layers held in attributes (or lists of them) are tracked: their weights are the block's.
        self.hidden = [keras.layers.Dense(units, activation="relu") for _ in range(n_layers)]

    def call(self, inputs):
        z = inputs
        for layer in self.hidden:
            z = layer(z)
        return inputs + z  # the skip connection: the input needs `units` features

    def get_config(self):
        return {**super().get_config(), "n_layers": self.n_layers, "units": self.units}


class ResidualRegressor(keras.Model):
    """A Dense layer to `units` features, then residual blocks, then one output."""

    def __init__(self, units=16, n_blocks=2, **kwargs):
        super().__init__(**kwargs)
        self.entry = keras.layers.Dense(units, activation="relu")
        self.blocks = [ResidualBlock(n_layers=2, units=units) for _ in range(n_blocks)]
        self.head = keras.layers.Dense(1)

    def call(self, inputs):
        z = self.entry(inputs)
        for block in self.blocks:
            z = block(z)
        return self.head(z)


def make_data(n_samples=128, n_features=8, seed=0):
    """A smooth target of the inputs, plus a little noise."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n_samples, n_features)).astype("float32")
    y = np.sin(x[:, :1]) + 0.5 * x[:, 1:2] * x[:, 2:3] + 0.1 * rng.normal(size=(n_samples, 1))
    return x, y.astype("float32")


def set_weights_from_numpy(model, seed=0):
    """Keras 3 and tf-keras draw different initial weights from the same seed. Setting them
    from NumPy makes this example print the same numbers under both."""
    rng = np.random.default_rng(seed)
    for weight in model.weights:
        shape = tuple(weight.shape)
        if len(shape) == 2:  # a kernel: scaled for its number of inputs
            weight.assign(rng.normal(scale=1 / np.sqrt(shape[0]), size=shape).astype("float32"))
        else:  # a bias
            weight.assign(np.zeros(shape, "float32"))


def build_model(n_features=8, seed=0):
    model = ResidualRegressor()
    model(np.zeros((1, n_features), "float32"))  # the first call builds every layer
    set_weights_from_numpy(model, seed)
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.02), loss="mse")
    return model


def train(epochs=5):
    keras.utils.set_random_seed(0)
    tf.config.experimental.enable_op_determinism()
    x, y = make_data()
    model = build_model(n_features=x.shape[1])
    history = model.fit(x, y, epochs=epochs, batch_size=32, shuffle=False, verbose=0)
    return model, history.history["loss"]


if __name__ == "__main__":
    model, losses = train()
    print("loss per epoch:", [round(loss, 3) for loss in losses])
    print("weights:", len(model.weights), "parameters:", model.count_params())
    print("block weights:", [len(block.weights) for block in model.blocks])
    print("output shape:", tuple(model.predict(make_data()[0][:4], verbose=0).shape))

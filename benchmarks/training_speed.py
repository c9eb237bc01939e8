"""How fast one training step runs: eager, `tf.function`, and `tf.function(jit_compile=True)`;
what `compile(run_eagerly=True)` costs in `fit()`; and a graph loop against a vectorized sum.

`make bench` runs this on the full size and rewrites the results the book shows:

- `snippets/custom-training/training_speed.json`: every measurement, the settings, and the
  machine and versions it was measured on;
- `snippets/custom-training/training_speed_step.md`, `training_speed_loop.md` (both shown on
  "TF Function rules") and `training_speed_fit.md` (shown on "Dynamic models and debugging"):
  Markdown tables rendered from that JSON, included with `--8<--` (pymdownx.snippets).

Timings are the median of several repeats, because the machine may be busy with other work;
the variants take turns within each repeat, and the load average before and after is
recorded. Nothing here asserts a timing: the tests (tests/benchmarks/test_training_speed.py)
run the script on a reduced size with `--quick --out DIR`, and check that the committed
tables are what the committed JSON says and that the chapters include them.

Run it by itself with `.venv/bin/python benchmarks/training_speed.py` (a few minutes on 2 cores);
`--render` rewrites the tables from the committed JSON without measuring (after a wording change).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "snippets" / "custom-training"
JSON_NAME = "training_speed.json"
STEP_TABLE = "training_speed_step.md"
LOOP_TABLE = "training_speed_loop.md"
FIT_TABLE = "training_speed_fit.md"

FULL = {
    "batch": 64,
    "features": 32,
    "hidden": 64,
    "classes": 10,
    "steps": 100,
    "repeats": 7,
    "fit_steps": 64,
    "loop_values": 10_000,
    "loop_calls": 20,
}
QUICK = {
    "batch": 8,
    "features": 4,
    "hidden": 8,
    "classes": 3,
    "steps": 3,
    "repeats": 2,
    "fit_steps": 2,
    "loop_values": 100,
    "loop_calls": 2,
}

STEP_MODES = {
    "eager": "eager (a plain Python function)",
    "graph": "`tf.function`",
    "xla": "`tf.function(jit_compile=True)` (XLA)",
}
LOOP_MODES = {
    "loop": "a `for i in tf.range(n)` loop (a graph loop)",
    "vectorized": "`tf.reduce_sum(x * x)` (vectorized)",
}
FIT_MODES = {
    "graph": "`compile()` (the default: a graph)",
    "eager": "`compile(run_eagerly=True)`",
}


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict:
    import keras
    import tensorflow as tf

    return {
        "cpu": cpu_name(),
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "gpus": len(tf.config.list_physical_devices("GPU")),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
    }


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else []


def make_data(size: dict, n_batches: int, seed: int = 0):
    import numpy as np

    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n_batches * size["batch"], size["features"])).astype("float32")
    y = rng.integers(0, size["classes"], size=n_batches * size["batch"]).astype("int32")
    return x, y


def make_model(size: dict):
    from tensorflow import keras

    keras.utils.set_random_seed(0)
    return keras.Sequential(
        [
            keras.Input(shape=(size["features"],)),
            keras.layers.Dense(size["hidden"], activation="relu"),
            keras.layers.Dense(size["hidden"], activation="relu"),
            keras.layers.Dense(size["classes"]),
        ]
    )


def make_step(mode: str, size: dict):
    """One custom training step (forward, loss, gradients, update) in the given mode."""
    import tensorflow as tf
    from tensorflow import keras

    model = make_model(size)
    optimizer = keras.optimizers.Adam(1e-3)
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)

    def train_step(x, y):
        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x, training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
        return loss

    if mode == "eager":
        return train_step
    return tf.function(train_step, jit_compile=(mode == "xla"))


def time_steps(size: dict) -> dict[str, list[float]]:
    """Seconds per step for each mode, one value per repeat (each the mean over `steps` steps).

    The modes take turns within each repeat, so that a busy spell on the machine slows all
    of them, not just one.
    """
    import tensorflow as tf

    x, y = make_data(size, 1)
    x, y = tf.constant(x), tf.constant(y)
    steps = {mode: make_step(mode, size) for mode in STEP_MODES}
    for step in steps.values():
        step(x, y).numpy()  # trace and compile outside the timing
    times = {mode: [] for mode in STEP_MODES}
    for _ in range(size["repeats"]):
        for mode, step in steps.items():
            start = time.perf_counter()
            for _ in range(size["steps"]):
                loss = step(x, y)
            loss.numpy()  # wait for the last step to finish
            times[mode].append((time.perf_counter() - start) / size["steps"])
    return times


def time_fit(size: dict) -> dict[str, list[float]]:
    """Seconds per step of a one-epoch `fit()` for each mode, one value per repeat, after a
    first epoch that traces; the modes take turns as in `time_steps`."""
    from tensorflow import keras

    x, y = make_data(size, size["fit_steps"])
    models = {}
    for mode in FIT_MODES:
        model = make_model(size)
        model.compile(
            optimizer=keras.optimizers.Adam(1e-3),
            loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
            run_eagerly=(mode == "eager"),
            jit_compile=False,
        )
        models[mode] = model
    fit = {"batch_size": size["batch"], "epochs": 1, "shuffle": False, "verbose": 0}
    for model in models.values():
        model.fit(x, y, **fit)  # the first epoch traces
    times = {mode: [] for mode in FIT_MODES}
    for _ in range(size["repeats"]):
        for mode, model in models.items():
            start = time.perf_counter()
            model.fit(x, y, **fit)
            times[mode].append((time.perf_counter() - start) / size["fit_steps"])
    return times


def time_loops(size: dict) -> dict[str, list[float]]:
    """Seconds per call of two tf.functions that sum squares, one value per repeat."""
    import tensorflow as tf

    @tf.function
    def loop(x):
        total = tf.constant(0.0)
        for i in tf.range(tf.shape(x)[0]):  # AutoGraph turns this into a tf.while_loop
            total += x[i] * x[i]
        return total

    @tf.function
    def vectorized(x):
        return tf.reduce_sum(x * x)

    x = tf.random.stateless_normal([size["loop_values"]], seed=[0, 0])
    functions = {"loop": loop, "vectorized": vectorized}
    for function in functions.values():
        function(x).numpy()  # trace outside the timing
    times = {mode: [] for mode in LOOP_MODES}
    for _ in range(size["repeats"]):
        for mode, function in functions.items():
            start = time.perf_counter()
            for _ in range(size["loop_calls"]):
                total = function(x)
            total.numpy()
            times[mode].append((time.perf_counter() - start) / size["loop_calls"])
    return times


def summary(times: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(times) * 1e3, 4),
        "min_ms": round(min(times) * 1e3, 4),
        "max_ms": round(max(times) * 1e3, 4),
        "repeats_ms": [round(t * 1e3, 4) for t in times],
    }


def measure(size: dict) -> dict:
    load_before = load_average()
    step = {mode: summary(times) for mode, times in time_steps(size).items()}
    loops = {mode: summary(times) for mode, times in time_loops(size).items()}
    fit = {mode: summary(times) for mode, times in time_fit(size).items()}
    eager = step["eager"]["median_ms"]
    for mode in STEP_MODES:
        step[mode]["speedup_over_eager"] = round(eager / step[mode]["median_ms"], 2)
    for mode in LOOP_MODES:
        loops[mode]["time_relative_to_vectorized"] = round(
            loops[mode]["median_ms"] / loops["vectorized"]["median_ms"], 1
        )
    graph_fit = fit["graph"]["median_ms"]
    for mode in FIT_MODES:
        fit[mode]["time_relative_to_graph"] = round(fit[mode]["median_ms"] / graph_fit, 2)
    return {
        "measured_on": datetime.date.today().isoformat(),
        "machine": machine(),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "settings": size,
        "step": step,
        "loops": loops,
        "fit": fit,
    }


def where(results: dict) -> str:
    m, s = results["machine"], results["settings"]
    gpus = f"{m['gpus']} GPU" if m["gpus"] else "no GPU"
    before, after = results["load_average_before"], results["load_average_after"]
    busy = f" (1-minute load average {before[0]:.1f} at the start, {after[0]:.1f} at the end)" if before else ""
    return (
        f"Measured by `benchmarks/training_speed.py` (`make bench`) on {results['measured_on']}: "
        f"{m['cores']} CPU cores ({m['cpu']}), {gpus}, {m['os']}, Python {m['python']}, "
        f"TensorFlow {m['tensorflow']}, Keras {m['keras']}. The machine was shared with other jobs{busy}, "
        f"so each time is the median of {s['repeats']} repeats, the variants taking turns."
    )


def model_words(s: dict) -> str:
    return (
        f"an MLP {s['features']}→{s['hidden']}→{s['hidden']}→{s['classes']}, batch {s['batch']}, "
        "Adam, sparse categorical cross-entropy"
    )


def step_table(results: dict) -> str:
    s, step = results["settings"], results["step"]
    rows = [
        f"| {STEP_MODES[mode]} | {r['median_ms']:.2f} ms | {r['speedup_over_eager']:.1f}× |"
        for mode, r in results["step"].items()
    ]
    return "\n".join(
        [
            f"One custom training step ({model_words(s)}), {s['steps']} steps per repeat:",
            "",
            "| the step runs as | median time per step | speed relative to eager |",
            "|---|--:|--:|",
            *rows,
            "",
            f"Here the `tf.function` step ran {step['graph']['speedup_over_eager']:.1f} times as fast as the eager one, "
            f"and the XLA step {step['xla']['speedup_over_eager']:.1f} times as fast. {where(results)}",
            "",
        ]
    )


def fit_table(results: dict) -> str:
    s, eager = results["settings"], results["fit"]["eager"]
    rows = [
        f"| {FIT_MODES[mode]} | {r['median_ms']:.2f} ms | {r['time_relative_to_graph']:.1f}× |"
        for mode, r in results["fit"].items()
    ]
    return "\n".join(
        [
            f"`model.fit()` on the same model ({model_words(s)}), {s['fit_steps']} steps per epoch, "
            "one epoch per `fit()` call, timed after a first call that traces:",
            "",
            "| the model is compiled with | median time per step | time relative to the graph |",
            "|---|--:|--:|",
            *rows,
            "",
            f"Here `run_eagerly=True` made each step of `fit()` take {eager['time_relative_to_graph']:.1f} times as long. "
            + where(results),
            "",
        ]
    )


def loop_table(results: dict) -> str:
    s, loops = results["settings"], results["loops"]
    rows = [
        f"| {LOOP_MODES[mode]} | {r['median_ms']:.3f} ms | {r['time_relative_to_vectorized']:.1f}× |"
        for mode, r in loops.items()
    ]
    return "\n".join(
        [
            f"The sum of the squares of {s['loop_values']:,} values, in a `tf.function`, {s['loop_calls']} calls per repeat:",
            "",
            "| the sum is written as | median time per call | time relative to vectorized |",
            "|---|--:|--:|",
            *rows,
            "",
            f"Here the graph loop took {loops['loop']['time_relative_to_vectorized']:.1f} times as long as the "
            f"vectorized sum. {where(results)}",
            "",
        ]
    )


def write(results: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / JSON_NAME).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / STEP_TABLE).write_text(step_table(results), encoding="utf-8")
    (out / LOOP_TABLE).write_text(loop_table(results), encoding="utf-8")
    (out / FIT_TABLE).write_text(fit_table(results), encoding="utf-8")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tiny size, to test that the script runs")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"where to write the results (default: {RESULTS})")
    parser.add_argument(
        "--render", action="store_true", help="measure nothing: rewrite the tables from the JSON already in --out"
    )
    args = parser.parse_args(argv)
    if args.render:
        results = json.loads((args.out / JSON_NAME).read_text(encoding="utf-8"))
    else:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        results = measure(QUICK if args.quick else FULL)
    write(results, args.out)
    for mode, r in results["step"].items():
        print(f"step, {mode}: {r['median_ms']:.3f} ms (x{r['speedup_over_eager']:.2f} eager speed)")
    for mode, r in results["loops"].items():
        print(f"loop, {mode}: {r['median_ms']:.3f} ms (x{r['time_relative_to_vectorized']:.1f} the vectorized time)")
    for mode, r in results["fit"].items():
        print(f"fit,  {mode}: {r['median_ms']:.3f} ms per step (x{r['time_relative_to_graph']:.2f} the graph's time)")
    print(f"wrote {args.out / JSON_NAME}, {STEP_TABLE}, {LOOP_TABLE}, {FIT_TABLE}")
    return results


if __name__ == "__main__":
    main(sys.argv[1:])

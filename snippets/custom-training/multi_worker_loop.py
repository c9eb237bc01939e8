"""The custom loop in two worker processes under MultiWorkerMirroredStrategy, on one machine.

`python multi_worker_loop.py` is the launcher. It picks two free ports on 127.0.0.1, starts
this same file twice as a worker, each with its own TF_CONFIG, waits for both (with a time
limit), and prints what each worker reports. The launcher itself never imports TensorFlow.
"""
# snippet: own process

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

WORKERS = 2
GLOBAL_BATCH = 8  # examples per step, summed over both workers
TIMEOUT = 300  # seconds; a worker whose partner died would wait forever


class WorkerFailed(RuntimeError):
    pass


def free_ports(n):
    """n ports on 127.0.0.1 that are free right now: the operating system picks them."""
    sockets = [socket.socket() for _ in range(n)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def tf_config(ports, index):
    """The same cluster for every worker; only the task index differs."""
    return {
        "cluster": {"worker": [f"127.0.0.1:{port}" for port in ports]},
        "task": {"type": "worker", "index": index},
    }


def worker():
    """What each worker process runs: the custom loop under MultiWorkerMirroredStrategy."""
    import hashlib

    import numpy as np
    import tensorflow as tf
    from tensorflow import keras

    strategy = tf.distribute.MultiWorkerMirroredStrategy()  # reads TF_CONFIG; create it first
    index = strategy.cluster_resolver.task_id

    def make_model():
        return keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1)])

    seed = 100 + index  # a different seed on each worker, on purpose
    keras.utils.set_random_seed(seed)
    own_draw = make_model().get_weights()[0].ravel()  # what this worker alone would start from
    keras.utils.set_random_seed(seed)
    with strategy.scope():  # every worker starts from worker 0's initial values
        model = make_model()
        optimizer = keras.optimizers.SGD(0.2)
    loss_object = keras.losses.MeanSquaredError(reduction="none")
    start = model.get_weights()[0].ravel()

    # Every worker builds the same dataset; the strategy gives each worker its own share of every batch.
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 3)).astype("float32")
    y = x @ np.array([[2.0], [-1.0], [0.5]], "float32") + 1.0
    ids = np.arange(len(x))
    options = tf.data.Options()
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    dataset = tf.data.Dataset.from_tensor_slices((ids, x, y)).batch(GLOBAL_BATCH).with_options(options)
    dist_dataset = strategy.experimental_distribute_dataset(dataset)

    def replica_step(ids_batch, x_batch, y_batch):
        with tf.GradientTape() as tape:
            predictions = model(x_batch, training=True)
            per_example_loss = loss_object(y_batch, predictions)  # shape (examples on this replica,)
            loss = tf.nn.compute_average_loss(per_example_loss, global_batch_size=GLOBAL_BATCH)
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(gradients, model.trainable_variables, strict=True))
        return loss, ids_batch

    @tf.function
    def train_step(ids_batch, x_batch, y_batch):
        per_replica_losses, seen = strategy.run(replica_step, args=(ids_batch, x_batch, y_batch))
        return strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica_losses, axis=None), seen

    losses, first_ids = [], None
    for batch in dist_dataset:
        loss, seen = train_step(*batch)
        losses.append(round(float(loss), 4))
        if first_ids is None:
            first_ids = strategy.experimental_local_results(seen)[0].numpy().tolist()

    weights = model.get_weights()
    report = {
        "index": index,
        "seed": seed,
        "own_draw": [round(float(v), 3) for v in own_draw],
        "start": [round(float(v), 3) for v in start],
        "first_ids": first_ids,
        "losses": losses,
        "kernel": [round(float(v), 4) for v in weights[0].ravel()],
        "bias": [round(float(v), 4) for v in weights[1]],
        "sha256": hashlib.sha256(b"".join(w.astype("float32").tobytes() for w in weights)).hexdigest()[:16],
    }
    print(json.dumps(report), flush=True)


def run_workers(ports, timeout=TIMEOUT):
    """Start one process per worker, wait for all, return their reports. Always ends them all."""
    # Loopback traffic must not go through a proxy: gRPC would honour http_proxy.
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    processes, outputs = [], []
    with contextlib.ExitStack() as stack:
        try:
            for index in range(WORKERS):
                out, err = (stack.enter_context(tempfile.TemporaryFile("w+")) for _ in range(2))
                outputs.append((out, err))
                worker_env = {**env, "TF_CONFIG": json.dumps(tf_config(ports, index))}
                command = [sys.executable, os.path.abspath(__file__), "--worker"]
                processes.append(subprocess.Popen(command, env=worker_env, stdout=out, stderr=err))

            deadline = time.monotonic() + timeout
            while any(p.poll() is None for p in processes):
                if any(p.returncode not in (None, 0) for p in processes):
                    break  # its partner would wait forever for it
                if time.monotonic() > deadline:
                    raise WorkerFailed(f"the workers did not finish within {timeout} s\n" + _logs(outputs))
                time.sleep(0.2)
            failed = [i for i, p in enumerate(processes) if p.returncode not in (None, 0)]
            if failed:
                codes = ", ".join(f"worker {i} exited with {processes[i].returncode}" for i in failed)
                raise WorkerFailed(codes + "\n" + _logs(outputs))
            return [json.loads(_read(out).strip().splitlines()[-1]) for out, _ in outputs]
        finally:
            for process in processes:
                if process.poll() is None:
                    process.kill()
                process.wait()


def _read(file):
    file.seek(0)
    return file.read()


def _logs(outputs, lines=30):
    """The end of each worker's output, to show why it failed."""
    parts = []
    for index, (out, err) in enumerate(outputs):
        tail = "\n".join((_read(out) + _read(err)).splitlines()[-lines:])
        parts.append(f"--- worker {index}, last {lines} lines ---\n{tail}")
    return "\n".join(parts)


def run_cluster(timeout=TIMEOUT, attempts=3):
    """run_workers on fresh free ports; tries again only if another program took a port first."""
    for attempt in range(attempts):
        try:
            return run_workers(free_ports(WORKERS), timeout)
        except WorkerFailed as error:
            port_taken = "Address already in use" in str(error) or "Could not start gRPC server" in str(error)
            if not port_taken or attempt == attempts - 1:
                raise


if __name__ == "__main__":
    if "--worker" in sys.argv:
        worker()
        sys.exit()
    reports = run_cluster()
    print(f"{WORKERS} worker processes on 127.0.0.1 (ports picked at run time)")
    for r in reports:
        print(f"worker {r['index']}, seed {r['seed']}: own draw {r['own_draw']}, starts from {r['start']}")
    for r in reports:
        print(f"worker {r['index']} trains on examples {r['first_ids']} in step 1")
    for r in reports:
        print(f"worker {r['index']} loss per step: {r['losses']}")
    for r in reports:
        print(f"worker {r['index']} ends with kernel {r['kernel']}, bias {r['bias']}")
    print("bit for bit identical weights (SHA-256):", len({r["sha256"] for r in reports}) == 1)

"""multi_worker_loop.py: the launcher imports no TensorFlow, so it runs in the test process;
its workers are real processes with their own TF_CONFIG."""

import functools
import json
import os
import socket

import pytest

NAME = "custom-training/multi_worker_loop.py"


@functools.cache
def cluster_reports(snippet):
    """One real two-worker run, shared by the tests below."""
    return snippet.run_cluster()


@pytest.fixture
def reports(load_snippet):
    return cluster_reports(load_snippet(NAME))


def test_tf_config_names_the_same_cluster_and_a_different_task(load_snippet):
    snippet = load_snippet(NAME)
    configs = [snippet.tf_config([1111, 2222], index) for index in range(2)]
    assert configs[0]["cluster"] == configs[1]["cluster"] == {"worker": ["127.0.0.1:1111", "127.0.0.1:2222"]}
    assert [c["task"] for c in configs] == [{"type": "worker", "index": 0}, {"type": "worker", "index": 1}]
    json.dumps(configs)  # TF_CONFIG is JSON


def test_free_ports_are_distinct_and_bindable(load_snippet):
    ports = load_snippet(NAME).free_ports(2)
    assert len(set(ports)) == 2
    for port in ports:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))


def test_both_workers_end_with_identical_weights(reports):
    assert [r["index"] for r in reports] == [0, 1]
    first, second = reports
    assert first["sha256"] == second["sha256"]
    assert first["kernel"] == second["kernel"] and first["bias"] == second["bias"]
    assert first["losses"] == second["losses"] and len(first["losses"]) == 8


def test_each_worker_trains_on_its_own_share_of_each_batch(reports):
    first, second = (r["first_ids"] for r in reports)
    assert sorted(first + second) == list(range(8))  # the global batch of step 1, split in two
    assert not set(first) & set(second)


def test_workers_start_from_worker_0s_initial_weights(reports):
    first, second = reports
    assert first["start"] == second["start"] == first["own_draw"]
    assert second["own_draw"] != second["start"]  # its own seed would have drawn other weights


def test_the_workers_learn(reports):
    losses = reports[0]["losses"]
    assert losses[-1] < losses[0] / 10
    assert reports[0]["kernel"] == pytest.approx([2.0, -1.0, 0.5], abs=0.2)


FAKE_WORKER = """
import json, os, pathlib, sys, time

index = json.loads(os.environ["TF_CONFIG"])["task"]["index"]
pathlib.Path(__file__).with_name(f"pid-{index}").write_text(str(os.getpid()))
if index == 0 and FAIL:
    print("worker 0 gives up", file=sys.stderr)
    sys.exit(3)
time.sleep(600)  # waits for its partner, as a real worker would
"""


def launch_fakes(snippet, monkeypatch, folder, timeout, fail):
    """run_workers with stand-in workers (no TensorFlow); returns the error and the workers' pids."""
    folder.mkdir()
    fake = folder / "worker.py"
    fake.write_text(f"FAIL = {fail}\n{FAKE_WORKER}", encoding="utf-8")
    monkeypatch.setattr(snippet, "__file__", str(fake))  # the launcher starts this file as each worker
    with pytest.raises(snippet.WorkerFailed) as failure:
        snippet.run_workers(snippet.free_ports(2), timeout=timeout)
    # A worker killed before it wrote its pid has ended too.
    return str(failure.value), [int(pid.read_text()) for pid in folder.glob("pid-*")]


def ended(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_failed_worker_is_reported_and_its_partner_ended(load_snippet, monkeypatch, tmp_path):
    snippet = load_snippet(NAME)
    message, pids = launch_fakes(snippet, monkeypatch, tmp_path / "fail", timeout=120, fail=True)
    assert message.startswith("worker 0 exited with 3\n")
    assert "worker 0 gives up" in message
    assert pids and all(ended(pid) for pid in pids)


def test_a_stuck_run_times_out_and_ends_every_worker(load_snippet, monkeypatch, tmp_path):
    snippet = load_snippet(NAME)
    message, pids = launch_fakes(snippet, monkeypatch, tmp_path / "stuck", timeout=2, fail=False)
    assert message.startswith("the workers did not finish within 2 s")
    assert all(ended(pid) for pid in pids)


@pytest.mark.keras3  # the error comes from TensorFlow's gRPC server, not from Keras: checked in one run only
def test_a_taken_port_gives_tensorflows_error(load_snippet):
    snippet = load_snippet(NAME)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports = [taken.getsockname()[1], *snippet.free_ports(1)]
        with pytest.raises(snippet.WorkerFailed, match="worker 0 exited") as failure:
            snippet.run_workers(ports)
    assert "Could not start gRPC server" in str(failure.value)  # what run_cluster retries on

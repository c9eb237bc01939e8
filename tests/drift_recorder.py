"""A pytest plugin for `make drift`: every result and every changed output, as JSON.

Loaded with `-p tests.drift_recorder --drift-json=PATH --record-outputs`. Each test's
outcome and error go to PATH, with each shown output that the code no longer prints
(recorded by tests/output_updates.py instead of failing the test).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests import output_updates

RESULTS: list[dict] = []


def pytest_addoption(parser):
    parser.addoption("--drift-json", help="write every test result and changed output to this JSON file")


def pytest_runtest_logreport(report):
    if report.when == "call" or report.outcome != "passed":
        error = report.longreprtext if report.failed else None
        if report.skipped and isinstance(report.longrepr, tuple):
            error = report.longrepr[2]
        RESULTS.append(
            {
                "test": report.nodeid,
                "phase": report.when,
                "outcome": report.outcome,
                "error": error[-2000:] if error else None,
            }
        )


@pytest.hookimpl(tryfirst=True)  # before output_updates.apply() could run in the terminal summary
def pytest_sessionfinish(session):
    path = session.config.getoption("--drift-json")
    if not path:
        return
    changed = [
        {"where": c.fence.where, "shown": c.fence.body + "\n", "printed": c.printed} for c in output_updates.PENDING
    ]
    output_updates.PENDING.clear()
    data = {"finished": time.strftime("%Y-%m-%d"), "results": RESULTS, "changed_outputs": changed}
    Path(path).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

"""Loaded by every pytest run here, including `pytest --codeblocks docs`.

- Keras marks: `<!--pytest.mark.keras3-->` above a fence (or `@pytest.mark.keras3` on a
  test) runs it only under Keras 3; `keras2` only under tf-keras (TF_USE_LEGACY_KERAS=1).
  In the other run it is skipped with one standard reason.
- Deprecation gate: a DeprecationWarning, PendingDeprecationWarning or FutureWarning that a
  fence's own code triggers (the warning points at the fence, not inside a library) fails
  that fence, unless it carries `<!--pytest.mark.shows_warning-->`.
- `--update-outputs` (`make update-outputs`): instead of failing on a shown output that
  differs, rewrite it in the page with what the code prints now (tests/output_updates.py).
  `--record-outputs` only records the differences (for `make drift`), leaving pages alone.
- Snippet sections: a fence may include part of a snippet (`--8<-- "part/file.py:name"`);
  the tests run it with the section in place, as the page shows it (hooks/snippet_paths.py).
- Failure reports: pytest-codeblocks reports a failing fence with the message only; add
  where it failed on the page and the exception type: `docs/page.md:LINE: ValueError: ...`.
"""

import functools
import os
import traceback
import warnings

import pytest

from hooks import snippet_paths
from tests import deprecation_gate, output_updates

LEGACY_KERAS = os.environ.get("TF_USE_LEGACY_KERAS") == "1"
KERAS_ONLY = {
    "keras3": "Keras 3 only: this run uses Keras 2 (tf-keras, TF_USE_LEGACY_KERAS=1)",
    "keras2": "Keras 2 only: runs with tf-keras under TF_USE_LEGACY_KERAS=1; this run uses Keras 3",
}


def _with_location(item):
    plain_report = item.repr_failure

    def report(excinfo):
        text = plain_report(excinfo)
        cause = excinfo.value.__context__  # pytest-codeblocks re-raises as RuntimeError
        if cause is None:
            return text
        code = item.obj.code.splitlines()
        frames = [f for f in traceback.extract_tb(cause.__traceback__) if f.filename == "<string>"]
        lines = [
            f"{item.path.relative_to(item.config.rootpath)}:{item.obj.lineno + f.lineno}: {code[f.lineno - 1].strip()}"
            for f in frames
            if 0 < f.lineno <= len(code)
        ]
        return "\n".join([text, "", *lines, f"{type(cause).__name__}: {cause}"])

    return report


def _deprecation_gate(item):
    """Run a fence; fail it on a deprecation its own code triggered (reported at page:line)."""
    run = item.runtest

    def runtest():
        with deprecation_gate.recorded() as caught:
            run()
        own = deprecation_gate.own_deprecations(caught, lambda filename: filename == "<string>")  # the fence
        if own:
            page = item.path.relative_to(item.config.rootpath)
            lines = [f"{page}:{item.obj.lineno + w.lineno}: {w.category.__name__}: {w.message}" for w in own]
            pytest.fail(
                "deprecated API in this fence (update the code, or mark it <!--pytest.mark.shows_warning--> "
                "if the page shows the warning on purpose):\n" + "\n".join(lines),
                pytrace=False,
            )
        for w in caught:  # library warnings still reach pytest's own summary
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)

    return runtest


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite each checked output shown on a page with what its code prints now",
    )
    parser.addoption(
        "--record-outputs",
        action="store_true",
        help="record shown outputs that differ from what the code prints, without failing or rewriting",
    )


def recording_outputs(config) -> bool:
    return config.getoption("--update-outputs") or config.getoption("--record-outputs")


def pytest_collection_modifyitems(config, items):
    updating = recording_outputs(config)
    for item in items:
        marks = {name for name in KERAS_ONLY if item.get_closest_marker(name)}
        if len(marks) > 1:
            raise pytest.UsageError(f"{item.nodeid}: marked both keras3 and keras2; drop the mark to run under both")
        if marks == {"keras3"} and LEGACY_KERAS or marks == {"keras2"} and not LEGACY_KERAS:
            item.add_marker(pytest.mark.skip(reason=KERAS_ONLY[marks.pop()]))
        if type(item).__name__ == "TestBlock":  # pytest-codeblocks' item for one fence
            item.repr_failure = _with_location(item)
            if "--8<--" in item.obj.code:
                item.obj.code = snippet_paths.expand(item.obj.code, [str(config.rootpath / "snippets")])
            if updating and item.obj.expected_output is not None:
                item.runtest = functools.partial(output_updates.run_block, item)
            if not item.get_closest_marker("shows_warning"):
                item.runtest = _deprecation_gate(item)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not config.getoption("--update-outputs"):
        return
    diffs = output_updates.apply(config.rootpath)
    terminalreporter.section("update-outputs")
    terminalreporter.write_line(
        "\n".join(diffs) if diffs else "Every shown output is what its code prints; no page changed."
    )

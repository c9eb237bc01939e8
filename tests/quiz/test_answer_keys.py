"""Executable answer keys: every runnable `blanks` and `output` quiz in docs/ is executed.

blanks: each {{n}} is filled with its keyed answer, the code runs, then `check` runs.
output: the code runs with stdout captured; it must equal the correct option.
Each runs in this process with fresh globals (TensorFlow is imported once; that is fine).
"""

import contextlib
import io
import os
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # before any quiz imports TensorFlow

import pytest

from quizfence.catalog import collect_docs
from quizfence.schema import fill_blanks, normalise_output, parse_quiz
from tests import deprecation_gate
from tests.mkdocs_builds import DOCS, ROOT

pytestmark = pytest.mark.tensorflow


def runnable_quizzes():
    params = []
    for entry in collect_docs(DOCS, ROOT):
        q = entry.quiz
        if q["type"] not in ("blanks", "output"):
            continue
        marks = [] if q["run"] else [pytest.mark.skip(reason=f"run: false: {q['norun_reason']}")]
        params.append(pytest.param(q, entry.where, id=q["id"], marks=marks))
    return params


def run_key(q: dict) -> None:
    """Run a quiz's answer key; raises AssertionError (or the code's error) when it's wrong."""
    name = f"<quiz {q['id']}>"
    if q["type"] == "blanks":
        code = fill_blanks(q["code"], {n: b["answer"] for n, b in q["blanks"].items()})
        scope = {"__name__": "__quiz__"}
        exec(compile(code, name, "exec"), scope)
        if q.get("check"):
            exec(compile(q["check"], f"{name} check", "exec"), scope)
        return
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(q["code"], name, "exec"), {"__name__": "__quiz__"})
    [expected] = [o["text"] for o in q["options"] if o["correct"]]
    printed = normalise_output(out.getvalue())
    assert printed == expected, f"printed {printed!r}, but the correct option says {expected!r}"


@pytest.mark.parametrize("q, where", runnable_quizzes())
def test_answer_key(q, where):
    try:
        with deprecation_gate.recorded() as caught:
            run_key(q)
    except Exception as exc:
        pytest.fail(f"{where}: quiz {q['id']!r}: answer key fails: {type(exc).__name__}: {exc}", pytrace=False)
    own = deprecation_gate.own_deprecations(caught, lambda filename: filename.startswith("<quiz "))
    assert not own, f"{where}: quiz {q['id']!r} calls a deprecated API: " + "; ".join(str(w.message) for w in own)


def wrong_keys(q: dict):
    """The quiz with one blank set to one wrong option, for every wrong option of every blank."""
    for n, blank in q["blanks"].items():
        for option in blank["options"]:
            if option != blank["answer"]:
                yield n, option, {**q, "blanks": {**q["blanks"], n: {**blank, "answer": option}}}


@pytest.mark.parametrize("q, where", [p for p in runnable_quizzes() if p.values[0]["type"] == "blanks"])
def test_every_wrong_blank_option_fails(q, where):
    """Otherwise the quiz marks a working answer wrong: its `check` must tell them apart."""
    for n, option, wrong in wrong_keys(q):
        with pytest.raises(Exception):  # noqa: B017 -- any error, or a failed check, marks it wrong
            # A wrong option may print or warn on its way to failing (a loss unfit for the data).
            with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                run_key(wrong)
            pytest.fail(
                f"{where}: quiz {q['id']!r}: blank {n} = {option!r} also passes; sharpen `check`", pytrace=False
            )


# --- the runner itself -----------------------------------------------------------------------

HEAD = "id: t\ndifficulty: easy\nquestion: Q\nexplanation: E\n"


def test_runner_accepts_right_keys_and_catches_wrong_ones():
    output = (
        HEAD
        + 'type: output\ncode: |\n  for i in range(2):\n      print(i, \' \')\noptions:\n  - text: "0\\n1"\n    correct: {}\n  - text: "1"\n    correct: {}\n'
    )
    run_key(parse_quiz(output.format("true", "false")))
    with pytest.raises(AssertionError, match="printed '0\\\\n1'"):
        run_key(parse_quiz(output.format("false", "true")))

    blanks = (
        HEAD
        + "type: blanks\ncode: 'x = {{1}}'\nblanks:\n  1: {options: ['2', '3'], answer: '%s'}\ncheck: assert x == 2\n"
    )
    run_key(parse_quiz(blanks % "2"))
    with pytest.raises(AssertionError):
        run_key(parse_quiz(blanks % "3"))

"""parse_quiz and quiz_fences: the valid side of the schema (docs/quizzes/authoring.md)."""

import textwrap

import pytest

from quizfence.catalog import quiz_fences
from quizfence.schema import QuizError, fill_blanks, normalise_output, parse_quiz
from tests.quiz.cases import BASE, VALID


@pytest.mark.parametrize("qtype", VALID)
def test_every_type_parses_with_defaults(qtype):
    q = parse_quiz(BASE + VALID[qtype])
    assert q["type"] == qtype and q["id"] == "q1"
    assert q["attempts"] == 3 and q["hint"] is None
    if qtype in ("blanks", "output"):
        assert q["run"] is True


def test_normalised_values():
    assert parse_quiz(BASE + VALID["blanks"])["blanks"][1]["options"] == ["1", "2"]  # ints are code too
    assert parse_quiz(BASE + VALID["text"])["accept"] == ["reset_state()", "reset_state"]
    assert [o["text"] for o in parse_quiz(BASE + VALID["output"])["options"]] == ["1", "2"]
    assert parse_quiz(BASE + VALID["truefalse"])["feedback"] == {True: "tempting"}


def test_run_false_with_reason():
    q = parse_quiz(BASE + VALID["output"] + "run: false\nnorun_reason: needs a GPU\n")
    assert q["run"] is False and q["norun_reason"] == "needs a GPU"


def test_yaml_error_knows_its_line():
    with pytest.raises(QuizError) as err:
        parse_quiz("id: q1\ntype: single\nquestion: [unclosed\n")
    assert "invalid YAML" in err.value.reason and err.value.offset is not None


def test_fill_blanks_and_output_normalisation():
    assert fill_blanks("a = {{1}} + {{ 2 }}", {1: "x", 2: "y"}) == "a = x + y"
    assert normalise_output("\n a  \nb \n\n") == "a\nb"


def test_quiz_fences_lines_nesting_and_indent():
    page = textwrap.dedent(
        """\
        # Title

        ````markdown
        ```quiz
        id: shown-as-an-example
        ```
        ````

        ```quiz
        id: first
        ```

        !!! note
            ~~~quiz
            id: indented
              nested: kept
            ~~~

        ``` { .quiz }
        id: attr-style
        ```

        ```quiz
        id: never-closed
        """
    )
    fences = quiz_fences(page)
    assert [(f.line, f.source.splitlines()[0]) for f in fences] == [
        (9, "id: first"),
        (14, "id: indented"),
        (19, "id: attr-style"),
        (23, "id: never-closed"),
    ]
    assert fences[1].source == "id: indented\n  nested: kept"
    assert [f.closed for f in fences] == [True, True, True, False]

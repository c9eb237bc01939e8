"""parse_quiz and quiz_fences: the valid side of the schema (docs/quizzes/authoring.md)."""

import re
import textwrap

import pytest

from quizfence.catalog import quiz_fences
from quizfence.schema import (
    OPTION_KEYS,
    QUIZ_TYPES,
    QuizError,
    fill_blanks,
    keys_of,
    normalise_output,
    parse_quiz,
)
from tests.mkdocs_builds import DOCS
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


# --- the authoring page's key table is the schema ---------------------------------------------

AUTHORING = DOCS / "quizzes" / "authoring.md"
ROW = re.compile(r"^\| `(?P<key>[^`]+)` \| (?P<types>[^|]+) \| (?P<required>[^|]+) \|", re.M)


def documented_keys() -> dict[str, tuple[set[str], str]]:
    """{key: (types the table lists, its Required cell)} from "The keys" on the authoring page."""
    text = AUTHORING.read_text(encoding="utf-8")
    table = text.split("## The keys", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for m in ROW.finditer(table):
        types = m["types"].strip()
        rows[m["key"]] = (
            set(QUIZ_TYPES) if types == "all" else set(re.findall(r"`(\w+)`", types)),
            m["required"].strip(),
        )
    return rows


def test_key_table_lists_every_declared_key_for_its_types():
    declared = {name for t in QUIZ_TYPES for name in keys_of(t)}
    declared |= {f"options[].{k}" for k in OPTION_KEYS}
    table = documented_keys()
    assert set(table) == declared, "authoring page keys differ from quizfence.schema"
    for name, (types, _) in table.items():
        top = name.split("[", 1)[0]
        assert types == {t for t in QUIZ_TYPES if top in keys_of(t)}, f"{name}: Types column"


def test_key_table_says_what_is_required():
    for name, (types, cell) in documented_keys().items():
        if "[" in name:
            continue  # entries of a list: their rules are in the Meaning column
        required = {t: keys_of(t)[name].required for t in types}
        if cell == "yes":
            assert all(r is True for r in required.values()), name
        elif cell == "no":
            assert not any(required.values()), name
        elif cell.startswith("yes for "):
            listed = set(re.findall(r"`(\w+)`", cell.split(";")[0]))
            assert {t for t, r in required.items() if r is True} == listed, name
        else:  # a condition, worded the same in the schema and on the page
            assert set(required.values()) == {cell}, name


def test_every_type_has_a_renderer_and_a_grader():
    from quizfence.render import RENDERERS

    assert set(RENDERERS) == set(QUIZ_TYPES)
    script = (DOCS / "assets" / "quiz.js").read_text(encoding="utf-8")
    graders = re.search(r"var TYPES = \{(.*?)\n  \};", script, re.S)
    assert graders, "docs/assets/quiz.js declares its TYPES table"
    assert set(re.findall(r"^    (\w+):", graders.group(1), re.M)) == set(QUIZ_TYPES)


def test_every_type_has_a_valid_example_here():
    assert set(VALID) == set(QUIZ_TYPES)  # tests/quiz/cases.py: parsed, rendered and checked above

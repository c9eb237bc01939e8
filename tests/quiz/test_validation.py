"""Bad quizzes fail the build naming the file, the fence's line and the reason."""

import logging
import textwrap
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from pymdownx.superfences import SuperFencesException

from quizfence import mkdocs_build
from quizfence.superfences_formatter import format_quiz
from tests.mkdocs_builds import build, write_site

HEAD = "# A page\n\nSome text.\n\n"  # so the fence opens on line 5
OK = "id: {id}\ntype: single\ndifficulty: easy\nquestion: Q?\nexplanation: E.\n"
OPTIONS = "options:\n  - text: a\n    correct: true\n  - text: b\n"

# (name, fence body, expected reason)
MALFORMED = [
    ("invalid-yaml", "id: x\ntype: single\nquestion: [unclosed\n", "invalid YAML"),
    ("yaml-line", "id: x\ntype: single\nquestion: a: b\n", "(line 8)"),
    ("not-a-mapping", "- just\n- a list\n", "must be a YAML mapping"),
    ("duplicate-key", OK.format(id="x") + "question: again\n" + OPTIONS, "duplicate or invalid key 'question'"),
    ("unknown-type", OK.format(id="x").replace("single", "essay"), "unknown type 'essay'"),
    ("unknown-key", OK.format(id="x") + OPTIONS + "colour: red\n", "unknown key 'colour' for type 'single'"),
    ("key-of-other-type", OK.format(id="x") + OPTIONS + "items: [a, b]\n", "unknown key 'items' for type 'single'"),
    ("missing-id", "type: single\n", "missing required field 'id'"),
    (
        "missing-explanation",
        OK.format(id="x").replace("explanation: E.\n", "") + OPTIONS,
        "missing required field 'explanation'",
    ),
    ("missing-options", OK.format(id="x"), "missing required field 'options'"),
    ("bad-id", OK.format(id="Bad_Id") + OPTIONS, "must be lowercase letters"),
    ("bad-difficulty", OK.format(id="x").replace("easy", "tricky") + OPTIONS, "unknown difficulty 'tricky'"),
    ("no-correct", OK.format(id="x") + "options:\n  - text: a\n  - text: b\n", "no option is marked 'correct: true'"),
    (
        "two-correct",
        OK.format(id="x") + "options:\n  - {text: a, correct: true}\n  - {text: b, correct: true}\n",
        "2 options are marked correct; type 'single' needs exactly one",
    ),
    ("one-option", OK.format(id="x") + "options:\n  - {text: a, correct: true}\n", "'options' needs at least 2"),
    (
        "unquoted-bool",
        OK.format(id="x") + "options:\n  - {text: a, correct: true}\n  - {text: b, feedback: no}\n",
        "must be a string, got bool (quote it)",
    ),
    (
        "truefalse-answer",
        OK.format(id="x").replace("single", "truefalse") + "answer: maybe\n",
        "'answer' must be true or false",
    ),
    (
        "order-one-item",
        OK.format(id="x").replace("single", "order") + "items: [alone]\n",
        "'items' needs at least 2 entries, got 1",
    ),
    (
        "blank-answer-not-option",
        OK.format(id="x").replace("single", "blanks")
        + 'code: "a = {{1}}"\nblanks:\n  1: {options: ["1", "2"], answer: "3"}\n',
        "blanks.1.answer '3' is not among its options",
    ),
    (
        "blanks-mismatch",
        OK.format(id="x").replace("single", "blanks") + 'code: "a = {{1}} + {{3}}"\nblanks:\n'
        '  1: {options: ["1", "2"], answer: "1"}\n  2: {options: ["1", "2"], answer: "1"}\n',
        "blanks in 'code' ({{1}}, {{3}}) don't match the keys of 'blanks' ({{1}}, {{2}})",
    ),
    (
        "blank-feedback-key",
        OK.format(id="x").replace("single", "blanks") + 'code: "a = {{1}}"\nblanks:\n'
        '  1: {options: ["1", "2"], answer: "1", feedback: {"7": why}}\n',
        "blanks.1.feedback: '7' is not one of its wrong options",
    ),
    (
        "run-false-no-reason",
        OK.format(id="x").replace("single", "output") + "code: print(1)\n" + OPTIONS + "run: false\n",
        "'run: false' needs a 'norun_reason'",
    ),
    ("attempts-zero", OK.format(id="x") + OPTIONS + "attempts: 0\n", "'attempts' must be a whole number >= 1"),
    ("text-no-accept", OK.format(id="x").replace("single", "text") + "accept: []\n", "'accept' needs at least 1"),
]


def _collect(tmp_path, pages: dict[str, str]):
    docs = tmp_path / "docs"
    files = []
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text)
        files.append(File(name, src_dir=str(docs), dest_dir=str(tmp_path / "site"), use_directory_urls=True))
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    return mkdocs_build.collect(Files(files), config)


def _error(tmp_path, pages) -> str:
    with pytest.raises(PluginError) as err:
        _collect(tmp_path, pages)
    return str(err.value)


@pytest.mark.parametrize("body, reason", [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED])
def test_malformed_quiz_names_file_line_and_reason(tmp_path, body, reason):
    message = _error(tmp_path, {"chapter/page.md": HEAD + "```quiz\n" + body + "```\n"})
    assert "docs/chapter/page.md:5: " in message
    assert reason in message


def test_unclosed_fence(tmp_path):
    message = _error(tmp_path, {"page.md": HEAD + "```quiz\n" + OK.format(id="x")})
    assert "docs/page.md:5: quiz fence is never closed" in message


def test_duplicate_id_across_pages_names_both(tmp_path):
    quiz = "```quiz\n" + OK.format(id="same") + OPTIONS + "```\n"
    message = _error(tmp_path, {"a.md": HEAD + quiz, "b.md": "# B\n\n" + quiz})
    assert "docs/b.md:3: duplicate quiz id 'same' (first used at docs/a.md:5)" in message


def test_every_bad_fence_is_reported_with_its_own_line(tmp_path):
    page = textwrap.dedent(
        """\
        # Page

        !!! note
            ```quiz
            id: one
            ```

        ```quiz
        id: two
        type: nope
        ```
        """
    )
    message = _error(tmp_path, {"p.md": page})
    assert "docs/p.md:4: quiz 'one': missing required field 'type'" in message
    assert "docs/p.md:8: quiz 'two': unknown type 'nope'" in message


def test_valid_pages_and_examples_inside_other_fences_pass(tmp_path):
    example = "````markdown\n```quiz\nnot: valid\n```\n````\n"
    entries = _collect(tmp_path, {"p.md": HEAD + example + "```quiz\n" + OK.format(id="ok") + OPTIONS + "```\n"})
    assert [(e.id, e.line) for e in entries] == [("ok", 10)]


def _markdown_with_quizzes():
    return markdown.Markdown(
        extensions=["pymdownx.superfences"],
        extension_configs={
            "pymdownx.superfences": {"custom_fences": [{"name": "quiz", "class": "quiz", "format": format_quiz}]}
        },
    )


def test_formatter_logs_an_error_that_strict_mode_counts(caplog, monkeypatch):
    """If a bad quiz ever reaches the formatter in a MkDocs build (e.g. through a snippet),
    superfences would swallow an exception, so the formatter logs on a mkdocs.* logger instead."""
    monkeypatch.setattr(mkdocs_build, "hooks_ran", lambda: True)
    md = _markdown_with_quizzes()
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        out = md.convert("```quiz\nid: x\ntype: essay\n```\n")
    assert '<pre class="quiz-error">' in out
    [record] = [r for r in caplog.records if r.name.startswith("mkdocs.")]
    assert record.levelno == logging.ERROR and "unknown type 'essay'" in record.getMessage()


def test_formatter_without_the_hooks_stops_the_build(monkeypatch):
    """Zensical runs the formatter but no hooks, and has no strict count of our log: raise the
    one exception superfences lets through."""
    monkeypatch.setattr(mkdocs_build, "hooks_ran", lambda: False)
    with pytest.raises(SuperFencesException, match="invalid quiz: unknown type 'essay'"):
        _markdown_with_quizzes().convert("```quiz\nid: x\ntype: essay\n```\n")


# --- end to end: real `mkdocs build --strict` of a tiny site inheriting mkdocs.yml ------------


def test_build_fails_with_file_and_line(tmp_path):
    bad = HEAD + "```quiz\n" + OK.format(id="x") + "options:\n  - text: a\n  - text: b\n```\n"
    config = write_site(tmp_path, {"index.md": "# Home\n", "chapter/bad.md": bad})
    result = build(config, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "docs/chapter/bad.md:5: quiz 'x': no option is marked 'correct: true'" in log


def test_build_through_a_snippet_still_fails_strict(tmp_path):
    """The hook can't see a quiz pulled in by --8<--; the formatter's error must abort."""
    (tmp_path / "snips").mkdir()
    (tmp_path / "snips" / "bad.md").write_text("```quiz\nid: x\ntype: essay\n```\n")
    config = write_site(tmp_path, {"index.md": '# Home\n\n--8<-- "bad.md"\n'})
    # Only the snippets base path differs from the project's configuration.
    text = config.read_text().replace(
        "docs_dir: docs\n",
        "docs_dir: docs\nmarkdown_extensions:\n"
        f"  - pymdownx.snippets:\n      base_path: [{tmp_path / 'snips'}]\n      check_paths: true\n"
        "  - pymdownx.superfences:\n      custom_fences:\n        - name: quiz\n          class: quiz\n"
        "          format: !!python/name:quizfence.superfences_formatter.format_quiz\n",
    )
    config.write_text(text)
    result = build(config, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "docs/index.md: invalid quiz: unknown type 'essay'" in log
    assert "Aborted with 1 errors in strict mode!" in log  # and nothing else


def test_broken_link_in_quiz_text_fails_strict(tmp_path):
    """Quiz Markdown is rendered apart from the page, but its links are checked like the page's."""
    quiz = "```quiz\n" + OK.format(id="x").replace("Q?", "See [this](missing.md).") + OPTIONS + "```\n"
    config = write_site(tmp_path, {"index.md": "# Home\n\n" + quiz})
    result = build(config, tmp_path / "site")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "'index.md' contains a link 'missing.md'" in log

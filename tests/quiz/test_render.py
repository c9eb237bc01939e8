"""render_quiz: structure, no-JS fallback, escaping, code highlighting."""

import re
from html.parser import HTMLParser

import markdown
import pytest

from quizfence.render import render_quiz, shuffled
from quizfence.schema import parse_quiz
from tests.quiz.cases import BASE, VALID


def html_for(qtype, extra=""):
    return render_quiz(parse_quiz(BASE + VALID[qtype] + extra))


@pytest.mark.parametrize("qtype", VALID)
def test_accessible_skeleton(qtype):
    out = html_for(qtype, "hint: Think.\n")
    assert 'id="quiz-q1"' in out and 'data-quiz-id="q1"' in out
    assert "<fieldset" in out and "<legend>" in out
    assert 'role="status" aria-live="polite"' in out
    assert 'method="dialog"' in out  # a form that never navigates
    assert '<details class="quiz-hint" data-search-exclude><summary>Show hint</summary>' in out
    # Without JS the answer and explanation sit behind a native disclosure (and out of search).
    assert re.search(
        r'<details class="quiz-answer" data-search-exclude><summary>Show answer</summary>.*Because\.', out, re.S
    )
    assert "quiz-difficulty--easy" in out and ">Easy<" in out
    assert 'class="quiz-actions quiz-js" hidden' in out  # Check button only with JS


def test_choice_inputs_are_labelled_and_keyed():
    out = html_for("multiple")
    assert out.count('<label class="quiz-option"><input type="checkbox"') == 3
    assert 'data-key="0 1"' in out


def test_option_feedback_is_hidden_and_listed():
    out = html_for("single")
    assert '<div class="quiz-fb" data-fb="1" data-search-exclude hidden>b: nope</div>' in out
    assert '<ul class="quiz-mistakes"><li>b: nope</li></ul>' in out


def test_output_options_are_literal_code():
    q = parse_quiz(
        BASE + 'type: output\ncode: print("*a*")\noptions:\n  - text: "*a*"\n    correct: true\n  - text: "<b>"\n'
    )
    out = render_quiz(q)
    assert '<code class="quiz-literal">*a*</code>' in out  # not emphasis
    assert '<code class="quiz-literal">&lt;b&gt;</code>' in out


def test_code_is_highlighted_like_site_blocks():
    out = html_for("output")
    assert '<div class="language-python highlight"><pre><span></span><code>' in out


def test_blanks_become_selects_inside_highlighted_code():
    q = parse_quiz(
        BASE + 'type: blanks\ncode: |\n  y = {{1}}(x, "{{2}}")\nblanks:\n'
        "  1: {options: [len, sum], answer: sum, feedback: {len: counts}}\n"
        '  2: {options: [a, "<b>"], answer: "<b>"}\n'
    )
    out = render_quiz(q)
    assert "QUIZFENCEBLANK" not in out and "{{" not in out
    assert 'class="no-copy language-python highlight"' in out
    assert '<select class="quiz-blank" name="quiz-q1-1" aria-label="Blank 1" data-blank="1" data-answer="1">' in out
    assert '<option value="1">&lt;b&gt;</option>' in out  # options differ per blank and are escaped
    assert 'data-fb="1:0"' in out
    # The answer shows the filled code, highlighted.
    assert '<span class="nb">sum</span>' in out


def test_order_is_shuffled_stably_and_has_move_buttons():
    out = html_for("order")
    positions = re.findall(r'data-pos="(\d)"', out)
    assert positions != ["0", "1", "2"] and sorted(positions) == ["0", "1", "2"]
    assert positions == re.findall(r'data-pos="(\d)"', html_for("order"))
    assert 'aria-label="Move up: one"' in out and 'aria-label="Move down: one"' in out
    assert all(shuffled(n, f"id-{n}") != list(range(n)) for n in range(2, 12))


def test_text_answer_key():
    out = html_for("text")
    assert 'data-key="[&quot;reset_state()&quot;, &quot;reset_state&quot;]"' in out
    assert 'data-case="false"' in out and '<label for="quiz-q1-input">' in out


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="#" onclick="alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](java&#x73;cript:alert(1))",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
]


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize("payload", HOSTILE)
def test_quiz_text_never_injects_html(payload):
    q = parse_quiz(
        "id: q1\ntype: single\ndifficulty: easy\n"
        f"question: {payload!r}\nexplanation: {payload!r}\nhint: {payload!r}\n"
        f"options:\n  - text: {payload!r}\n    correct: true\n    feedback: {payload!r}\n  - text: other\n"
    )
    parser = _Tags()
    parser.feed(render_quiz(q))
    for tag, attrs in parser.tags:
        assert tag != "script"
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        for a in ("href", "src"):
            url = (attrs.get(a) or "").replace(" ", "").lower()
            assert not url.startswith(("javascript:", "data:")), (tag, attrs)
    if payload.startswith("<"):  # raw HTML is shown as text
        assert sum(1 for tag, _ in parser.tags if tag in ("img", "a")) == 0


def test_raw_html_shows_as_text():
    q = parse_quiz(BASE.replace("Q?", "'Is <script>x</script> safe?'") + VALID["truefalse"])
    assert "Is &lt;script&gt;x&lt;/script&gt; safe?" in render_quiz(q)


def test_markdown_in_text_is_rendered():
    q = parse_quiz(BASE.replace("Q?", "'Use **bold**, `code` and [a link](https://example.org).'") + VALID["order"])
    out = render_quiz(q)
    assert "<strong>bold</strong>" in out and "<code>code</code>" in out
    assert '<a href="https://example.org">a link</a>' in out


def test_formatter_through_superfences_leaves_page_markdown_alone():
    from quizfence.superfences_formatter import format_quiz

    md = markdown.Markdown(
        extensions=["toc", "pymdownx.superfences"],
        extension_configs={
            "pymdownx.superfences": {"custom_fences": [{"name": "quiz", "class": "quiz", "format": format_quiz}]}
        },
    )
    page = "# Page\n\n## Before\n\n```quiz\n" + BASE + VALID["single"] + "```\n\n## After\n"
    out = md.convert(page)
    assert 'class="quiz"' in out and 'id="before"' in out and 'id="after"' in out
    assert [t["id"] for t in md.toc_tokens[0]["children"]] == ["before", "after"]

"""Quiz dict -> HTML that is readable without JavaScript and driven by docs/assets/quiz.js.

Quiz text is Markdown rendered by a private markdown.Markdown instance (the page's `md`
must not be disturbed mid-conversion) with raw HTML disabled, so quiz text can never
inject markup.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from collections.abc import Callable

import markdown
from markdown.treeprocessors import Treeprocessor

from .schema import BLANK_RE, fill_blanks

LinkRewriter = Callable[[object], None]  # called with the element tree of each conversion

_SAFE_SCHEME = re.compile(r"^(?:https?|mailto)$", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)


class _Links(Treeprocessor):
    """Drop javascript:/data: and other unsafe URLs, then let the site fix relative links."""

    rewrite: LinkRewriter | None = None  # set per quiz by render_quiz

    def run(self, root):
        for el, key in links(root):
            url = re.sub(r"[\x00-\x20]", "", html.unescape(el.get(key, "")))
            scheme = _SCHEME.match(url)
            if scheme and not _SAFE_SCHEME.match(scheme.group(1)):
                el.set(key, "#" if key == "href" else "")
        if self.rewrite:
            self.rewrite(root)


def links(root):
    """(element, attribute) for every link and image URL in an element tree."""
    for el in root.iter():
        if el.tag in ("a", "img") and el.get("href" if el.tag == "a" else "src") is not None:
            yield el, "href" if el.tag == "a" else "src"


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=["tables", "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.superfences"],
        # Same classes as the site's blocks (Material turns pygments_lang_class on). No line
        # anchors: their ids restart per conversion and would clash with the page's own.
        extension_configs={"pymdownx.highlight": {"pygments_lang_class": True}},
    )
    # Without these two, raw HTML is plain text and gets escaped.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_Links(md), "quizfence_links", 0)
    return md


_MD = _markdown()
_LINKS = _MD.treeprocessors["quizfence_links"]


def block(text: str | None) -> str:
    if not text:
        return ""
    _MD.reset()
    return _MD.convert(text)


def inline(text: str) -> str:
    """Markdown for option/item text: one paragraph loses its <p>."""
    out = block(text)
    m = re.fullmatch(r"<p>(.*)</p>", out, re.S)
    return m.group(1) if m and "<p>" not in m.group(1) else out


def plain(html_text: str) -> str:
    """Rendered HTML -> short plain text (for aria-labels and the progress list)."""
    spaced = re.sub(r"</?(?:p|li|div|pre|br|h\d|tr|td|th)\b[^>]*>", " ", html_text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", spaced)).split())


def backticks_around(text: str) -> str:
    """A backtick fence longer than any run of backticks inside `text`."""
    return "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", text)), default=0))


def code_block(code: str, extra_class: str = "") -> str:
    fence = backticks_around(code)
    out = block(f"{fence}python\n{code.rstrip()}\n{fence}")
    if extra_class:
        out = out.replace('class="', f'class="{extra_class} ', 1)
    return out


def _esc(value) -> str:
    return html.escape(str(value), quote=True)


def shuffled(n: int, seed: str) -> list[int]:
    """A fixed permutation of range(n) derived from the id, never the identity."""
    order = list(range(n))
    random.Random(hashlib.sha256(seed.encode()).hexdigest()).shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]
    return order


def render_quiz(q: dict, rewrite: LinkRewriter | None = None) -> str:
    _LINKS.rewrite = rewrite
    try:
        return _render(q)
    finally:
        _LINKS.rewrite = None


def _render(q: dict) -> str:
    qid, qtype = q["id"], q["type"]
    dom = f"quiz-{qid}"
    # feedback: (key the JS looks up, what was chosen, feedback, is it a mistake?)
    key, body, answer, feedback, legend = RENDERERS[qtype](q, dom)
    hidden_fb = "".join(
        f'<div class="quiz-fb" data-fb="{_esc(k)}" data-search-exclude hidden>{chosen}: {fb}</div>'
        for k, chosen, fb, _ in feedback
    )
    code = ""
    if q["code"] and qtype != "blanks":
        code = code_block(q["code"])
    hint = ""
    if q["hint"]:
        hint = (
            f'<details class="quiz-hint" data-search-exclude><summary>Show hint</summary>{block(q["hint"])}</details>'
        )
    mistakes_html = ""
    if any(m for *_, m in feedback):
        items = "".join(f"<li>{chosen}: {fb}</li>" for _, chosen, fb, m in feedback if m)
        mistakes_html = f'<p>Common mistakes:</p><ul class="quiz-mistakes">{items}</ul>'
    level = q["difficulty"]
    return (
        f'<div class="quiz" id="{_esc(dom)}" data-quiz-id="{_esc(qid)}" data-type="{qtype}"'
        f' data-attempts="{q["attempts"]}" data-difficulty="{level}"{key}>'
        f'<p class="quiz-head"><span class="quiz-badge">Quiz</span>'
        f' <span class="quiz-difficulty quiz-difficulty--{level}">{level.capitalize()}</span></p>'
        f'<div class="quiz-question" id="{_esc(dom)}-q">{block(q["question"])}{code}</div>'
        f'<form class="quiz-form" method="dialog">'  # "dialog": never navigates, even without JS
        f'<fieldset aria-describedby="{_esc(dom)}-q"><legend>{legend}</legend>{body}</fieldset>'
        f'<p class="quiz-actions quiz-js" hidden><button type="submit" class="quiz-check">Check</button>'
        f' <span class="quiz-attempts"></span></p>'
        f'<div class="quiz-status" role="status" aria-live="polite"></div>'
        f"</form>{hidden_fb}{hint}"
        f'<details class="quiz-answer" data-search-exclude><summary>Show answer</summary>'
        f'<div class="quiz-solution"><p><strong>Answer:</strong></p>{answer}{mistakes_html}'
        f'<div class="quiz-explanation">{block(q["explanation"])}</div></div></details>'
        f"</div>"
    )


def _choices(q: dict, dom: str):
    multiple = q["type"] == "multiple"
    kind = "checkbox" if multiple else "radio"
    rows, feedback, correct = [], [], []
    for i, opt in enumerate(q["options"]):
        text = _literal(opt["text"]) if q["type"] == "output" else inline(opt["text"])
        rows.append(
            f'<label class="quiz-option"><input type="{kind}" name="{_esc(dom)}" value="{i}">'
            f" <span>{text}</span></label>"
        )
        if opt["correct"]:
            correct.append(text)
        if "feedback" in opt:
            feedback.append((str(i), text, inline(opt["feedback"]), not opt["correct"]))
    key = " ".join(str(i) for i, o in enumerate(q["options"]) if o["correct"])
    answer = "<ul>" + "".join(f"<li>{c}</li>" for c in correct) + "</ul>"
    legend = {
        "single": "Choose one answer",
        "multiple": "Select all that apply",
        "output": "What does this code print?",
    }[q["type"]]
    return f' data-key="{key}"', "".join(rows), answer, feedback, legend


def _literal(text: str) -> str:
    return f'<code class="quiz-literal">{_esc(text)}</code>'


def _truefalse(q: dict, dom: str):
    rows = "".join(
        f'<label class="quiz-option"><input type="radio" name="{_esc(dom)}" value="{v}"> <span>{v.capitalize()}</span></label>'
        for v in ("true", "false")
    )
    feedback = [(str(k).lower(), str(k), inline(v), k != q["answer"]) for k, v in q["feedback"].items()]
    answer = f"<p>{q['answer']}</p>"
    return f' data-key="{str(q["answer"]).lower()}"', rows, answer, feedback, "True or false?"


def _order(q: dict, dom: str):
    texts = [inline(i) for i in q["items"]]
    rows = []
    for pos in shuffled(len(texts), q["id"]):
        label = _esc(plain(texts[pos])[:80])
        rows.append(
            f'<li class="quiz-item" data-pos="{pos}"><span class="quiz-item-text">{texts[pos]}</span>'
            f'<span class="quiz-move quiz-js" hidden>'
            f'<button type="button" data-move="-1" aria-label="Move up: {label}" title="Move up">↑</button>'
            f'<button type="button" data-move="1" aria-label="Move down: {label}" title="Move down">↓</button>'
            f"</span></li>"
        )
    answer = "<ol>" + "".join(f"<li>{t}</li>" for t in texts) + "</ol>"
    body = f'<ol class="quiz-order">{"".join(rows)}</ol>'
    return "", body, answer, [], "Put these in the right order (move items with the ↑ and ↓ buttons)"


_PLACEHOLDER = "QUIZFENCEBLANK{}X"
_SLOT_RE = re.compile(r'<span class="[^"]*">QUIZFENCEBLANK(\d+)X</span>|QUIZFENCEBLANK(\d+)X')


def _blanks(q: dict, dom: str):
    blanks = q["blanks"]
    # Highlight with an identifier in each blank, then swap each identifier for a <select>.
    code = BLANK_RE.sub(lambda m: _PLACEHOLDER.format(int(m.group(1))), q["code"])
    highlighted = code_block(code, "no-copy")

    def select(m):
        n = int(m.group(1) or m.group(2))
        b = blanks[n]
        opts = "".join(f'<option value="{i}">{_esc(o)}</option>' for i, o in enumerate(b["options"]))
        return (
            f'<select class="quiz-blank" name="{_esc(dom)}-{n}" aria-label="Blank {n}" data-blank="{n}"'
            f' data-answer="{b["options"].index(b["answer"])}"><option value="">▾ {n}</option>{opts}</select>'
        )

    body = _SLOT_RE.sub(select, highlighted)
    answer = code_block(fill_blanks(q["code"], {n: b["answer"] for n, b in blanks.items()}))
    feedback = [
        (f"{n}:{b['options'].index(wrong)}", f"Blank {n}: <code>{_esc(wrong)}</code>", inline(text), True)
        for n, b in sorted(blanks.items())
        for wrong, text in b["feedback"].items()
    ]
    return "", body, answer, feedback, "Fill in the blanks"


def _text(q: dict, dom: str):
    body = (
        f'<label for="{_esc(dom)}-input">Your answer</label> '
        f'<input type="text" id="{_esc(dom)}-input" name="{_esc(dom)}" class="quiz-text"'
        f' autocomplete="off" autocapitalize="off" spellcheck="false">'
    )
    answer = "<ul>" + "".join(f"<li>{_literal(a)}</li>" for a in q["accept"]) + "</ul>"
    key = f' data-key="{_esc(json.dumps(q["accept"]))}" data-case="{str(q["case_sensitive"]).lower()}"'
    note = "" if q["case_sensitive"] else " (not case-sensitive)"
    return key, body, answer, [], f"Type your answer{note}"


# One renderer per type in quizfence.schema.QUIZ_TYPES: (data-key attributes, form body,
# answer HTML, feedback entries, legend). docs/assets/quiz.js grades what they render.
RENDERERS = {
    "single": _choices,
    "multiple": _choices,
    "output": _choices,
    "truefalse": _truefalse,
    "order": _order,
    "blanks": _blanks,
    "text": _text,
}

"""The question bank for course platforms: an IMS QTI 2.1 content package and Moodle XML.

Both are written from the catalog's parsed quizzes (quizfence.catalog), grouped by chapter
in reading order: the build adds them to the site (quizfence.mkdocs_build.on_nav), and
`python -m quizfence.export DIR` (`make quiz-export`) writes them without building.

What goes where, per type:

| type      | QTI 2.1                                   | Moodle XML                  |
|-----------|-------------------------------------------|-----------------------------|
| single    | choiceInteraction, one answer             | multichoice, single         |
| truefalse | choiceInteraction, one answer (True/False)| truefalse                   |
| multiple  | choiceInteraction, several answers        | multichoice, several        |
| order     | orderInteraction                          | ordering                    |
| blanks    | an inlineChoiceInteraction per blank, in the code | gapselect           |
| text      | textEntryInteraction, every accepted variant mapped | shortanswer       |
| output    | choiceInteraction, the code shown         | multichoice, the code shown |
"""

from __future__ import annotations

import html
import io
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import markdown

from .catalog import QuizEntry
from .schema import BLANK_RE

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
LOM = "http://ltsc.ieee.org/xsd/LOM"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
ET.register_namespace("", QTI)
ET.register_namespace("xsi", XSI)
ET.register_namespace("imsmd", LOM)

BOOK = "Custom Models and Training with TensorFlow"
QTI_FILE = "tf-custom-training-qti21.zip"
MOODLE_FILE = "tf-custom-training-moodle.xml"
LOM_DIFFICULTY = {"easy": "easy", "medium": "medium", "hard": "difficult"}
# Moodle accepts only these grade fractions (percent) for an answer.
MOODLE_FRACTIONS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571)
MOODLE_FRACTIONS += (12.5, 11.11111, 10, 5)


@dataclass(frozen=True)
class Chapter:
    title: str
    url: str  # absolute, or relative to the site root
    entries: list[QuizEntry]


# --- Markdown to XHTML that an LMS can show -------------------------------------------------


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["fenced_code", "tables"], output_format="xhtml")
    md.preprocessors.deregister("html_block")  # quiz text is never raw HTML
    md.inlinePatterns.deregister("html")
    return md


_MD = _markdown()


def xhtml(text: str | None, base: str) -> str:
    """Quiz Markdown as XHTML; relative links made absolute against the chapter's URL."""
    if not text:
        return ""
    _MD.reset()
    out = _MD.convert(text)

    def absolute(m):
        url = html.unescape(m.group(2))
        if url.startswith("#") or not re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
            url = urljoin(base, re.sub(r"\.md(?=$|#)", "/", url))
        return f'{m.group(1)}="{html.escape(url, quote=True)}"'

    return re.sub(r'(href|src)="([^"]*)"', absolute, out)


def _title(question: str) -> str:
    words = " ".join(re.sub(r"[`*]", "", question).split())
    return words if len(words) <= 80 else words[:79] + "…"


def _code_html(code: str) -> str:
    return f"<pre><code>{html.escape(code.rstrip())}</code></pre>"


# --- QTI 2.1 -------------------------------------------------------------------------------


def _q(tag: str) -> str:
    return f"{{{QTI}}}{tag}"


def _sub(parent, tag, text=None, **attrs):
    el = ET.SubElement(parent, _q(tag), {k.rstrip("_"): str(v) for k, v in attrs.items()})
    if text is not None:
        el.text = text
    return el


def _append_xhtml(parent, fragment: str) -> None:
    """Parse an XHTML fragment and add its elements to `parent`, in the QTI namespace."""
    if not fragment:
        return
    root = ET.fromstring(f"<div>{fragment}</div>")
    for el in root.iter():
        el.tag = _q(el.tag)
    if root.text:  # leading text, before the fragment's first element: keep it inline
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + root.text
        else:
            parent.text = (parent.text or "") + root.text
    parent.extend(list(root))


def _declare(item, identifier, cardinality, base_type, correct=None):
    decl = _sub(item, "responseDeclaration", identifier=identifier, cardinality=cardinality, baseType=base_type)
    if correct is not None:
        box = _sub(decl, "correctResponse")
        for value in correct:
            _sub(box, "value", value)
    return decl


def _outcome(item, identifier, cardinality, base_type, default=None):
    decl = _sub(item, "outcomeDeclaration", identifier=identifier, cardinality=cardinality, baseType=base_type)
    if default is not None:
        _sub(_sub(decl, "defaultValue"), "value", default)


def _set(parent, outcome, base_type, value):
    _sub(_sub(parent, "setOutcomeValue", identifier=outcome), "baseValue", value, baseType=base_type)


def mistakes_html(q: dict, base: str) -> str:
    """Feedback on wrong answers, as a list, where a format has no per-answer place for it."""
    if q["type"] == "blanks":
        lines = [
            (f"Blank {n}, <code>{html.escape(w)}</code>", why)
            for n, b in sorted(q["blanks"].items())
            for w, why in b["feedback"].items()
        ]
    elif q["type"] == "truefalse":
        lines = [(str(k).lower(), why) for k, why in q["feedback"].items() if k != q["answer"]]
    else:
        return ""
    items = "".join(f"<li>{label}: {_inline(xhtml(why, base))}</li>" for label, why in lines)
    return f"<p>Common mistakes:</p><ul>{items}</ul>" if items else ""


def _inline(fragment: str) -> str:
    m = re.fullmatch(r"<p>(.*)</p>", fragment, re.S)
    return m.group(1) if m and "<p>" not in m.group(1) else fragment


def qti_item(entry: QuizEntry, base: str) -> bytes:
    q, qtype = entry.quiz, entry.quiz["type"]
    item = ET.Element(
        _q("assessmentItem"),
        {
            "identifier": entry.id,
            "title": _title(q["question"]),
            "adaptive": "false",
            "timeDependent": "false",
            f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
        },
    )
    body_parts = []  # (callable filling itemBody) in order, after the declarations
    if qtype in ("single", "multiple", "output", "truefalse"):
        if qtype == "truefalse":
            choices = [("true", "True", q["feedback"].get(True)), ("false", "False", q["feedback"].get(False))]
            correct = [str(q["answer"]).lower()]
        else:
            choices = [(f"choice_{i}", o["text"], o.get("feedback")) for i, o in enumerate(q["options"])]
            correct = [f"choice_{i}" for i, o in enumerate(q["options"]) if o["correct"]]
        cardinality = "multiple" if qtype == "multiple" else "single"
        _declare(item, "RESPONSE", cardinality, "identifier", correct)
        _outcome(item, "FEEDBACK", cardinality, "identifier")

        def choice_body(body):
            interaction = _sub(
                body,
                "choiceInteraction",
                responseIdentifier="RESPONSE",
                shuffle="false",
                maxChoices=0 if qtype == "multiple" else 1,
            )
            _sub(interaction, "prompt", _LEGEND[qtype])
            for ident, text, feedback in choices:
                choice = _sub(interaction, "simpleChoice", identifier=ident)
                if qtype == "output":
                    _append_xhtml(choice, _code_html(text))
                elif qtype == "truefalse":
                    choice.text = text
                else:
                    _append_xhtml(choice, _inline(xhtml(text, base)))
                if feedback:
                    fb = _sub(choice, "feedbackInline", outcomeIdentifier="FEEDBACK", identifier=ident, showHide="show")
                    _append_xhtml(fb, _inline(xhtml(feedback, base)))

        body_parts.append(choice_body)
    elif qtype == "order":
        ids = [f"item_{i}" for i in range(len(q["items"]))]
        _declare(item, "RESPONSE", "ordered", "identifier", ids)

        def order_body(body):
            interaction = _sub(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true")
            _sub(interaction, "prompt", _LEGEND[qtype])
            for ident, text in zip(ids, q["items"], strict=True):
                _append_xhtml(_sub(interaction, "simpleChoice", identifier=ident), _inline(xhtml(text, base)))

        body_parts.append(order_body)
    elif qtype == "blanks":
        for n, b in sorted(q["blanks"].items()):
            _declare(item, f"RESPONSE_{n}", "single", "identifier", [f"b{n}_{b['options'].index(b['answer'])}"])

        def blanks_body(body):
            _sub(body, "p", _LEGEND[qtype])
            pre = _sub(body, "pre")
            parts = BLANK_RE.split(q["code"].rstrip())  # text, n, text, n, ..., text
            pre.text = parts[0]
            for number, after in zip(parts[1::2], parts[2::2], strict=True):
                n = int(number)
                blank = _sub(pre, "inlineChoiceInteraction", responseIdentifier=f"RESPONSE_{n}", shuffle="false")
                for i, option in enumerate(q["blanks"][n]["options"]):
                    _sub(blank, "inlineChoice", option, identifier=f"b{n}_{i}")
                blank.tail = after

        body_parts.append(blanks_body)
    elif qtype == "text":
        decl = _declare(item, "RESPONSE", "single", "string", [q["accept"][0]])
        mapping = _sub(decl, "mapping", lowerBound="0", upperBound="1", defaultValue="0")
        for variant in q["accept"]:
            _sub(
                mapping,
                "mapEntry",
                mapKey=variant,
                mappedValue="1",
                caseSensitive=str(q["case_sensitive"]).lower(),
            )

        def text_body(body):
            p = _sub(body, "p", _LEGEND[qtype] + " ")
            _sub(p, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="30")

        body_parts.append(text_body)

    if q["hint"]:
        _declare(item, "HINTREQUEST", "single", "boolean")
    _outcome(item, "SCORE", "single", "float", "0")
    _outcome(item, "MAXSCORE", "single", "float", "1")
    _outcome(item, "SHOW", "single", "identifier")

    body = _sub(item, "itemBody")
    _append_xhtml(body, xhtml(q["question"], base))
    if q["code"] and qtype != "blanks":
        _append_xhtml(body, _code_html(q["code"]))
    for fill in body_parts:
        fill(body)
    if q["hint"]:
        _sub(body, "endAttemptInteraction", responseIdentifier="HINTREQUEST", title="Show hint")

    _response_processing(item, q)
    if q["hint"]:
        hint = _sub(item, "modalFeedback", outcomeIdentifier="SHOW", identifier="HINT", showHide="show", title="Hint")
        _append_xhtml(hint, xhtml(q["hint"], base))
    solution = _sub(item, "modalFeedback", outcomeIdentifier="SHOW", identifier="SOLUTION", showHide="show")
    solution.set("title", "Explanation")
    _append_xhtml(solution, xhtml(q["explanation"], base) + mistakes_html(q, base))
    item[:] = sorted(item, key=lambda el: _ITEM_ORDER.index(el.tag.split("}")[1]))  # the order QTI requires
    return ET.tostring(item, encoding="utf-8", xml_declaration=True)


_ITEM_ORDER = ["responseDeclaration", "outcomeDeclaration", "itemBody", "responseProcessing", "modalFeedback"]
_LEGEND = {
    "single": "Choose one answer.",
    "truefalse": "True or false?",
    "multiple": "Select all that apply.",
    "output": "What does this code print?",
    "order": "Put these in the right order.",
    "blanks": "Fill in the blanks.",
    "text": "Type your answer:",
}


def _response_processing(item, q):
    rp = _sub(item, "responseProcessing")
    condition = _sub(rp, "responseCondition")
    if q["hint"]:  # a hint request ends the attempt without grading it
        asked = _sub(condition, "responseIf")
        _sub(asked, "variable", identifier="HINTREQUEST")
        _set(asked, "SHOW", "identifier", "HINT")
        grading = _sub(condition, "responseElse")
    else:
        grading = rp
    _set(grading, "SHOW", "identifier", "SOLUTION")
    if q["type"] in ("single", "multiple", "output", "truefalse"):
        fb = _sub(grading, "setOutcomeValue", identifier="FEEDBACK")
        _sub(fb, "variable", identifier="RESPONSE")
    if q["type"] == "text":
        score = _sub(grading, "setOutcomeValue", identifier="SCORE")
        _sub(score, "mapResponse", identifier="RESPONSE")
        return
    right = _sub(_sub(grading, "responseCondition"), "responseIf")
    ids = [f"RESPONSE_{n}" for n in sorted(q["blanks"])] if q["type"] == "blanks" else ["RESPONSE"]
    test = _sub(right, "and") if len(ids) > 1 else right
    for ident in ids:
        match = _sub(test, "match")
        _sub(match, "variable", identifier=ident)
        _sub(match, "correct", identifier=ident)
    _set(right, "SCORE", "float", "1")


def qti_package(chapters: list[Chapter]) -> bytes:
    """A zip: imsmanifest.xml, one assessmentTest with a section per chapter, one file per item."""
    out = io.BytesIO()
    manifest = ET.Element(f"{{{CP}}}manifest", {"identifier": "tf-custom-training-quizzes"})
    metadata = ET.SubElement(manifest, f"{{{CP}}}metadata")
    ET.SubElement(metadata, f"{{{CP}}}schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, f"{{{CP}}}schemaversion").text = "1.0.0"
    ET.SubElement(manifest, f"{{{CP}}}organizations")
    resources = ET.SubElement(manifest, f"{{{CP}}}resources")

    test = ET.Element(_q("assessmentTest"), {"identifier": "tf-custom-training", "title": BOOK})
    part = _sub(test, "testPart", identifier="chapters", navigationMode="nonlinear", submissionMode="individual")
    test_resource = ET.SubElement(
        resources, f"{{{CP}}}resource", {"identifier": "test", "type": "imsqti_test_xmlv2p1", "href": "test.xml"}
    )
    ET.SubElement(test_resource, f"{{{CP}}}file", {"href": "test.xml"})
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for number, chapter in enumerate(chapters, 1):
            section = _sub(
                part, "assessmentSection", identifier=f"chapter-{number}", title=chapter.title, visible="true"
            )
            for entry in chapter.entries:
                href = f"items/{entry.id}.xml"
                zf.writestr(href, qti_item(entry, chapter.url))
                _sub(section, "assessmentItemRef", identifier=entry.id, href=href)
                resource = ET.SubElement(
                    resources,
                    f"{{{CP}}}resource",
                    {"identifier": f"item-{entry.id}", "type": "imsqti_item_xmlv2p1", "href": href},
                )
                lom = ET.SubElement(ET.SubElement(resource, f"{{{CP}}}metadata"), f"{{{LOM}}}lom")
                difficulty = ET.SubElement(ET.SubElement(lom, f"{{{LOM}}}educational"), f"{{{LOM}}}difficulty")
                ET.SubElement(difficulty, f"{{{LOM}}}source").text = "LOMv1.0"
                ET.SubElement(difficulty, f"{{{LOM}}}value").text = LOM_DIFFICULTY[entry.quiz["difficulty"]]
                ET.SubElement(resource, f"{{{CP}}}file", {"href": href})
                ET.SubElement(test_resource, f"{{{CP}}}dependency", {"identifierref": f"item-{entry.id}"})
        ET.indent(test)
        zf.writestr("test.xml", ET.tostring(test, encoding="utf-8", xml_declaration=True))
        ET.indent(manifest)
        zf.writestr("imsmanifest.xml", ET.tostring(manifest, encoding="utf-8", xml_declaration=True))
    return out.getvalue()


# --- Moodle XML ----------------------------------------------------------------------------


def _text_el(parent, tag, text, fmt="html", **attrs):
    el = ET.SubElement(parent, tag, {"format": fmt, **attrs} if fmt else attrs)
    ET.SubElement(el, "text").text = text
    return el


def _fraction(share: float) -> str:
    """The Moodle grade fraction nearest to `share` percent (it accepts only a fixed list)."""
    sign = -1 if share < 0 else 1
    best = min(MOODLE_FRACTIONS, key=lambda f: abs(f - abs(share)))
    return f"{sign * best:.7g}"


def _moodle_question(quiz_el, entry: QuizEntry, base: str) -> None:
    q, qtype = entry.quiz, entry.quiz["type"]
    kind = {"single": "multichoice", "multiple": "multichoice", "output": "multichoice", "truefalse": "truefalse"}
    kind |= {"order": "ordering", "blanks": "gapselect", "text": "shortanswer"}
    el = ET.SubElement(quiz_el, "question", {"type": kind[qtype]})
    _text_el(el, "name", entry.id, fmt=None)
    question = xhtml(q["question"], base)
    if q["code"] and qtype != "blanks":
        question += _code_html(q["code"])
    if qtype == "blanks":
        question += "<p>Fill in the blanks.</p>" + _gapselect_code(q)
    _text_el(el, "questiontext", question)
    _text_el(el, "generalfeedback", xhtml(q["explanation"], base) + mistakes_html(q, base))
    ET.SubElement(el, "defaultgrade").text = "1"
    ET.SubElement(el, "penalty").text = f"{1 / q['attempts']:.7f}" if q["attempts"] > 1 else "1"
    ET.SubElement(el, "hidden").text = "0"
    ET.SubElement(el, "idnumber").text = entry.id

    if qtype in ("single", "multiple", "output"):
        ET.SubElement(el, "single").text = "false" if qtype == "multiple" else "true"
        ET.SubElement(el, "shuffleanswers").text = "true"
        ET.SubElement(el, "answernumbering").text = "abc"
        right = [o for o in q["options"] if o["correct"]]
        wrong = len(q["options"]) - len(right)
        for option in q["options"]:
            share = 100 / len(right) if option["correct"] else (-100 / wrong if qtype == "multiple" else 0)
            text = _code_html(option["text"]) if qtype == "output" else xhtml(option["text"], base)
            answer = _text_el(el, "answer", text, fraction=_fraction(share) if share else "0")
            _text_el(answer, "feedback", xhtml(option.get("feedback"), base))
    elif qtype == "truefalse":
        for value in (True, False):
            answer = _text_el(el, "answer", str(value).lower(), fmt="moodle_auto_format")
            answer.set("fraction", "100" if value == q["answer"] else "0")
            _text_el(answer, "feedback", xhtml(q["feedback"].get(value), base))
    elif qtype == "order":
        for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0")):
            ET.SubElement(el, tag).text = value
        ET.SubElement(el, "gradingtype").text = "ABSOLUTE_POSITION"
        for position, text in enumerate(q["items"], 1):  # the fraction is the item's right position
            _text_el(el, "answer", xhtml(text, base), fraction=str(position))
    elif qtype == "blanks":
        ET.SubElement(el, "shuffleanswers").text = "0"
        for n, b in sorted(q["blanks"].items()):
            for option in b["options"]:
                select = ET.SubElement(el, "selectoption")
                ET.SubElement(select, "text").text = option
                ET.SubElement(select, "group").text = str(n)
    elif qtype == "text":
        ET.SubElement(el, "usecase").text = "1" if q["case_sensitive"] else "0"
        for variant in q["accept"]:
            _text_el(el, "answer", variant, fmt="moodle_auto_format", fraction="100")
    if q["hint"]:
        _text_el(el, "hint", xhtml(q["hint"], base))
    tags = ET.SubElement(el, "tags")
    ET.SubElement(ET.SubElement(tags, "tag"), "text").text = f"difficulty-{q['difficulty']}"


def _gapselect_code(q: dict) -> str:
    """The code with [[k]] where blank n goes: k numbers the select options in document order,
    and [[k]] names the right one. Literal [ in the code is written &#91; so Moodle never reads
    `[[1]]` in the code itself as a gap."""
    first, k = {}, 1
    for n, b in sorted(q["blanks"].items()):
        first[n] = k + b["options"].index(b["answer"])
        k += len(b["options"])

    def escape(code: str) -> str:
        return html.escape(code).replace("[", "&#91;")

    parts = BLANK_RE.split(q["code"].rstrip())
    out = [escape(parts[0])]
    for number, after in zip(parts[1::2], parts[2::2], strict=True):
        out.append(f"[[{first[int(number)]}]]{escape(after)}")
    return "<pre><code>" + "".join(out) + "</code></pre>"


def moodle_xml(chapters: list[Chapter]) -> bytes:
    quiz = ET.Element("quiz")
    for chapter in chapters:
        category = ET.SubElement(quiz, "question", {"type": "category"})
        _text_el(category, "category", f"$course$/top/{BOOK}/{chapter.title}", fmt=None)
        for entry in chapter.entries:
            _moodle_question(quiz, entry, chapter.url)
    ET.indent(quiz)
    return ET.tostring(quiz, encoding="utf-8", xml_declaration=True)


# --- both, from the catalog ------------------------------------------------------------------


def chapters_of(entries: list[QuizEntry], order: list[tuple[str, str, str]]) -> list[Chapter]:
    """Group entries by page, in `order`: (src_uri, title, URL) of each page, reading order."""
    by_page: dict[str, list[QuizEntry]] = {}
    for e in entries:
        by_page.setdefault(e.src_uri, []).append(e)
    known = {src for src, _, _ in order}
    order = order + [(src, src, src) for src in sorted(by_page) if src not in known]
    return [Chapter(title, url, by_page[src]) for src, title, url in order if src in by_page]


def in_bank(entry: QuizEntry) -> bool:
    """The demos on "How to write a quiz" (docs/quizzes/) are not part of the question bank."""
    return not entry.src_uri.startswith("quizzes/")


def exports(chapters: list[Chapter]) -> dict[str, bytes]:
    return {QTI_FILE: qti_package(chapters), MOODLE_FILE: moodle_xml(chapters)}


def main(argv: list[str]) -> None:
    """`python -m quizfence.export OUT_DIR [DOCS_DIR]`: write both files from the docs' quizzes."""
    from .catalog import collect_docs

    out = Path(argv[0])
    docs = Path(argv[1] if len(argv) > 1 else "docs")
    entries = [e for e in collect_docs(docs) if in_bank(e)]
    titles = []
    for src in dict.fromkeys(e.src_uri for e in entries):
        m = re.search(r"^#\s+(.+?)\s*$", (docs / src).read_text(encoding="utf-8"), re.M)
        url = os.environ.get("SITE_URL", "") + src.removesuffix(".md").removesuffix("index").rstrip("/") + "/"
        titles.append((src, m.group(1) if m else src, url))
    out.mkdir(parents=True, exist_ok=True)
    for name, data in exports(chapters_of(entries, titles)).items():
        (out / name).write_bytes(data)
        print(f"{out / name}: {len(data)} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])

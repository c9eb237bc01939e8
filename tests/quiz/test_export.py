"""The question bank in the built site: every file well-formed, every key the page's key.

QTI 2.1 and Moodle XML are checked structurally here (no XML schema for either ships in an
installable package, so neither is validated against an XSD; see the README)."""

import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from quizfence import export
from quizfence.catalog import collect_docs
from tests.mkdocs_builds import DOCS

QTI = {"q": export.QTI, "cp": export.CP, "lom": export.LOM}
BANK = [e for e in collect_docs(DOCS) if export.in_bank(e)]


@pytest.fixture(scope="module")
def qti(built_site):
    """{path in the zip: parsed XML root} of the package the build wrote."""
    with zipfile.ZipFile(built_site / "quizzes/export" / export.QTI_FILE) as zf:
        return {name: ET.fromstring(zf.read(name)) for name in zf.namelist()}


@pytest.fixture(scope="module")
def moodle(built_site):
    root = ET.parse(built_site / "quizzes/export" / export.MOODLE_FILE).getroot()
    return {q.findtext("idnumber"): q for q in root.iter("question") if q.get("type") != "category"}


def text_of(el) -> str:
    return " ".join("".join(el.itertext()).split())


def test_the_bank_has_questions_of_every_type():
    assert {e.quiz["type"] for e in BANK} == set(export._LEGEND)


def test_package_manifest_lists_every_item_and_the_test(qti):
    manifest = qti["imsmanifest.xml"]
    hrefs = [r.get("href") for r in manifest.iter(f"{{{export.CP}}}resource")]
    assert sorted(hrefs) == sorted(name for name in qti if name != "imsmanifest.xml")
    assert sorted(hrefs) == sorted(["test.xml"] + [f"items/{e.id}.xml" for e in BANK])
    difficulties = [v.text for v in manifest.iter(f"{{{export.LOM}}}value")]
    assert difficulties.count("difficult") == sum(e.quiz["difficulty"] == "hard" for e in BANK)


def test_package_test_has_a_section_per_chapter_in_reading_order(qti):
    sections = qti["test.xml"].findall(".//q:assessmentSection", QTI)
    refs = [[r.get("identifier") for r in s.findall("q:assessmentItemRef", QTI)] for s in sections]
    pages = list(dict.fromkeys(e.src_uri for e in BANK))
    assert len(sections) == len(pages)
    assert sorted(i for ids in refs for i in ids) == sorted(e.id for e in BANK)
    assert sections[0].get("title") == "TensorFlow and NumPy"


def qti_key(item, q):
    """The answer key as the QTI item states it, in the page's terms."""
    decls = {
        d.get("identifier"): [v.text for v in d.findall("q:correctResponse/q:value", QTI)]
        for d in item.findall("q:responseDeclaration", QTI)
    }
    choices = {c.get("identifier"): text_of(c) for c in item.iter(f"{{{export.QTI}}}inlineChoice")}
    for name in item.iter(f"{{{export.QTI}}}responseDeclaration"):
        assert item.find(f".//*[@responseIdentifier='{name.get('identifier')}']") is not None
    if q["type"] == "blanks":
        return {int(k.split("_")[1]): choices[v[0]] for k, v in decls.items() if k.startswith("RESPONSE_")}
    if q["type"] == "text":
        entries = item.findall(".//q:mapEntry", QTI)
        return [e.get("mapKey") for e in entries], {e.get("caseSensitive") for e in entries}
    return decls["RESPONSE"]


def page_key(q):
    if q["type"] in ("single", "multiple", "output"):
        return [f"choice_{i}" for i, o in enumerate(q["options"]) if o["correct"]]
    if q["type"] == "truefalse":
        return [str(q["answer"]).lower()]
    if q["type"] == "order":
        return [f"item_{i}" for i in range(len(q["items"]))]
    if q["type"] == "blanks":
        return {n: b["answer"] for n, b in q["blanks"].items()}
    return q["accept"], {str(q["case_sensitive"]).lower()}


@pytest.mark.parametrize("entry", BANK, ids=[e.id for e in BANK])
def test_qti_item_keys_what_the_page_keys(qti, entry):
    item = qti[f"items/{entry.id}.xml"]
    assert item.get("identifier") == entry.id
    assert qti_key(item, entry.quiz) == page_key(entry.quiz)
    q = entry.quiz
    if q["type"] == "order":  # item_i is the i-th step as written
        steps = {c.get("identifier"): text_of(c) for c in item.findall(".//q:simpleChoice", QTI)}
        assert [steps[f"item_{i}"] for i in range(len(q["items"]))] == [
            text_of(ET.fromstring(f"<p>{export._inline(export.xhtml(t, ''))}</p>")) for t in q["items"]
        ]
    if q["type"] in ("single", "multiple", "output"):
        assert len(item.findall(".//q:simpleChoice", QTI)) == len(q["options"])


def moodle_key(el, q):
    answers = el.findall("answer")
    if q["type"] in ("single", "multiple", "output"):
        return [f"choice_{i}" for i, a in enumerate(answers) if float(a.get("fraction")) > 0]
    if q["type"] == "truefalse":
        return [a.findtext("text") for a in answers if a.get("fraction") == "100"]
    if q["type"] == "order":
        return [f"item_{int(a.get('fraction')) - 1}" for a in answers]
    if q["type"] == "blanks":
        options = el.findall("selectoption")
        gaps = [int(k) for k in re.findall(r"\[\[(\d+)\]\]", el.findtext("questiontext/text"))]
        key = {}
        for gap in gaps:
            option = options[gap - 1]
            key[int(option.findtext("group"))] = option.findtext("text")
        return key
    return [a.findtext("text") for a in answers], {"true" if el.findtext("usecase") == "1" else "false"}


@pytest.mark.parametrize("entry", BANK, ids=[e.id for e in BANK])
def test_moodle_question_keys_what_the_page_keys(moodle, entry):
    el = moodle[entry.id]
    assert moodle_key(el, entry.quiz) == page_key(entry.quiz)
    for answer in el.findall("answer"):
        if entry.quiz["type"] in ("single", "multiple", "output") and answer.get("fraction") != "0":
            assert abs(float(answer.get("fraction"))) in export.MOODLE_FRACTIONS, answer.get("fraction")
    if entry.quiz["type"] in ("single", "multiple", "output"):
        assert len(el.findall("answer")) == len(entry.quiz["options"])


def test_moodle_groups_questions_by_chapter(built_site):
    root = ET.parse(built_site / "quizzes/export" / export.MOODLE_FILE).getroot()
    categories = [q.findtext("category/text") for q in root.iter("question") if q.get("type") == "category"]
    assert len(categories) == len({e.src_uri for e in BANK})
    assert all(c.startswith(f"$course$/top/{export.BOOK}/") for c in categories)


def test_code_brackets_never_become_moodle_gaps():
    q = {
        "code": "x = tf.constant([[1]])\ny = {{1}}",
        "blanks": {1: {"options": ["a", "b"], "answer": "b", "feedback": {}}},
    }
    out = export._gapselect_code(q)
    assert re.findall(r"\[\[(\d+)\]\]", out) == ["2"]  # only the blank; the code's [[1]] is escaped

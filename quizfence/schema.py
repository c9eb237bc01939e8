"""Parse and validate one quiz fence (the format is documented in docs/quizzes/authoring.md).

`parse_quiz(source)` returns a plain dict with defaults filled in, or raises
QuizError with a reason an author can act on.
"""

from __future__ import annotations

import re

import yaml

TYPES = ("single", "multiple", "truefalse", "order", "blanks", "text", "output")
DIFFICULTIES = ("easy", "medium", "hard")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BLANK_RE = re.compile(r"\{\{\s*(\d+)\s*\}\}")

COMMON = {"id", "type", "difficulty", "question", "explanation", "hint", "attempts", "code"}
EXTRA = {
    "single": {"options"},
    "multiple": {"options"},
    "output": {"options", "run", "norun_reason"},
    "truefalse": {"answer", "feedback"},
    "order": {"items"},
    "blanks": {"blanks", "run", "check", "norun_reason"},
    "text": {"accept", "case_sensitive"},
}
REQUIRED = {
    "single": ("options",),
    "multiple": ("options",),
    "output": ("code", "options"),
    "truefalse": ("answer",),
    "order": ("items",),
    "blanks": ("code", "blanks"),
    "text": ("accept",),
}


class QuizError(ValueError):
    """Invalid quiz. `offset` is the 0-based line inside the fence body, when known."""

    def __init__(self, reason: str, offset: int | None = None, quiz_id: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.offset = offset
        self.quiz_id = quiz_id


class _Loader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys (YAML silently keeps the last one)."""


def _mapping(loader, node):
    loader.flatten_mapping(node)
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, (list, dict)) or key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate or invalid key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _text(value, what: str, *, allow_int: bool = False) -> str:
    """A non-empty string (ints allowed where authors write literal code like `1`)."""
    if allow_int and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        hint = " (quote it)" if isinstance(value, (int, float, bool)) else ""
        raise QuizError(f"'{what}' must be a string, got {type(value).__name__}{hint}")
    if not value.strip():
        raise QuizError(f"'{what}' must not be empty")
    return value


def _list(value, what: str, minimum: int) -> list:
    if not isinstance(value, list):
        raise QuizError(f"'{what}' must be a list")
    if len(value) < minimum:
        raise QuizError(f"'{what}' needs at least {minimum} entries, got {len(value)}")
    return value


def _bool(value, what: str) -> bool:
    if not isinstance(value, bool):
        raise QuizError(f"'{what}' must be true or false")
    return value


def _options(q: dict) -> list[dict]:
    literal = q["type"] == "output"
    out, texts = [], set()
    for i, opt in enumerate(_list(q["options"], "options", 2), 1):
        if not isinstance(opt, dict):
            raise QuizError(f"options[{i}] must be a mapping with 'text' (and 'correct', 'feedback')")
        unknown = set(opt) - {"text", "correct", "feedback"}
        if unknown:
            raise QuizError(f"options[{i}]: unknown key {', '.join(map(repr, sorted(map(str, unknown))))}")
        if "text" not in opt:
            raise QuizError(f"options[{i}]: missing required field 'text'")
        text = _text(opt["text"], f"options[{i}].text", allow_int=literal)
        if literal:  # compared with stdout, so normalise like the runner does
            text = normalise_output(text)
        if text in texts:
            raise QuizError(f"options[{i}]: duplicate option text {text!r}")
        texts.add(text)
        item = {"text": text, "correct": _bool(opt.get("correct", False), f"options[{i}].correct")}
        if "feedback" in opt:
            item["feedback"] = _text(opt["feedback"], f"options[{i}].feedback")
        out.append(item)
    correct = sum(o["correct"] for o in out)
    if correct == 0:
        raise QuizError("no option is marked 'correct: true'")
    if correct > 1 and q["type"] != "multiple":
        raise QuizError(f"{correct} options are marked correct; type '{q['type']}' needs exactly one")
    return out


def _blanks(q: dict) -> dict[int, dict]:
    raw = q["blanks"]
    if not isinstance(raw, dict) or not raw:
        raise QuizError("'blanks' must be a mapping of blank numbers (1, 2, ...) to blanks")
    blanks = {}
    for key, blank in raw.items():
        n = key if isinstance(key, int) and not isinstance(key, bool) else None
        if n is None and isinstance(key, str) and key.isdigit():
            n = int(key)
        if n is None or n < 1:
            raise QuizError(f"blanks: key {key!r} must be a number 1, 2, ...")
        if not isinstance(blank, dict):
            raise QuizError(f"blanks.{n} must be a mapping with 'options' and 'answer'")
        unknown = set(map(str, blank)) - {"options", "answer", "feedback"}
        if unknown:
            raise QuizError(f"blanks.{n}: unknown key {', '.join(map(repr, sorted(unknown)))}")
        for field in ("options", "answer"):
            if field not in blank:
                raise QuizError(f"blanks.{n}: missing required field '{field}'")
        options = [
            _text(o, f"blanks.{n}.options", allow_int=True) for o in _list(blank["options"], f"blanks.{n}.options", 2)
        ]
        if len(set(options)) != len(options):
            raise QuizError(f"blanks.{n}.options has duplicates")
        answer = _text(blank["answer"], f"blanks.{n}.answer", allow_int=True)
        if answer not in options:
            raise QuizError(f"blanks.{n}.answer {answer!r} is not among its options {options}")
        feedback = blank.get("feedback", {})
        if not isinstance(feedback, dict):
            raise QuizError(f"blanks.{n}.feedback must map wrong options to feedback")
        fb = {}
        for wrong, text in feedback.items():
            wrong = _text(wrong, f"blanks.{n}.feedback key", allow_int=True)
            if wrong not in options or wrong == answer:
                raise QuizError(f"blanks.{n}.feedback: {wrong!r} is not one of its wrong options")
            fb[wrong] = _text(text, f"blanks.{n}.feedback[{wrong!r}]")
        blanks[n] = {"options": options, "answer": answer, "feedback": fb}
    if sorted(blanks) != list(range(1, len(blanks) + 1)):
        raise QuizError(f"blanks must be numbered 1..{len(blanks)}, got {sorted(blanks)}")
    in_code = {int(m) for m in BLANK_RE.findall(q["code"])}
    if in_code != set(blanks):
        raise QuizError(f"blanks in 'code' ({_nums(in_code)}) don't match the keys of 'blanks' ({_nums(blanks)})")
    return blanks


def _nums(ns) -> str:
    return ", ".join(f"{{{{{n}}}}}" for n in sorted(ns)) or "none"


def normalise_output(text: str) -> str:
    """How printed output is compared: lines right-stripped, ends stripped."""
    return "\n".join(line.rstrip() for line in text.strip().splitlines()).strip()


def fill_blanks(code: str, answers: dict[int, str]) -> str:
    return BLANK_RE.sub(lambda m: answers[int(m.group(1))], code)


def parse_quiz(source: str) -> dict:
    """YAML fence body -> validated quiz dict (raises QuizError)."""
    try:
        data = yaml.load(source, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise QuizError(f"invalid YAML: {problem}", mark.line if mark else None) from None
    if not isinstance(data, dict):
        raise QuizError("a quiz must be a YAML mapping (id, type, difficulty, question, ...)")
    qid = data.get("id")
    try:
        return _validate(data)
    except QuizError as exc:
        exc.quiz_id = qid if isinstance(qid, str) else None
        raise


def _validate(data: dict) -> dict:
    for field in ("id", "type"):
        if field not in data:
            raise QuizError(f"missing required field '{field}'")
    qid = _text(data["id"], "id")
    if not ID_RE.match(qid):
        raise QuizError(f"id {qid!r} must be lowercase letters, digits and single hyphens")
    qtype = data["type"]
    if qtype not in TYPES:
        raise QuizError(f"unknown type {qtype!r} (expected one of: {', '.join(TYPES)})")
    unknown = set(map(str, data)) - COMMON - EXTRA[qtype]
    if unknown:
        raise QuizError(f"unknown key {', '.join(map(repr, sorted(unknown)))} for type '{qtype}'")
    for field in ("difficulty", "question", "explanation", *REQUIRED[qtype]):
        if field not in data or data[field] is None:
            raise QuizError(f"missing required field '{field}' (type '{qtype}')")
    if data["difficulty"] not in DIFFICULTIES:
        raise QuizError(f"unknown difficulty {data['difficulty']!r} (expected easy, medium or hard)")

    q = {
        "id": qid,
        "type": qtype,
        "difficulty": data["difficulty"],
        "question": _text(data["question"], "question"),
        "explanation": _text(data["explanation"], "explanation"),
        "hint": _text(data["hint"], "hint") if "hint" in data else None,
        "code": _text(data["code"], "code") if "code" in data else None,
        "attempts": data.get("attempts", 3),
    }
    if isinstance(q["attempts"], bool) or not isinstance(q["attempts"], int) or q["attempts"] < 1:
        raise QuizError("'attempts' must be a whole number >= 1")

    if qtype in ("single", "multiple", "output"):
        q["options"] = _options(data)
    elif qtype == "truefalse":
        q["answer"] = _bool(data["answer"], "answer")
        feedback = data.get("feedback", {})
        if not isinstance(feedback, dict) or not set(feedback) <= {True, False}:
            raise QuizError("'feedback' for truefalse must map true and/or false to feedback")
        q["feedback"] = {k: _text(v, f"feedback.{str(k).lower()}") for k, v in feedback.items()}
    elif qtype == "order":
        items = [_text(i, "items") for i in _list(data["items"], "items", 2)]
        if len(set(items)) != len(items):
            raise QuizError("'items' has duplicates, so the order would be ambiguous")
        q["items"] = items
    elif qtype == "text":
        accept = [_text(a, "accept").strip() for a in _list(data["accept"], "accept", 1)]
        q["accept"] = accept
        q["case_sensitive"] = _bool(data.get("case_sensitive", True), "case_sensitive")
    elif qtype == "blanks":
        q["blanks"] = _blanks({**data, "code": q["code"]})
        if "check" in data:
            q["check"] = _text(data["check"], "check")

    if qtype in ("blanks", "output"):
        q["run"] = _bool(data.get("run", True), "run")
        if not q["run"]:
            if "norun_reason" not in data:
                raise QuizError("'run: false' needs a 'norun_reason' (why the code cannot run)")
            q["norun_reason"] = _text(data["norun_reason"], "norun_reason")
    return q

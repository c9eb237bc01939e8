"""The quiz format, declared once: every key of every question type, with its validator.

`parse_quiz(source)` reads one fence body and returns a plain dict with defaults filled
in, or raises QuizError with a reason an author can act on. The keys are documented for
authors in docs/quizzes/authoring.md; tests/quiz/test_schema.py checks that page's key
table against `QUIZ_TYPES`.

To add a question type: declare it in `QUIZ_TYPES` below, give it a renderer in
render.py's `RENDERERS` and a grader in docs/assets/quiz.js's `TYPES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import yaml

DIFFICULTIES = ("easy", "medium", "hard")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BLANK_RE = re.compile(r"\{\{\s*(\d+)\s*\}\}")


class QuizError(ValueError):
    """Invalid quiz. `offset` is the 0-based line inside the fence body, when known."""

    def __init__(self, reason: str, offset: int | None = None, quiz_id: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.offset = offset
        self.quiz_id = quiz_id


# --- validators: (value, quiz so far) -> normalised value, or QuizError ----------------------


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


def _unknown(keys, allowed, where: str) -> None:
    unknown = set(map(str, keys)) - set(allowed)
    if unknown:
        raise QuizError(f"{where}: unknown key {', '.join(map(repr, sorted(unknown)))}")


def text(name):
    return lambda value, q: _text(value, name)


def boolean(name):
    return lambda value, q: _bool(value, name)


def identifier(value, q):
    qid = _text(value, "id")
    if not ID_RE.match(qid):
        raise QuizError(f"id {qid!r} must be lowercase letters, digits and single hyphens")
    return qid


def difficulty(value, q):
    if value not in DIFFICULTIES:
        raise QuizError(f"unknown difficulty {value!r} (expected easy, medium or hard)")
    return value


def attempts(value, q):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise QuizError("'attempts' must be a whole number >= 1")
    return value


def normalise_output(text: str) -> str:
    """How printed output is compared: lines right-stripped, ends stripped."""
    return "\n".join(line.rstrip() for line in text.strip().splitlines()).strip()


OPTION_KEYS = ("text", "correct", "feedback")  # each entry of `options`
BLANK_KEYS = ("options", "answer", "feedback")  # each entry of `blanks`


def options(value, q):
    """Choices: `text`, `correct`, `feedback`. For `output` the text is literal printed output."""
    literal = q["type"] == "output"
    out, texts = [], set()
    for i, opt in enumerate(_list(value, "options", 2), 1):
        if not isinstance(opt, dict):
            raise QuizError(f"options[{i}] must be a mapping with 'text' (and 'correct', 'feedback')")
        _unknown(opt, OPTION_KEYS, f"options[{i}]")
        if "text" not in opt:
            raise QuizError(f"options[{i}]: missing required field 'text'")
        text = _text(opt["text"], f"options[{i}].text", allow_int=literal)
        if literal:  # compared with stdout, so normalised like the runner does
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


def truefalse_feedback(value, q):
    if not isinstance(value, dict) or not set(value) <= {True, False}:
        raise QuizError("'feedback' for truefalse must map true and/or false to feedback")
    return {k: _text(v, f"feedback.{str(k).lower()}") for k, v in value.items()}


def items(value, q):
    found = [_text(i, "items") for i in _list(value, "items", 2)]
    if len(set(found)) != len(found):
        raise QuizError("'items' has duplicates, so the order would be ambiguous")
    return found


def accept(value, q):
    return [_text(a, "accept").strip() for a in _list(value, "accept", 1)]


def _nums(ns) -> str:
    return ", ".join(f"{{{{{n}}}}}" for n in sorted(ns)) or "none"


def blanks(value, q):
    """{n: {options, answer, feedback}}, numbered 1.., matching the {{n}} marks in `code`."""
    if not isinstance(value, dict) or not value:
        raise QuizError("'blanks' must be a mapping of blank numbers (1, 2, ...) to blanks")
    found = {}
    for key, blank in value.items():
        n = key if isinstance(key, int) and not isinstance(key, bool) else None
        if n is None and isinstance(key, str) and key.isdigit():
            n = int(key)
        if n is None or n < 1:
            raise QuizError(f"blanks: key {key!r} must be a number 1, 2, ...")
        if not isinstance(blank, dict):
            raise QuizError(f"blanks.{n} must be a mapping with 'options' and 'answer'")
        _unknown(blank, BLANK_KEYS, f"blanks.{n}")
        for field in ("options", "answer"):
            if field not in blank:
                raise QuizError(f"blanks.{n}: missing required field '{field}'")
        choices = [
            _text(o, f"blanks.{n}.options", allow_int=True) for o in _list(blank["options"], f"blanks.{n}.options", 2)
        ]
        if len(set(choices)) != len(choices):
            raise QuizError(f"blanks.{n}.options has duplicates")
        answer = _text(blank["answer"], f"blanks.{n}.answer", allow_int=True)
        if answer not in choices:
            raise QuizError(f"blanks.{n}.answer {answer!r} is not among its options {choices}")
        feedback = blank.get("feedback", {})
        if not isinstance(feedback, dict):
            raise QuizError(f"blanks.{n}.feedback must map wrong options to feedback")
        fb = {}
        for wrong, why in feedback.items():
            wrong = _text(wrong, f"blanks.{n}.feedback key", allow_int=True)
            if wrong not in choices or wrong == answer:
                raise QuizError(f"blanks.{n}.feedback: {wrong!r} is not one of its wrong options")
            fb[wrong] = _text(why, f"blanks.{n}.feedback[{wrong!r}]")
        found[n] = {"options": choices, "answer": answer, "feedback": fb}
    if sorted(found) != list(range(1, len(found) + 1)):
        raise QuizError(f"blanks must be numbered 1..{len(found)}, got {sorted(found)}")
    in_code = {int(m) for m in BLANK_RE.findall(q["code"])}
    if in_code != set(found):
        raise QuizError(f"blanks in 'code' ({_nums(in_code)}) don't match the keys of 'blanks' ({_nums(found)})")
    return found


def fill_blanks(code: str, answers: dict[int, str]) -> str:
    return BLANK_RE.sub(lambda m: answers[int(m.group(1))], code)


# --- the declaration -----------------------------------------------------------------------

MISSING = object()


@dataclass(frozen=True)
class Key:
    """One YAML key. `required` is True, False, or the condition under which it is required,
    worded as the authoring page's key table words it."""

    validate: Callable[[object, dict], object]
    required: bool | str = False
    default: object = MISSING  # filled in when the key is absent (MISSING: left out)
    missing: str = "missing required field '{name}' (type '{type}')"  # the error when required and absent


def norun_reason(value, q):
    if q["run"]:
        raise QuizError("'norun_reason' only makes sense with 'run: false'")
    return _text(value, "norun_reason")


# Keys every type has, in the order they are validated (later validators see earlier values).
COMMON = {
    "id": Key(identifier, required=True),
    "type": Key(lambda value, q: value, required=True),  # checked against QUIZ_TYPES first
    "difficulty": Key(difficulty, required=True),
    "question": Key(text("question"), required=True),
    "explanation": Key(text("explanation"), required=True),
    "hint": Key(text("hint"), default=None),
    "code": Key(text("code"), default=None),
    "attempts": Key(attempts, default=3),
}
RUNNABLE = {  # code the tests execute: `blanks` and `output`
    "code": Key(text("code"), required=True),
    "run": Key(boolean("run"), default=True),
    "norun_reason": Key(
        norun_reason,
        required="when `run: false`",
        missing="'run: false' needs a 'norun_reason' (why the code cannot run)",
    ),
}

QUIZ_TYPES: dict[str, dict[str, Key]] = {
    "single": {"options": Key(options, required=True)},
    "multiple": {"options": Key(options, required=True)},
    "truefalse": {
        "answer": Key(boolean("answer"), required=True),
        "feedback": Key(truefalse_feedback, default={}),
    },
    "order": {"items": Key(items, required=True)},
    "blanks": {**RUNNABLE, "blanks": Key(blanks, required=True), "check": Key(text("check"))},
    "text": {
        "accept": Key(accept, required=True),
        "case_sensitive": Key(boolean("case_sensitive"), default=True),
    },
    "output": {**RUNNABLE, "options": Key(options, required=True)},
}


def keys_of(qtype: str) -> dict[str, Key]:
    """Every key of a type: the common ones, with the type's own overriding them."""
    return {**COMMON, **QUIZ_TYPES[qtype]}


def is_required(key: Key, q: dict) -> bool:
    if key.required == "when `run: false`":
        return q.get("run") is False
    return key.required is True


# --- parsing -------------------------------------------------------------------------------


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
        return validate(data)
    except QuizError as exc:
        exc.quiz_id = qid if isinstance(qid, str) else None
        raise


def validate(data: dict) -> dict:
    for name in ("id", "type"):
        if name not in data:
            raise QuizError(f"missing required field '{name}'")
    qtype = data["type"]
    if qtype not in QUIZ_TYPES:
        raise QuizError(f"unknown type {qtype!r} (expected one of: {', '.join(QUIZ_TYPES)})")
    keys = keys_of(qtype)
    unknown = set(map(str, data)) - set(keys)
    if unknown:
        raise QuizError(f"unknown key {', '.join(map(repr, sorted(unknown)))} for type '{qtype}'")
    q: dict = {}
    for name, key in keys.items():  # defaults first, so conditions can read them
        if key.default is not MISSING:
            q[name] = key.default
    for name, key in keys.items():
        absent = name not in data or (data[name] is None and key.required)
        if absent and is_required(key, q):
            raise QuizError(key.missing.format(name=name, type=qtype))
        if not absent:
            q[name] = key.validate(data[name], q)
    return q

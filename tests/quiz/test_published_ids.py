"""Readers' progress is stored under quiz ids: a published id may move, but never vanish."""

from pathlib import Path

from quizfence.catalog import collect_docs
from tests.mkdocs_builds import DOCS

REGISTRY = Path(__file__).with_name("published_ids.txt")


def published() -> set[str]:
    lines = REGISTRY.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def test_no_published_quiz_id_disappears():
    missing = published() - {e.id for e in collect_docs(DOCS)}
    assert not missing, (
        f"quiz ids readers may have progress under are gone: {sorted(missing)}. "
        "Keep the id when moving or rewording a question."
    )


def test_every_quiz_id_is_registered():
    new = {e.id for e in collect_docs(DOCS)} - published()
    assert not new, f"new quiz ids {sorted(new)}: register them with `python -m tests.quiz.test_published_ids`"


if __name__ == "__main__":  # `python -m tests.quiz.test_published_ids`: register the new ids
    new = sorted({e.id for e in collect_docs(DOCS)} - published())
    head = [line for line in REGISTRY.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    REGISTRY.write_text("\n".join(head + sorted(published() | set(new))) + "\n", encoding="utf-8")
    print(f"registered {len(new)} new quiz ids: {', '.join(new) or 'none'}")

"""Answer every quiz on a page as a reader would, for the accessibility gate (see answer_quizzes.js)."""

from __future__ import annotations

from pathlib import Path

ANSWER_QUIZZES = Path(__file__).with_name("answer_quizzes.js").read_text(encoding="utf-8")

# The engine unhides each quiz's .quiz-actions (the Check button) once it has set the quiz up.
READY = """() => Array.from(document.querySelectorAll(".quiz[data-quiz-id]"))
  .every(q => { const a = q.querySelector(".quiz-actions"); return a && !a.hidden; })"""


def answer_every_quiz(page) -> int:
    """Open hints, answer wrongly until the attempts run out (feedback shows, the answer opens).

    Returns the number of quizzes; fails with the quiz ids that did not reach that state.
    """
    count = page.locator(".quiz[data-quiz-id]").count()
    if count:
        page.wait_for_function(READY)
        failed = page.evaluate(ANSWER_QUIZZES)
        assert not failed, f"{page.url}: quizzes not answered:\n" + "\n".join(failed)
    return count

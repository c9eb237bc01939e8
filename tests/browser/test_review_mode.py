"""'Test your understanding' brings back what this reader missed (a Leitner schedule in localStorage)."""

from __future__ import annotations

import json
import time

from playwright.sync_api import expect

from tests.browser.quiz_actions import answer, open_page, quiz, stored

expect.set_options(timeout=5000)
DAY_MS = 86_400_000


def shown(page) -> list[str]:
    """Ids of the quizzes a reader can see, in page order."""
    return page.locator(".quiz:visible").evaluate_all("els => els.map(e => e.dataset.quizId)")


def miss_some(page, fixture_url):
    """fx-single missed once, fx-output missed until no attempt is left, fx-text missed once
    (in that order); fx-truefalse answered right."""
    open_page(page, fixture_url + "types/")
    answer(page, "fx-single", right=False)
    for _ in range(3):
        answer(page, "fx-output", right=False)
    answer(page, "fx-truefalse")
    answer(page, "fx-text", right=False)


def test_review_shows_exactly_what_was_missed_longest_ago_first(page, fixture_url):
    miss_some(page, fixture_url)
    page.reload()
    open_page(page, fixture_url + "quizzes/review/")
    assert len(shown(page)) == 8  # all questions until the reader asks for the due ones
    count = page.locator(".quiz-review-count")
    expect(count).to_have_text("3 questions due for review, 4 not answered yet.")
    page.get_by_role("button", name="Review what I missed").click()
    expect(page.locator(".quiz-review-list .quiz")).to_have_count(3)
    assert shown(page) == ["fx-single", "fx-output", "fx-text"]
    assert page.url.endswith("/quizzes/review/?due")
    expect(page.locator("article h2:visible")).to_have_count(0)
    # Each comes with its chapter link; a finished one is open for a fresh try.
    expect(page.locator(".quiz-review-list .quiz-from")).to_have_count(3)
    expect(quiz(page, "fx-output").locator(".quiz-attempts")).to_have_text("3 attempts left")
    expect(quiz(page, "fx-single").locator(".quiz-attempts")).to_have_text("2 attempts left")

    page.get_by_label("Also show questions I have not answered yet").check()
    assert shown(page) == ["fx-single", "fx-output", "fx-text", "fx-multiple", "fx-order", "fx-blanks", "fx-hostile"]
    page.get_by_role("button", name="All questions").click()
    assert len(shown(page)) == 8
    expect(page.locator("article h2:visible")).to_have_count(3)


def test_a_right_answer_takes_a_question_off_the_due_list(page, fixture_url):
    miss_some(page, fixture_url)
    open_page(page, fixture_url + "quizzes/review/?due")
    assert shown(page) == ["fx-single", "fx-output", "fx-text"]
    q = answer(page, "fx-output")
    expect(q.locator(".quiz-status")).to_contain_text("Correct!")
    expect(page.locator(".quiz-review-count")).to_have_text("2 questions due for review, 4 not answered yet.")
    record = stored(page)["q"]["fx-output"]
    assert (record["s"], record["n"], record["b"]) == ("correct", 1, 2)  # a new round, one box up
    page.reload()
    page.wait_for_function("window.quizfence === true")
    assert shown(page) == ["fx-single", "fx-text"]
    # The chapter page shows the new answer too.
    open_page(page, fixture_url + "types/")
    expect(quiz(page, "fx-output").locator(".quiz-status")).to_contain_text("Correct (answered earlier).")


def test_right_answers_come_back_when_their_box_is_due(page, fixture_url):
    now = int(time.time() * 1000)
    records = {
        "fx-single": {"s": "correct", "n": 1, "b": 2, "m": 0, "t": now - 2 * DAY_MS},  # box 2 rests 1 day: due
        "fx-multiple": {"s": "correct", "n": 1, "b": 3, "m": 0, "t": now - 2 * DAY_MS},  # box 3 rests 3 days
        "fx-text": {"s": "failed", "n": 2, "b": 1, "m": now - DAY_MS, "t": now - DAY_MS},  # missed
        "fx-order": {"s": "failed", "n": 3, "b": 1, "m": now - 3 * DAY_MS, "t": now - 3 * DAY_MS},  # missed earlier
    }
    open_page(page, fixture_url)
    page.evaluate("v => localStorage.setItem('quizfence', v)", json.dumps({"v": 2, "q": records}))
    open_page(page, fixture_url + "quizzes/review/?due")
    assert shown(page) == ["fx-order", "fx-text", "fx-single"]  # misses first, the longest ago first


def test_progress_from_before_the_schedule_is_kept(page, fixture_url):
    version_1 = {"v": 1, "q": {"fx-single": {"s": "failed", "n": 3}, "fx-text": {"s": "correct", "n": 1}}}
    open_page(page, fixture_url)
    page.evaluate("v => localStorage.setItem('quizfence', v)", json.dumps(version_1))
    open_page(page, fixture_url + "quizzes/review/?due")
    assert shown(page) == ["fx-single"]
    assert stored(page)["v"] == 2
    assert stored(page)["q"]["fx-text"]["b"] == 2  # right before: resting, not due


def test_the_due_view_survives_instant_navigation(page, fixture_url):
    miss_some(page, fixture_url)
    open_page(page, fixture_url)
    page.evaluate("window.__no_reload = true")
    page.locator("article").get_by_role("link", name="the review", exact=True).click()
    page.wait_for_url(fixture_url + "quizzes/review/")
    page.get_by_role("button", name="Review what I missed").click()
    assert shown(page) == ["fx-single", "fx-output", "fx-text"]
    page.locator(".quiz-review-list .quiz-from").first.get_by_role("link").click()  # to the chapter and back
    page.wait_for_url(fixture_url + "types/")
    page.go_back()
    page.wait_for_url(fixture_url + "quizzes/review/?due")
    page.wait_for_selector(".quiz-review-list")
    assert shown(page) == ["fx-single", "fx-output", "fx-text"]
    assert page.evaluate("window.__no_reload") is True  # Material swapped the pages in place

"""The quiz engine in a real browser, on the fixture site (tests/browser/pages)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from quizfence.catalog import collect_docs
from quizfence.schema import QUIZ_TYPES
from tests.browser.quiz_actions import TYPES, answer, check, open_page, quiz, stored
from tests.mkdocs_builds import DOCS

expect.set_options(timeout=5000)


def test_every_type_is_driven_here():
    """tests/browser/pages/types.md has a quiz of each type, and TYPES answers each."""
    assert {qid.removeprefix("fx-") for qid in TYPES} == set(QUIZ_TYPES)


# One page load covers all seven types (page loads dominate the suite's time); every
# assertion names its quiz through the locator in the failure message.


def test_right_answers_show_correct_and_the_solution(page, fixture_url):
    open_page(page, fixture_url + "types/")
    for qid in TYPES:
        solution = quiz(page, qid).locator(".quiz-answer")
        expect(solution).to_be_hidden()  # with JS the solution waits for an answer
        q = answer(page, qid)
        expect(q.locator(".quiz-status")).to_contain_text("Correct!")
        expect(solution).to_be_visible()
        expect(solution.locator(".quiz-explanation")).to_be_visible()
        expect(q.locator(".quiz-attempts")).to_have_text("Solved.")
    assert {k: v["s"] for k, v in stored(page)["q"].items()} == {qid: "correct" for qid in TYPES}


def test_wrong_answers_show_their_feedback_and_hints_open(page, fixture_url):
    open_page(page, fixture_url + "types/")
    for qid, (_, _, feedback) in TYPES.items():
        attempts = int(quiz(page, qid).get_attribute("data-attempts"))
        expect(quiz(page, qid).locator(".quiz-attempts")).to_have_text(f"{attempts} attempts left")
        q = answer(page, qid, right=False)
        status = q.locator(".quiz-status")
        expect(status).to_contain_text("Not quite.")
        if feedback:
            expect(status).to_contain_text(feedback)
        left = attempts - 1
        expect(q.locator(".quiz-attempts")).to_have_text(f"{left} attempt{'s' if left != 1 else ''} left")
        expect(q.locator(".quiz-answer")).to_be_hidden()
        hint = q.locator(".quiz-hint")
        expect(hint.locator("p")).to_be_hidden()
        hint.locator("summary").click()
        expect(hint.locator("p")).to_be_visible()
        expect(hint.locator("p")).to_contain_text("hint")  # every fixture hint says so


def test_running_out_of_attempts_reveals_the_solution(page, fixture_url):
    open_page(page, fixture_url + "types/")
    for qid in TYPES:
        for _ in range(int(quiz(page, qid).get_attribute("data-attempts"))):
            q = answer(page, qid, right=False)
        expect(q.locator(".quiz-status")).to_contain_text("No attempts left")
        expect(q.locator(".quiz-attempts")).to_have_text("No attempts left.")
        solution = q.locator(".quiz-answer")
        expect(solution).to_have_attribute("open", "")
        expect(solution.locator(".quiz-explanation")).to_be_visible()
        expect(q.locator(".quiz-check")).to_be_disabled()
    assert {k: v["s"] for k, v in stored(page)["q"].items()} == {qid: "failed" for qid in TYPES}


def test_order_with_the_keyboard_alone(page, fixture_url):
    open_page(page, fixture_url + "types/")
    q = quiz(page, "fx-order")
    # Start from the question text; from here on only Tab, Shift+Tab, Enter and Space.
    q.locator(".quiz-question").evaluate("el => { el.tabIndex = -1; el.focus(); }")
    page.keyboard.press("Tab")
    focused = "document.activeElement"
    assert page.evaluate(f"{focused}.dataset.move") == "-1"
    assert page.evaluate(f"getComputedStyle({focused}).outlineStyle") != "none"  # visible focus

    def positions():
        return q.locator(".quiz-order > li").evaluate_all("els => els.map(e => +e.dataset.pos)")

    def focus_index():  # index of the item whose Up button has focus
        return page.evaluate(f"[...{focused}.closest('ol').children].indexOf({focused}.closest('li'))")

    keys = iter(["Enter", "Space"] * 10)
    for target in range(len(positions())):
        j = positions().index(target)
        for _ in range(2 * (j - focus_index())):  # two buttons per item
            page.keyboard.press("Tab")
        assert focus_index() == j and page.evaluate(f"{focused}.dataset.move") == "-1"
        for _ in range(j - target):
            page.keyboard.press(next(keys))
        assert focus_index() == target  # focus followed the moved item
    assert positions() == sorted(positions())
    expect(q.locator(".quiz-status")).to_contain_text("Moved to position")
    for _ in range(12):
        if page.evaluate(f"{focused}.classList.contains('quiz-check')"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(q.locator(".quiz-status")).to_contain_text("Correct!")


def test_score_updates_and_reset_clears_the_page(page, fixture_url):
    open_page(page, fixture_url + "types/")
    assert (
        quiz(page, "fx-single").locator(".quiz-question a").evaluate("a => a.href") == fixture_url + "other/#other-page"
    )
    score = page.locator(".quiz-score-text")
    expect(score).to_have_text("Score: 0 correct, 0 of 7 questions answered.")
    answer(page, "fx-single")
    answer(page, "fx-output", right=False)
    expect(score).to_have_text("Score: 1 correct, 2 of 7 questions answered.")

    page.locator(".quiz-reset").click()
    expect(score).to_have_text("Score: 0 correct, 0 of 7 questions answered.")
    expect(page.locator(".quiz-score [role=status]")).to_have_text("Answers on this page were cleared.")
    q = quiz(page, "fx-single")
    expect(q.locator(".quiz-status")).to_be_empty()
    expect(q.locator(".quiz-answer")).to_be_hidden()
    expect(q.locator("input[value='0']")).to_be_enabled()
    expect(q.locator("input[value='0']")).not_to_be_checked()
    expect(q.locator(".quiz-attempts")).to_have_text("3 attempts left")
    assert stored(page)["q"] == {}
    # The reset quiz still works (its listeners survived).
    answer(page, "fx-single")
    expect(q.locator(".quiz-status")).to_contain_text("Correct!")


def test_progress_survives_reload_and_shows_on_the_progress_page(page, fixture_url):
    open_page(page, fixture_url + "types/")
    answer(page, "fx-blanks")
    answer(page, "fx-multiple", right=False)

    page.reload()
    page.wait_for_function("window.quizfence === true")
    q = quiz(page, "fx-blanks")
    expect(q.locator(".quiz-status")).to_contain_text("Correct (answered earlier).")
    expect(q.locator("select[data-blank='1']")).to_have_value("0")  # the answer is restored
    expect(q.locator("select[data-blank='1']")).to_be_disabled()
    expect(q.locator(".quiz-answer")).to_be_visible()
    m = quiz(page, "fx-multiple")
    expect(m.locator(".quiz-attempts")).to_have_text("2 attempts left")
    expect(m.locator("input[value='2']")).to_be_checked()
    expect(page.locator(".quiz-score-text")).to_have_text("Score: 1 correct, 2 of 7 questions answered.")

    open_page(page, fixture_url + "quizzes/progress/")
    rows = page.locator(".quiz-progress-list li")
    expect(rows).to_have_count(8)
    expect(page.locator("li[data-quiz-id='fx-blanks'] .quiz-progress-status")).to_have_text("Correct")
    expect(page.locator("li[data-quiz-id='fx-multiple'] .quiz-progress-status")).to_have_text("In progress (1 attempt)")
    expect(page.locator("li[data-quiz-id='fx-text'] .quiz-progress-status")).to_have_text("Not answered")
    expect(page.locator(".quiz-progress-summary")).to_have_text("8 quizzes on this site: 2 answered, 1 correct.")
    # Each entry links to its quiz.
    page.locator("li[data-quiz-id='fx-text'] a").click()
    page.wait_for_url("**/types/#quiz-fx-text")
    open_page(page, fixture_url + "quizzes/progress/")
    page.locator(".quiz-reset-all").click()
    expect(page.locator(".quiz-progress-summary")).to_have_text("8 quizzes on this site: 0 answered, 0 correct.")


BAD_STORAGE = {
    "corrupt": "{not json",
    "array": "[1, 2]",
    "old-format": json.dumps({"v": 0, "fx-single": "correct"}),
    "bad-records": json.dumps(
        {"v": 1, "q": {"fx-single": "correct", "fx-multiple": {"s": "bogus"}, "gone-id": {"s": "correct", "n": 1}}}
    ),
    "bad-answers": json.dumps(
        {
            "v": 1,
            "q": {
                "fx-order": {"s": "open", "n": "x", "a": ["9", "8"]},
                "fx-blanks": {"s": "open", "n": 1, "a": ["<b>", 5]},
            },
        }
    ),
}


def test_bad_stored_data_never_breaks_a_page(page, fixture_url):
    open_page(page, fixture_url)
    for name, value in BAD_STORAGE.items():
        page.evaluate("v => localStorage.setItem('quizfence', v)", value)
        open_page(page, fixture_url + "types/")
        expect(page.locator(".quiz-score-text"), name).to_contain_text("of 7 questions answered.")
        q = answer(page, "fx-single")
        expect(q.locator(".quiz-status"), name).to_contain_text("Correct!")
    open_page(page, fixture_url + "quizzes/progress/")
    expect(page.locator("li[data-quiz-id='fx-single'] .quiz-progress-status")).to_have_text("Correct")


CONTRAST = """el => {
  const rgba = s => { const m = s.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const layers = [];
  for (let n = el; n; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] >= 1) break;
  }
  let bg = [255, 255, 255];
  for (const c of layers.reverse()) bg = bg.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
  const f = rgba(getComputedStyle(el).color);
  const fg = bg.map((v, i) => f[i] * f[3] + v * (1 - f[3]));
  const lum = c => c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_contrast_holds_in_both_schemes(page, fixture_url, scheme):
    open_page(page, fixture_url + "types/")
    if scheme == "slate":
        page.locator("label[title='Switch to dark mode']").click()  # Material's own toggle
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    wrong, right = answer(page, "fx-single", right=False), answer(page, "fx-truefalse")
    targets = {
        "wrong status": wrong.locator(".quiz-status > p"),
        "feedback": wrong.locator(".quiz-status .quiz-fb"),
        "right status": right.locator(".quiz-status > p"),
        "attempts": wrong.locator(".quiz-attempts"),
        "legend": wrong.locator("legend"),
        "difficulty": wrong.locator(".quiz-difficulty"),
        "check button": wrong.locator(".quiz-check"),
        "option": wrong.locator(".quiz-option").first,
        "score": page.locator(".quiz-score-text"),
    }
    ratios = {name: round(loc.evaluate(CONTRAST), 2) for name, loc in targets.items()}
    assert all(r >= 4.5 for r in ratios.values()), ratios


def test_no_motion_when_reduced_motion_is_asked_for(page, fixture_url):
    open_page(page, fixture_url + "types/")
    q = answer(page, "fx-single")
    status = q.locator(".quiz-status > p")
    for motion, animation in (("reduce", "none"), ("no-preference", "quiz-in")):
        page.emulate_media(reduced_motion=motion)
        assert status.evaluate("e => getComputedStyle(e).animationName") == animation


def test_instant_navigation_then_answer_without_double_binding(page, fixture_url):
    open_page(page, fixture_url)
    page.evaluate("window.__no_reload = true")
    for link, url in (("every type", "types/"), ("other page", "other/"), ("every type", "types/")):  # types twice
        page.locator("article").get_by_role("link", name=link, exact=True).click()
        page.wait_for_url(fixture_url + url)
        page.wait_for_selector(".quiz-score")
    assert page.evaluate("window.__no_reload") is True  # Material swapped the page in place
    q = answer(page, "fx-multiple", right=False)
    # One submit handler: one attempt used, not two.
    expect(q.locator(".quiz-attempts")).to_have_text("2 attempts left")
    assert page.locator(".quiz-score").count() == 1
    s = answer(page, "fx-single")
    expect(s.locator(".quiz-status")).to_contain_text("Correct!")


def test_review_page_uses_the_same_quizzes(page, fixture_url):
    open_page(page, fixture_url + "quizzes/review/")
    headings = page.locator("article h2").all_inner_texts()
    assert [h.strip("¶ ") for h in headings] == ["Easy (3)", "Medium (3)", "Hard (2)"]
    assert page.locator(".quiz").count() == 8
    # Links in quiz text are resolved against the page the quiz is written in.
    assert (
        quiz(page, "fx-single").locator(".quiz-question a").evaluate("a => a.href") == fixture_url + "other/#other-page"
    )
    q = answer(page, "fx-single")
    expect(q.locator(".quiz-status")).to_contain_text("Correct!")
    q.locator("xpath=preceding-sibling::p[1]").get_by_role("link").click()  # "From [Every type]"
    page.wait_for_url(fixture_url + "types/")
    expect(quiz(page, "fx-single").locator(".quiz-status")).to_contain_text("answered earlier")


def test_quiz_text_cannot_inject_html(page, fixture_url):
    open_page(page, fixture_url + "other/")
    q = quiz(page, "fx-hostile")
    expect(q.locator(".quiz-question")).to_contain_text("<script>window.__xss = 1</script>")
    expect(q.locator(".quiz-question")).to_contain_text('<img src=x onerror="window.__xss = 2">')
    expect(q.locator(".quiz-option").first).to_contain_text("<img src=y")
    q.locator("input[value='1']").check()
    check(q)
    expect(q.locator(".quiz-status")).to_contain_text("<script>window.__xss = 5</script>")
    q.locator(".quiz-question a").click()  # the javascript: link was defused
    assert page.evaluate("window.__xss") is None
    assert q.locator("script, img").count() == 0


def test_without_javascript_everything_is_readable(browser, fixture_url):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(fixture_url + "types/")
    for qid in TYPES:
        q = quiz(page, qid)
        expect(q.locator(".quiz-question")).to_be_visible()
        expect(q.locator(".quiz-check")).to_be_hidden()
        expect(q.locator(".quiz-move button")).to_have_count(0 if qid != "fx-order" else 8)
        solution = q.locator(".quiz-answer")
        expect(solution.locator("summary")).to_have_text("Show answer")
        expect(solution.locator(".quiz-explanation")).to_be_hidden()
        solution.locator("summary").click()
        expect(solution.locator(".quiz-explanation")).to_be_visible()
    expect(quiz(page, "fx-single").locator(".quiz-mistakes")).to_contain_text("Single feedback")
    ctx.close()


# --- the real site -------------------------------------------------------------------------


def real_quizzes():
    """{quiz id: page URL path} for every quiz in docs/."""
    found = {}
    for entry in collect_docs(DOCS):
        path = entry.src_uri.removesuffix(".md")
        found[entry.id] = (path[: -len("index")] if path.endswith("index") else path + "/").lstrip("/")
    return found


def test_real_progress_page_lists_every_quiz(page, real_url):
    quizzes = real_quizzes()
    ids = list(quizzes)
    assert ids, "the site has quizzes"
    open_page(page, real_url + "quizzes/progress/")
    listed = page.locator(".quiz-progress-list li").evaluate_all("els => els.map(e => e.dataset.quizId)")
    assert sorted(listed) == sorted(ids)
    page.evaluate(
        "id => localStorage.setItem('quizfence', JSON.stringify({v: 1, q: {[id]: {s: 'correct', n: 1}}}))", ids[0]
    )
    page.reload()
    page.wait_for_function("window.quizfence === true")
    expect(page.locator(f"li[data-quiz-id='{ids[0]}'] .quiz-progress-status")).to_have_text("Correct")
    expect(page.locator(".quiz-progress-summary")).to_have_text(
        f"{len(ids)} quizzes on this site: 1 answered, 1 correct."
    )
    # And the link leads to the quiz, which shows the same state.
    page.locator(f"li[data-quiz-id='{ids[0]}'] a").click()
    page.wait_for_url(f"**#quiz-{ids[0]}")
    page.wait_for_function("window.quizfence === true")
    expect(quiz(page, ids[0]).locator(".quiz-status")).to_contain_text("answered earlier")


def test_real_quiz_pages_load_cleanly(page, real_url):
    """Every real page with quizzes, and the review page: initialised, no errors (checked by
    the context fixture), every quiz rendered (none fell back to plain code)."""
    quizzes = real_quizzes()
    for url in sorted(set(quizzes.values())) + ["quizzes/review/"]:
        open_page(page, real_url + url)
        expect(page.locator(".quiz-score-text"), url).to_contain_text("questions answered")
        assert page.locator("pre.quiz-error").count() == 0, url
    expect(page.locator(".quiz")).to_have_count(sum(1 for u in quizzes.values() if not u.startswith("quizzes/")))

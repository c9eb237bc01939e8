"""Driving the quizzes of the fixture site (tests/browser/pages) like a reader."""

from __future__ import annotations


def open_page(page, url):
    page.goto(url)
    page.wait_for_function("window.quizfence === true")


def quiz(page, qid):
    return page.locator(f"#quiz-{qid}")


def check(q):
    q.locator(".quiz-check").click()


def stored(page):
    return page.evaluate("JSON.parse(localStorage.getItem('quizfence'))")


def solve_order(q):
    """Click Up buttons until every item sits at its position (mouse; see the keyboard test)."""
    n = q.locator(".quiz-order > li").count()
    for target in range(n):
        order = q.locator(".quiz-order > li").evaluate_all("els => els.map(e => +e.dataset.pos)")
        for _ in range(order.index(target) - target):
            q.locator(f'.quiz-order > li[data-pos="{target}"] [data-move="-1"]').click()


# quiz id -> (answer right, answer wrong, feedback shown for that wrong answer)
TYPES = {
    "fx-single": (
        lambda q: q.locator("input[value='0']").check(),
        lambda q: q.locator("input[value='1']").check(),
        "Single feedback: wrong is the classic mistake.",
    ),
    "fx-multiple": (
        lambda q: [q.locator(f"input[value='{v}']").check() for v in "01"],
        lambda q: [q.locator(f"input[value='{v}']").check() for v in "02"],
        "Multiple feedback: 5 is odd.",
    ),
    "fx-truefalse": (
        lambda q: q.locator("input[value='false']").check(),
        lambda q: q.locator("input[value='true']").check(),
        "Truefalse feedback: it only looks flat.",
    ),
    "fx-order": (solve_order, lambda q: None, "in the right place"),  # shown shuffled, never solved
    "fx-blanks": (
        # by index (0 is the empty choice): Playwright matches a value string against labels too
        lambda q: [q.locator(f"select[data-blank='{n}']").select_option(index=1) for n in "12"],
        lambda q: [q.locator(f"select[data-blank='{n}']").select_option(index=i) for n, i in (("1", 2), ("2", 1))],
        "Blanks feedback: 2 + 10 is 12.",
    ),
    "fx-text": (
        lambda q: q.locator("input[type=text]").fill("  Reset_State()  "),  # not case-sensitive
        lambda q: q.locator("input[type=text]").fill("reset"),
        None,
    ),
    "fx-output": (
        lambda q: q.locator("input[value='1']").check(),
        lambda q: q.locator("input[value='0']").check(),
        "Output feedback: these are strings.",
    ),
}


def answer(page, qid, right=True):
    """Answer quiz `qid` right or wrong (as TYPES says) and press Check. Returns the quiz."""
    q = quiz(page, qid)
    TYPES[qid][0 if right else 1](q)
    check(q)
    return q

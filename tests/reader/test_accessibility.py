"""Gate 2: axe-core finds nothing on any page, in the light and the dark scheme, with every
folded block opened and every quiz answered (hint open, wrong-answer feedback shown, the
answer revealed). Gate 1 rides along: no console error, no failed request, no request to
another host while that happens."""

from __future__ import annotations

import re

import pytest

from tests import chromium
from tests.reader import axe
from tests.reader.conftest import PAGES, write_json
from tests.reader.quizzes import answer_every_quiz
from tests.reader.test_pages import first_chapter

SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material's scheme

# Folded admonitions (???) and any other <details> outside quizzes: a reader may open them.
OPEN_DETAILS = """() => document.querySelectorAll("details:not([open])").forEach(d => {
  if (!d.closest(".quiz")) d.open = true;
})"""


def open_page(browser, url: str, scheme: str, allow_status=frozenset()):
    """A new context (so Material picks the scheme from prefers-color-scheme at load) and its page."""
    ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 1000})
    ctx.set_default_timeout(15_000)
    problems = chromium.watch(ctx, allow_status=allow_status)
    page = ctx.new_page()
    response = page.goto(url)
    return ctx, page, problems, response


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("target", PAGES, ids=lambda p: p.id)
def test_no_accessibility_violations(browser, reader_sites, artifacts, target, scheme):
    site = reader_sites[target.site]
    url = site.url_of(target)
    ctx, page, problems, response = open_page(browser, url, scheme, allow_status=frozenset({url}))
    try:
        assert response.status == (404 if target.path == "404.html" else 200), url
        assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
        page.evaluate(OPEN_DETAILS)
        quizzes = answer_every_quiz(page)
        violations = axe.run(page)
    finally:
        ctx.close()
    if violations:
        name = re.sub(r"[^a-z0-9]+", "-", f"{target.id}-{scheme}".lower()).strip("-")
        write_json(artifacts / "axe" / f"{name}.json", violations)
    assert not problems, f"{url} ({scheme}):\n" + "\n".join(problems)
    assert not violations, (
        f"{url} ({scheme}, {quizzes} quizzes answered): {axe.node_count(violations)} elements violate "
        f"{len(violations)} axe rules:\n{axe.describe(violations)}"
    )


@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_dialog_with_results_has_no_violations(browser, reader_sites, scheme):
    """The search dialog, open and listing results (a part of every page axe sees closed)."""
    site = reader_sites["book"]
    ctx, page, problems, _ = open_page(browser, site.url, scheme)
    try:
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("tensor")
        box.press("End")
        page.locator(".md-search-result__item").first.wait_for()
        page.locator(".md-search-result__more summary").first.click()  # "N more on this page"
        violations = axe.run(page)
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)
    assert not violations, axe.describe(violations)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", [None, "custom-training/distributed/"], ids=["first-chapter", "wide-tables"])
def test_phone_layout_has_no_violations(browser, reader_sites, scheme, path):
    """A chapter at a phone's width, navigation drawer open: the layout axe would not see
    at desktop width (the drawer, the table of contents inside it, the header's icons, and
    tables that scroll sideways)."""
    site = reader_sites["book"]
    path = path or first_chapter(site)
    ctx = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844}, is_mobile=True)
    problems = chromium.watch(ctx)
    page = ctx.new_page()
    try:
        page.goto(site.url + path)
        answer_every_quiz(page)
        page.locator("label.md-header__button[for='__drawer']").click()
        page.locator(".md-sidebar--primary").wait_for()
        violations = axe.run(page)
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)
    assert not violations, axe.describe(violations)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_review_of_missed_questions_has_no_violations(browser, reader_sites, scheme):
    """The "Review what I missed" view with questions due: the count, the chapter links and the reopened
    quizzes, which the page-by-page pass never shows (it sees the review page with no history)."""
    site = reader_sites["book"]
    ctx, page, problems, _ = open_page(browser, site.url + first_chapter(site), scheme)
    try:
        missed = answer_every_quiz(page)  # every quiz of one chapter answered wrongly
        page.goto(site.url + "quizzes/review/")
        page.get_by_role("button", name="Review what I missed").click()
        page.get_by_label("Also show questions I have not answered yet").check()
        due = page.locator(".quiz-review-list .quiz-from")
        assert due.count() >= missed > 0, "the missed questions are due"
        page.evaluate(OPEN_DETAILS)
        violations = axe.run(page)
    finally:
        ctx.close()
    assert not problems, "\n".join(problems)
    assert not violations, axe.describe(violations)


def test_axe_finds_planted_violations(browser):
    """The gate is not vacuous: axe, as loaded here, reports what it should."""
    ctx = browser.new_context()
    page = ctx.new_page()
    page.set_content(
        '<html lang="en"><title>t</title><body><main><p style="color:#777;background:#888">low contrast</p>'
        '<p style="color:#212121">Some running text, long enough to be a block of text, with'
        ' <a href="#x" style="color:#4051b5;text-decoration:none">a link</a> told apart by colour alone.</p>'
        '<input type="text"><div role="dialog"></div></main></body></html>'
    )
    found = {v["id"] for v in axe.run(page)}
    ctx.close()
    assert {"color-contrast", "link-in-text-block", "label", "aria-dialog-name"} <= found, found

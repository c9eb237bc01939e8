"""Gates 1 and 5 in Chromium: every page loads cleanly from the Pages sub-path and from the
root of another static server, search finds every page, and one chapter is screenshotted
in both schemes (test-artifacts/screenshots/)."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests import chromium
from tests.mkdocs_builds import project_config
from tests.reader.conftest import PAGES, html_file, url_path
from tests.static_server import serve_plain

SITES = sorted({p.site for p in PAGES})


def title(site, path: str) -> str:
    """The page's <h1> as a reader sees it (without the permalink)."""
    text = (site.directory / html_file(path)).read_text(encoding="utf-8")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    assert h1, f"{path}: no <h1>"
    return " ".join(html.unescape(re.sub(r"<a [^>]*headerlink.*?</a>|<[^>]+>", "", h1.group(1))).split())


def search(page, term: str) -> list[str]:
    """Type into Material's search as a reader does; the URL paths of the pages it lists.

    Material searches on keyup (fill() alone fires no key event). The box is cleared first
    and the result count awaited, so results of a previous query are never read."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    box.click()
    for text, shows in (("", "Type to start searching"), (term, re.compile(r"matching document"))):
        box.fill(text)
        box.press("End")
        expect(meta).to_have_text(shows, timeout=20_000)  # the first query waits for the index
    hrefs = page.locator(".md-search-result__item > a.md-search-result__link").evaluate_all("a => a.map(x => x.href)")
    return [urlsplit(href).path for href in hrefs]


@pytest.mark.parametrize("site_name", SITES)
def test_search_finds_every_page(browser, reader_sites, site_name):
    """Search works from the sub-path, and each page's title finds that page."""
    site = reader_sites[site_name]
    ctx = browser.new_context()
    problems = chromium.watch(ctx)
    page = ctx.new_page()
    page.goto(site.url)
    missed = []
    for target in (p for p in PAGES if p.site == site_name and p.path != "404.html"):
        term = title(site, target.path)
        found = search(page, term)
        expected = urlsplit(site.url + target.path).path
        if expected not in found:
            missed.append(f"{term!r} should find {expected}; found {found[:5]}")
    ctx.close()
    assert not problems, "\n".join(problems)
    assert not missed, "\n".join(missed)


def nav_sources(nav) -> list[str]:
    """Source files in the order of the navigation."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [src for value in nav.values() for src in nav_sources(value)]
    return [src for item in nav or [] for src in nav_sources(item)]


def first_chapter(site) -> str:
    """The first page in the navigation with an answer box and a quiz: a written chapter."""
    for src in nav_sources(project_config()["nav"]):
        path = url_path(src)
        text = (site.directory / html_file(path)).read_text(encoding="utf-8")
        if 'class="admonition abstract"' in text and 'class="quiz"' in text:
            return path
    pytest.fail("no page has both an answer box and a quiz: nothing to screenshot")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshot_of_a_chapter(browser, reader_sites, artifacts, scheme):
    site = reader_sites["book"]
    path = first_chapter(site)
    ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    problems = chromium.watch(ctx)
    page = ctx.new_page()
    page.goto(site.url + path)
    page.locator(".quiz .quiz-actions:not([hidden])").first.wait_for()
    name = path.strip("/").replace("/", "-") or "home"
    shot = artifacts / "screenshots" / f"{name}-{scheme}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    ctx.close()
    assert not problems, "\n".join(problems)
    assert shot.stat().st_size > 10_000


def test_site_works_from_any_static_server(browser, reader_sites):
    """Gate 5: the same files served by `python3 -m http.server` at its root (not the
    address the build was told), as the README's offline instructions do: every page
    loads cleanly, links between pages and search work."""
    site = reader_sites["book"]
    server, root = serve_plain(site.directory)
    ctx = browser.new_context()
    problems = chromium.watch(ctx)
    page = ctx.new_page()
    try:
        for target in (p for p in PAGES if p.site == "book" and p.path != "404.html"):
            assert page.goto(root + target.path).status == 200, target.path
        page.goto(root)
        following = page.locator("a.md-footer__link--next")  # Material's "Next" link
        expected = urlsplit(following.evaluate("a => a.href")).path
        following.click()
        page.wait_for_url(lambda u: urlsplit(u).path == expected)
        assert urlsplit(root).path in search(page, title(site, ""))
    finally:
        ctx.close()
        server.shutdown()
    assert not problems, "\n".join(problems)


def test_every_built_page_is_gated(reader_sites):
    """The pages the gates discover from the sources are exactly the pages the builds wrote."""
    for name, site in reader_sites.items():
        discovered = sorted(p.path for p in PAGES if p.site == name)
        assert discovered == site.built_pages(), name
        assert "" in discovered and "404.html" in discovered, name

"""Fixtures shared by the whole suite: the built site, and Chromium for the browser and reader suites."""

from pathlib import Path

import pytest

from tests import chromium
from tests.mkdocs_builds import ROOT, build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per test session with --strict. Fails loudly with mkdocs' log."""
    site = tmp_path_factory.mktemp("site")
    result = build(ROOT / "mkdocs.yml", site)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return site


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium per session (per xdist worker)."""
    chromium.require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = chromium.launch(p)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    """A fresh context (fresh localStorage) whose pages may not log errors, fail a request
    nor leave 127.0.0.1 (see tests/chromium.py)."""
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    ctx.set_default_timeout(10_000)
    problems = chromium.watch(ctx)
    yield ctx
    ctx.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(context):
    return context.new_page()

"""Browser fixtures: Debian's Chromium driven by Playwright, sites served from 127.0.0.1.

One browser per session, a new context (fresh localStorage) per test. Every page is
watched: a console error, an uncaught exception or a request to any other host fails
the test.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
import warnings
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.mkdocs_builds import ROOT, build, write_site

# Fixture pages for the test site, not docs: pytest --codeblocks must not collect them.
collect_ignore = ["pages"]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGES = Path(__file__).parent / "pages"
NAV = ["index.md", "types.md", "other.md", "quizzes/review.md", "quizzes/progress.md"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(directory: Path):
    """Bind first: the port must be known at build time (site_url, see write_site)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"{CHROMIUM} is missing: `apt-get install -y chromium` to run the browser tests"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        print(f"\nWARNING: {reason}; skipping them.", file=sys.__stderr__)
        warnings.warn(reason, stacklevel=2)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def sites(tmp_path_factory):
    """Build, concurrently, the fixture pages (tests/browser/pages, with a config inheriting
    mkdocs.yml) and the real site; serve each. Returns {name: (url, error or None)}."""
    where = tmp_path_factory.mktemp("quizsites")
    servers, builds = {}, {}
    for name in ("fixture", "real"):
        servers[name] = _serve(where / name)
    pages = {name: (PAGES / name).read_text(encoding="utf-8") for name in NAV}
    config = write_site(where / "fixture-src", pages, assets=True, site_url=servers["fixture"][1])
    builds["fixture"] = build(config, where / "fixture", wait=False)
    builds["real"] = build(ROOT / "mkdocs.yml", where / "real", wait=False, SITE_URL=servers["real"][1])
    result = {}
    for name, proc in builds.items():
        log = proc.communicate()[0]
        result[name] = (servers[name][1], f"{name} site build failed:\n{log}" if proc.returncode else None)
    yield result
    for server, _ in servers.values():
        server.shutdown()


def _url(sites, name):
    url, error = sites[name]
    if error:
        pytest.fail(error, pytrace=False)
    return url


@pytest.fixture
def fixture_url(sites):
    return _url(sites, "fixture")


@pytest.fixture
def real_url(sites):
    return _url(sites, "real")


@pytest.fixture
def context(browser):
    """A fresh context whose pages may not log errors nor leave 127.0.0.1."""
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})
    ctx.set_default_timeout(10_000)
    problems: list[str] = []

    def on_request(r):
        url = urlsplit(r.url)
        if url.scheme in ("data", "blob") or url.hostname == "127.0.0.1":
            return
        problems.append(f"request to another host: {r.url}")

    ctx.on("request", on_request)
    ctx.on("console", lambda m: m.type == "error" and problems.append(f"console error: {m.text} {m.location}"))
    ctx.on("weberror", lambda e: problems.append(f"uncaught: {e.error}"))
    yield ctx
    ctx.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(context):
    return context.new_page()

"""The quiz engine's browser tests: a fixture site (tests/browser/pages) and the real site,
each built with a config inheriting mkdocs.yml and served from 127.0.0.1.

Chromium and the watched `context`/`page` fixtures live in tests/conftest.py (shared with
tests/reader): a console error, an uncaught exception, a failed request or a request to
any other host fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mkdocs_builds import ROOT, build, write_site
from tests.static_server import serve

# Fixture pages for the test site, not docs: pytest --codeblocks must not collect them.
collect_ignore = ["pages"]

PAGES = Path(__file__).parent / "pages"
NAV = ["index.md", "types.md", "other.md", "quizzes/review.md", "quizzes/progress.md"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def sites(tmp_path_factory):
    """Build, concurrently, the fixture pages (tests/browser/pages, with a config inheriting
    mkdocs.yml) and the real site; serve each. Returns {name: (url, error or None)}."""
    where = tmp_path_factory.mktemp("quizsites")
    servers, builds = {}, {}
    for name in ("fixture", "real"):
        servers[name] = serve(where / name)
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

"""Reader-side gates: the built site as a reader meets it.

Two sites are built, each with the project's mkdocs.yml, and served from 127.0.0.1 under
the sub-path GitHub Pages gives a project site (`/tf-custom-training/`), with `SITE_URL`
set to that address exactly as the Pages workflow sets it:

- `book`: the real site, every page of it (pages are discovered, never listed);
- `sampler`: a throwaway site with tests/reader/sampler/features.md (every Markdown and
  quiz feature a page may use) and a small notebook page, so the theme is held to the
  gates for features no chapter uses yet, and notebook pages are covered before the
  first lab exists.

Artifacts (screenshots, external links, axe findings) go to test-artifacts/ (gitignored;
CI uploads it).
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path, PurePath

import pytest

from tests.mkdocs_builds import DOCS, ROOT, build, project_config, write_site
from tests.reader.sampler.notebook import notebook_json
from tests.static_server import serve

collect_ignore = ["sampler"]  # fixture pages, not docs: pytest --codeblocks must not collect them

PREFIX = "/tf-custom-training/"
SAMPLER = Path(__file__).parent / "sampler"
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts"))
BROWSER_TESTS = {"test_accessibility.py", "test_pages.py"}


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name in BROWSER_TESTS and item.path.parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


def url_path(src: str) -> str:
    """The URL path (relative to the site root) MkDocs gives a source file, with directory URLs."""
    stem = src.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def html_file(path: str) -> str:
    """Where a URL path lives in the built site."""
    return path + "index.html" if path.endswith("/") or not path else path


def page_sources(docs: Path, notebooks: tuple[list[str], list[str]]) -> list[str]:
    """Source files that become pages: Markdown, and the files the notebook plugin turns
    into pages, matched as mkdocs-jupyter matches them (PurePath.match, ignore first)."""
    include, ignore = notebooks
    found = []
    for f in sorted(docs.rglob("*")):
        rel = f.relative_to(docs).as_posix()
        if not f.is_file() or any(part.startswith((".", "_")) for part in rel.split("/")):
            continue
        path = PurePath(f)
        if f.suffix == ".md" or not any(path.match(g) for g in ignore) and any(path.match(g) for g in include):
            found.append(rel)
    return found


@dataclasses.dataclass(frozen=True)
class Page:
    site: str
    path: str  # URL path under the site root: "", "basics/types-and-defaults/", "404.html"

    @property
    def id(self) -> str:
        return f"{self.site}:/{self.path}"


def notebook_globs() -> tuple[list[str], list[str]]:
    """mkdocs-jupyter's `include` and `ignore` patterns from mkdocs.yml, or its defaults."""
    default = ["*.py", "*.ipynb"]
    for plugin in project_config().get("plugins") or []:
        if plugin == "mkdocs-jupyter":
            return default, []
        if isinstance(plugin, dict) and "mkdocs-jupyter" in plugin:
            options = plugin["mkdocs-jupyter"] or {}
            return list(options.get("include", default)), list(options.get("ignore", []))
    return [], []


SAMPLER_PAGES = {"index.md": "# Sampler\n\nSee [every feature](features.md) and [a notebook](notebook.ipynb).\n"}


def discover() -> list[Page]:
    """Every page of both sites, from their sources (collection needs them before any build);
    test_pages.py::test_every_built_page_is_gated checks the list against the built sites."""
    pages = [Page("book", url_path(src)) for src in page_sources(DOCS, notebook_globs())]
    pages += [Page("sampler", url_path(src)) for src in [*SAMPLER_PAGES, "features.md", "notebook.ipynb"]]
    return pages + [Page("book", "404.html"), Page("sampler", "404.html")]


PAGES = discover()


@dataclasses.dataclass
class Site:
    name: str
    directory: Path
    url: str  # ends with PREFIX
    server: object

    def url_of(self, page: Page) -> str:
        """The page's address; the 404 page is reached the way readers reach it: a missing URL."""
        return self.url + ("no/such/page/" if page.path == "404.html" else page.path)

    def built_pages(self) -> list[str]:
        found = []
        for file in self.directory.rglob("*.html"):
            rel = file.relative_to(self.directory).as_posix()
            if rel.split("/")[0] not in ("assets", "search"):
                found.append(url_path(rel) if file.name == "index.html" else rel)
        return sorted(found)


@pytest.fixture(scope="session")
def reader_sites(tmp_path_factory) -> dict[str, Site]:
    """Both sites, built concurrently with --strict and served under PREFIX."""
    where = tmp_path_factory.mktemp("reader")
    sites = {}
    for name in ("book", "sampler"):
        server, url = serve(where / name, PREFIX)  # bound first: the build needs the address
        sites[name] = Site(name, where / name, url, server)
    features = (SAMPLER / "features.md").read_text(encoding="utf-8")
    pages = {**SAMPLER_PAGES, "features.md": features, "notebook.ipynb": notebook_json()}
    sampler_config = write_site(where / "sampler-src", pages, assets=True, site_url=sites["sampler"].url)
    running = {
        "book": build(ROOT / "mkdocs.yml", sites["book"].directory, wait=False, SITE_URL=sites["book"].url),
        "sampler": build(sampler_config, sites["sampler"].directory, wait=False),
    }
    failed = []
    for name, proc in running.items():
        log = proc.communicate()[0]
        if proc.returncode:
            failed.append(f"{name} site: mkdocs build --strict failed:\n{log}")
    if failed:
        pytest.fail("\n".join(failed), pytrace=False)
    yield sites
    for site in sites.values():
        site.server.shutdown()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def write_json(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")

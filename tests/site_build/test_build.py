"""The site builds with --strict, shows its pages, and refuses broken input with the file and reason."""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from tests.mkdocs_builds import build, write_site


def test_chapters_show_code_and_output(built_site):
    for page, expected in {
        "basics/tensorflow-and-numpy/index.html": "tf.reduce_sum",
        "basics/types-and-defaults/index.html": "InvalidArgumentError",
    }.items():
        html = (built_site / page).read_text(encoding="utf-8")
        assert 'class="language-python highlight"' in html, page
        assert "Output</span>" in html, f"{page}: no output block"
        assert expected in html, page


def test_snippet_is_included_into_its_page(built_site):
    html = (built_site / "basics/types-and-defaults/index.html").read_text(encoding="utf-8")
    assert "raw_matmul_fails" in html and "--8&lt;--" not in html


class _Resources(HTMLParser):
    """Collects every URL the browser would fetch by itself (not links a reader clicks),
    and every absolute URL written inside an inline script (a dynamic import, a loader)."""

    FETCHED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src"}

    def __init__(self):
        super().__init__()
        self.urls = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = "href" if tag == "link" and attrs.get("rel") not in {"canonical", "alternate"} else self.FETCHED.get(tag)
        if name in attrs:  # an empty src still makes a request: for the page itself
            self.urls.append(attrs[name] or "<empty: re-requests the page>")
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            self.urls += re.findall(r"""https?://[^\s"'`)]+""", data)


def third_party_resources(site):
    """`page: url` for each resource a page or stylesheet would fetch from anywhere but the site."""
    offenders = []
    for page in site.rglob("*.html"):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [
            f"{page.relative_to(site)}: {url}" for url in parser.urls if url.startswith("<") or urlsplit(url).netloc
        ]
    for sheet in site.rglob("*.css"):
        for url in re.findall(
            r"""(?:url\(|@import\s+)["']?((?:https?:)?//[^"')\s]+)""", sheet.read_text(encoding="utf-8")
        ):
            offenders.append(f"{sheet.relative_to(site)}: {url}")
    return offenders


def test_pages_make_no_third_party_requests(built_site):
    """No CDN fonts, scripts or MathJax: every fetched resource is relative or on the site itself."""
    offenders = third_party_resources(built_site)
    assert not offenders, "\n".join(offenders)


def test_notebook_pages_make_no_third_party_requests(tmp_path):
    """mkdocs-jupyter inlines a MathJax loader and a cdnjs mermaid import; hooks/notebook_pages.py rebuilds the page without them."""
    notebook = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": "# A notebook\n\n$x^2$"},
            {"cell_type": "code", "metadata": {}, "source": "print(1 + 1)", "outputs": [], "execution_count": None},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    config = write_site(tmp_path, {"index.md": "# Home\n", "notebook.ipynb": json.dumps(notebook)})
    result = build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "print" in (tmp_path / "site/notebook/index.html").read_text(encoding="utf-8")
    assert third_party_resources(tmp_path / "site") == []


def test_missing_snippet_fails_the_build(tmp_path):
    config = write_site(tmp_path, {"index.md": '# Home\n\n```python\n--8<-- "no/such_file.py"\n```\n'})
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/index.md:4: snippet 'no/such_file.py' not found in snippets/" in result.stderr + result.stdout


def test_broken_link_fails_the_build(tmp_path):
    config = write_site(tmp_path, {"index.md": "# Home\n\nSee [the missing page](missing.md).\n"})
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    log = result.stderr + result.stdout
    assert "index.md" in log and "missing.md" in log

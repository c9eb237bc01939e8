"""The site builds with --strict, shows its pages, and refuses broken input with the file and reason."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from tests.conftest import mkdocs_build, write_site


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
    """Collects every URL the browser would fetch by itself (not links a reader clicks)."""

    FETCHED = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src"}

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") not in {"canonical", "alternate"}:
            self.urls.append(attrs.get("href"))
        elif tag in self.FETCHED:
            self.urls.append(attrs.get(self.FETCHED[tag]))


def test_pages_make_no_third_party_requests(built_site):
    """No CDN fonts, scripts or MathJax: every fetched resource is relative or on the site itself."""
    offenders = []
    for page in built_site.rglob("*.html"):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [f"{page.relative_to(built_site)}: {url}" for url in parser.urls if url and urlsplit(url).netloc]
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"""(?:url\(|@import\s+)["']?(https?:)?//[^"')\s]+""", sheet.read_text(encoding="utf-8")):
            offenders.append(f"{sheet.relative_to(built_site)}: {url}")
    assert not offenders, "\n".join(offenders)


def test_missing_snippet_fails_the_build(tmp_path):
    config = write_site(tmp_path, {"index.md": '# Home\n\n```python\n--8<-- "no/such_file.py"\n```\n'})
    result = mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0
    assert "docs/index.md:4: snippet 'no/such_file.py' not found in snippets/" in result.stderr + result.stdout


def test_broken_link_fails_the_build(tmp_path):
    config = write_site(tmp_path, {"index.md": "# Home\n\nSee [the missing page](missing.md).\n"})
    result = mkdocs_build(tmp_path / "site", config)
    assert result.returncode != 0
    log = result.stderr + result.stdout
    assert "index.md" in log and "missing.md" in log

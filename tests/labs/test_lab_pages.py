"""Lab pages and notebook links in the built site (hooks/notebook_pages.py).

- Lab pages are as light as chapters: Material's markup, no nbconvert CSS or scripts.
- Every output and figure of a lab appears on its page, figures with their alt text, and
  nothing from a cell that needs a download unless a real-data run produced it.
- Every chapter and every lab links a notebook that exists in the built site, and a Colab
  URL for a file that exists in the repository.
- The lab quizzes reach the progress and review pages.
"""

import gzip
import json
import os
import re
from html.parser import HTMLParser

import nbformat
import pytest

from nbtools import chapters
from nbtools.conventions import ALT, DOCS, LABS_DIR, NEEDS_DOWNLOAD
from quizfence.catalog import collect_docs
from tests.mkdocs_builds import ROOT, build, write_site

LABS = sorted(LABS_DIR.glob("*.ipynb"))
LAB_IDS = [p.stem for p in LABS]
PAGE_BUDGET = 40_000  # gzipped bytes of a lab page; mkdocs-jupyter's own page starts at about 100 KB


def page_html(site, src: str) -> str:
    stem = src.removesuffix(".md").removesuffix(".ipynb")
    return (site / stem / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids, self.images, self.in_notebook_links, self.toc = [], set(), [], False, []
        self.in_toc = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "ul" and "notebook-links" in (attrs.get("class") or ""):
            self.in_notebook_links = True
        if tag == "nav" and "md-nav--secondary" in (attrs.get("class") or ""):
            self.in_toc = True
        if tag == "a" and self.in_notebook_links:
            self.links.append(attrs)
        if tag == "a" and self.in_toc and (attrs.get("href") or "").startswith("#"):
            self.toc.append(attrs["href"][1:])
        if tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag == "ul":
            self.in_notebook_links = False
        if tag == "nav":
            self.in_toc = False


def parse(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def repo_url() -> str:
    return os.environ.get("REPO_URL") or chapters._mkdocs_setting("repo_url")


def check_notebook_links(site, src: str, repo_file):
    html = page_html(site, src)
    links = parse(html).links
    assert [a.get("href", "")[:35] for a in links][1:] == ["https://colab.research.google.com/g"], f"{src}: {links}"
    download, colab = links
    assert "download" in download
    served = (site / src.removesuffix(".md").removesuffix(".ipynb") / download["href"]).resolve()
    assert served.is_file(), f"{src}: the download link {download['href']} names no file in the built site"
    assert served.read_bytes() == repo_file.read_bytes(), f"{src}: the download is not {repo_file.relative_to(ROOT)}"
    owner_repo = re.match(r"https://github\.com/([^/]+/[^/]+?)(?:\.git)?/?$", repo_url())[1]
    in_repo = repo_file.relative_to(ROOT).as_posix()
    assert colab["href"] == f"https://colab.research.google.com/github/{owner_repo}/blob/main/{in_repo}"


@pytest.mark.parametrize("page", chapters.chapters(), ids=[p.stem for p in chapters.chapters()])
def test_every_chapter_links_its_notebook(built_site, page):
    check_notebook_links(built_site, page.relative_to(DOCS).as_posix(), chapters.notebook_path(page))


@pytest.mark.parametrize("lab", LABS, ids=LAB_IDS)
def test_every_lab_links_its_notebook(built_site, lab):
    check_notebook_links(built_site, lab.relative_to(DOCS).as_posix(), lab)


@pytest.mark.parametrize("lab", LABS, ids=LAB_IDS)
def test_lab_page_is_light_and_first_party(built_site, lab):
    html = page_html(built_site, lab.relative_to(DOCS).as_posix())
    body = article(html)
    for leftover in ("<style", "<script", "jp-", "clipboard-copy", "MathJax", "mermaid", "highlight-ipynb"):
        assert leftover not in body, f"{lab.name}: the page still contains {leftover!r}"
    size = len(gzip.compress(html.encode("utf-8"), 9))
    assert size < PAGE_BUDGET, f"{lab.name}: {size} bytes gzipped, over the budget of {PAGE_BUDGET}"


@pytest.mark.parametrize("lab", LABS, ids=LAB_IDS)
def test_lab_page_shows_every_output_and_figure(built_site, lab):
    nb = nbformat.read(lab, as_version=4)
    body = article(page_html(built_site, lab.relative_to(DOCS).as_posix()))
    texts = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "text/plain" in o.get("data", {}) or o.get("text")
    ]
    texts = [o for o in texts if "image/svg+xml" not in o.get("data", {})]
    alts = [alt for c in nb.cells if c.cell_type == "code" and c.outputs for alt in c.metadata.get(ALT, [])]
    assert body.count('<span class="filename">Output</span>') == len(texts)
    assert [img["alt"] for img in parse(body).images] == alts
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    assert body.count('<div class="language-python highlight">') == len(code_cells)
    if any(NEEDS_DOWNLOAD in c.metadata.get("tags", []) for c in nb.cells):
        assert "Where the outputs come from" in body and "built without it" in body
    else:
        assert "Where the outputs come from" not in body


@pytest.mark.parametrize("lab", LABS, ids=LAB_IDS)
def test_table_of_contents_links_land_on_headings(built_site, lab):
    parsed = parse(page_html(built_site, lab.relative_to(DOCS).as_posix()))
    assert parsed.toc, lab.name
    missing = [anchor for anchor in parsed.toc if anchor not in parsed.ids]
    assert not missing, f"{lab.name}: the table of contents links to missing headings {missing}"


def test_solutions_are_folded_away(built_site):
    body = article(page_html(built_site, "labs/lab-3-breast-cancer.ipynb"))
    assert body.count('<details class="success"><summary>Solution</summary>') == 3


def test_lab_quizzes_reach_the_progress_and_review_pages(built_site):
    ids = [e.id for e in collect_docs(DOCS) if e.src_uri.startswith("labs/")]
    assert {i.split("-")[0] for i in ids} == {"lab1", "lab2", "lab3", "lab4"}
    for lab in ("lab1", "lab2", "lab3", "lab4"):
        assert sum(i.startswith(lab + "-") for i in ids) >= 3, lab
    progress = (built_site / "quizzes/progress/index.html").read_text(encoding="utf-8")
    review = (built_site / "quizzes/review/index.html").read_text(encoding="utf-8")
    for quiz_id in ids:
        assert f'data-quiz-id="{quiz_id}"' in progress, quiz_id
        assert quiz_id in review, quiz_id


# --- the hook on planted notebooks --------------------------------------------------------------------


def notebook(*cells, metadata=None) -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    nb.metadata.update(metadata or {})
    for number, cell in enumerate(nb.cells):
        cell.id = f"c{number}"
    return nbformat.writes(nb)


def download_cell(with_output: bool):
    cell = nbformat.v4.new_code_cell("print(load())", metadata={"tags": [NEEDS_DOWNLOAD]})
    if with_output:
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="accuracy 0.88\n")]
    return cell


def build_lab(tmp_path, text):
    config = write_site(tmp_path, {"index.md": "# Home\n", "labs/planted.ipynb": text})
    return build(config, tmp_path / "site")


def test_outputs_of_download_cells_need_a_real_data_run(tmp_path):
    result = build_lab(tmp_path, notebook(nbformat.v4.new_markdown_cell("# Planted"), download_cell(True)))
    assert result.returncode != 0
    assert "Outputs from mock data are never published" in result.stdout + result.stderr


def test_a_real_data_run_is_named_on_the_page(tmp_path):
    run = {"date": "2026-11-23", "tensorflow": "2.21.0", "tensorflow_datasets": "4.9.10", "seconds": 95}
    text = notebook(nbformat.v4.new_markdown_cell("# Planted"), download_cell(True), metadata={"real_data_run": run})
    result = build_lab(tmp_path, text)
    assert result.returncode == 0, result.stdout + result.stderr
    body = article((tmp_path / "site/labs/planted/index.html").read_text(encoding="utf-8"))
    assert "from a run of this notebook on the real data set, on 2026-11-23" in body
    assert "accuracy 0.88" in body


def test_a_figure_without_alt_text_fails_the_build(tmp_path):
    cell = nbformat.v4.new_code_cell("plt.show()")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})
    ]
    result = build_lab(tmp_path, notebook(nbformat.v4.new_markdown_cell("# Planted"), cell))
    assert result.returncode != 0
    assert "shows a figure without alt text" in result.stdout + result.stderr


def test_a_broken_link_in_a_notebook_fails_the_build(tmp_path):
    result = build_lab(tmp_path, notebook(nbformat.v4.new_markdown_cell("# Planted\n\nSee [nothing](missing.md).")))
    assert result.returncode != 0
    assert "missing.md" in result.stdout + result.stderr


def test_the_downloaded_lab_is_valid_json(built_site):
    for lab in LABS:
        json.loads((built_site / "notebooks" / lab.relative_to(DOCS)).read_text(encoding="utf-8"))


def test_html_and_stderr_outputs_keep_their_content_without_nbconvert_markup(tmp_path):
    table = nbformat.v4.new_code_cell("table")
    table.outputs = [
        nbformat.v4.new_output(
            "execute_result", data={"text/plain": "t", "text/html": "<table><tr><td>1</td></tr></table>"}
        )
    ]
    warning = nbformat.v4.new_code_cell("warn()")
    warning.outputs = [nbformat.v4.new_output("stream", name="stderr", text="UserWarning: careful\n")]
    result = build_lab(tmp_path, notebook(nbformat.v4.new_markdown_cell("# Planted"), table, warning))
    assert result.returncode == 0, result.stdout + result.stderr
    body = article((tmp_path / "site/labs/planted/index.html").read_text(encoding="utf-8"))
    assert '<div class="notebook-html-output">\n<table><tr><td>1</td></tr></table>' in body
    assert '<span class="filename">Output (stderr)</span>' in body and "UserWarning: careful" in body
    assert "jp-" not in body and "tabindex" not in body


def test_a_notebook_saved_without_cell_ids_still_gets_its_alt_text(tmp_path):
    """nbformat 4.4 has no cell ids: cells are matched by position."""
    text = json.dumps(
        {
            "cells": [
                {"cell_type": "markdown", "metadata": {}, "source": "# Planted"},
                {
                    "cell_type": "code",
                    "metadata": {ALT: ["a dot"]},
                    "source": "plt.show()",
                    "execution_count": 1,
                    "outputs": [
                        {
                            "output_type": "display_data",
                            "metadata": {},
                            "data": {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"},
                        }
                    ],
                },
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 4,
        }
    )
    result = build_lab(tmp_path, text)
    assert result.returncode == 0, result.stdout + result.stderr
    body = article((tmp_path / "site/labs/planted/index.html").read_text(encoding="utf-8"))
    assert 'alt="a dot"' in body and "plt" in body

"""Notebook pages as light as chapter pages, and "Download notebook" / "Open in Colab" links.

1. mkdocs-jupyter renders a notebook with nbconvert's JupyterLab template: about 600 KB of
   inline CSS, a clipboard script, a MathJax loader (`<script src="">`, which re-requests the
   page) and, with a diagram, a cdnjs import of mermaid. This hook rebuilds the page body in
   the markup Material uses for Markdown pages: code cells as highlighted code blocks (Material's
   own colours in light and dark mode, and its copy button), text outputs as the "Output"
   blocks of the chapters, figures as images with the alt text the cell's metadata gives,
   solution cells folded away. No style sheet, no script, nothing third-party is left.
2. Links in Markdown cells to other pages (`../basics/page.md`, `other-lab.ipynb`) are
   resolved as MkDocs resolves them in Markdown pages; a missing target is a warning, so a
   strict build fails.
3. Each lab, and each chapter that has a generated notebook (docs/notebooks/<part>/<page>.ipynb,
   written by `make notebooks`), gets two links under its title. Downloads are served from
   the site (labs are copied to notebooks/labs/); Colab opens the file from the repository
   named by `repo_url`, on the branch named in `edit_uri`.
4. A lab with cells tagged `needs-download` says where their outputs come from: the real
   data, when `make labs-real-data` ran before the build (the Pages workflow), or nowhere.
   The build fails if such cells carry outputs without a record of a real-data run, so
   outputs from mock data can never be published.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import nbformat
from bs4 import BeautifulSoup, Comment
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.notebook_pages")

# The same names as nbtools.conventions (tests/notebooks checks they agree).
NEEDS_DOWNLOAD = "needs-download"
SOLUTION = "solution"
ALT = "alt"
REAL_DATA_RUN = "real_data_run"
NOTEBOOKS_DIR = "notebooks"  # under docs/: generated chapter notebooks; in the site: every download
LABS_DIR = "labs"

GITHUB = re.compile(r"^https://github\.com/(?P<owner>[^/]+)/(?P<repo>[^/]+?)(?:\.git)?/?$")
BRANCH = re.compile(r"^(?:edit|blob|tree)/(?P<branch>[^/]+)/")


def is_notebook_page(page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


def lab_download_uri(src_uri: str) -> str:
    """labs/lab-1.ipynb -> notebooks/labs/lab-1.ipynb: every download lives under notebooks/."""
    return f"{NOTEBOOKS_DIR}/{src_uri}"


def chapter_notebook_uri(src_uri: str) -> str:
    """basics/page.md -> notebooks/basics/page.ipynb"""
    return f"{NOTEBOOKS_DIR}/{src_uri.removesuffix('.md')}.ipynb"


# --- files ------------------------------------------------------------------------------------------


def on_files(files, config):
    """Serve each lab's .ipynb as a download next to the chapter notebooks."""
    for file in list(files):
        if file.src_uri.endswith(".ipynb") and file.is_documentation_page():
            files.append(File.generated(config, lab_download_uri(file.src_uri), abs_src_path=file.abs_src_path))
    return files


# --- links under the title ----------------------------------------------------------------------------


def colab_url(config, abs_path: str) -> str | None:
    match = GITHUB.match(config.repo_url or "")
    if not match:
        return None
    branch = BRANCH.match(config.edit_uri or "")
    root = os.path.dirname(os.path.abspath(config.config_file_path))
    in_repo = os.path.relpath(abs_path, root).replace(os.sep, "/")
    return (
        f"https://colab.research.google.com/github/{match['owner']}/{match['repo']}/blob/"
        f"{branch['branch'] if branch else 'main'}/{quote(in_repo)}"
    )


def notebook_links(page, config, files) -> str:
    """The two links for this page, or "" if it has no notebook."""
    if is_notebook_page(page):
        download = files.get_file_from_path(lab_download_uri(page.file.src_uri))
    else:
        download = files.get_file_from_path(chapter_notebook_uri(page.file.src_uri))
    if download is None:
        return ""
    items = [
        f'<li><a href="{download.url_relative_to(page.file)}" download>Download notebook</a></li>',
    ]
    colab = colab_url(config, download.abs_src_path)
    if colab:
        items.append(f'<li><a href="{colab}">Open in Colab</a></li>')
    return f'<ul class="notebook-links" aria-label="This page as a notebook">{"".join(items)}</ul>'


def insert_after_title(html: str, extra: str) -> str:
    end = html.find("</h1>")
    if end < 0:
        return extra + html
    end += len("</h1>")
    return html[:end] + "\n" + extra + html[end:]


# --- notebook pages -----------------------------------------------------------------------------------


def _resolve_link(href: str, page, files) -> str:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or href.startswith(("/", "\\")):
        return href
    if not parts.path.endswith((".md", ".ipynb")):
        return href
    target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(page.file.src_uri), unquote(parts.path)))
    target = files.get_file_from_path(target_uri)
    if target is None:
        log.warning(
            "Doc file '%s' contains a link '%s', but the target '%s' is not found among documentation files.",
            page.file.src_uri,
            href,
            target_uri,
        )
        return href
    return urlunsplit(("", "", target.url_relative_to(page.file), parts.query, parts.fragment))


def _output_block(soup, pre, title="Output"):
    block = soup.new_tag("div", attrs={"class": "language-text highlight"})
    name = soup.new_tag("span", attrs={"class": "filename"})
    name.string = title
    new_pre = soup.new_tag("pre")
    new_pre.append(soup.new_tag("span"))
    code = soup.new_tag("code")
    for child in list(pre.contents):
        code.append(child.extract())
    new_pre.append(code)
    block.append(name)
    block.append(new_pre)
    return block


def _code_block(soup, highlight_div):
    pre = highlight_div.find("pre")
    block = soup.new_tag("div", attrs={"class": "language-python highlight"})
    new_pre = soup.new_tag("pre")
    new_pre.append(soup.new_tag("span"))
    code = soup.new_tag("code")
    for child in list(pre.contents):
        if getattr(child, "name", None) == "span" and not child.contents:  # pygments' leading empty span
            continue
        code.append(child.extract())
    new_pre.append(code)
    block.append(new_pre)
    return block


def _cell_blocks(soup, cell_el, cell, page, files) -> list:
    """The elements one notebook cell becomes."""
    classes = cell_el.get("class", [])
    if "jp-MarkdownCell" in classes:
        rendered = cell_el.find(class_="jp-RenderedMarkdown")
        for anchor in rendered.find_all("a", class_="anchor-link"):
            anchor["class"] = ["headerlink"]
            anchor["title"] = "Permanent link"
        for link in rendered.find_all("a", href=True):
            link["href"] = _resolve_link(link["href"], page, files)
        return [child.extract() for child in list(rendered.contents)]
    blocks = []
    highlight = cell_el.find("div", class_=re.compile(r"^highlight"))
    if highlight is not None:
        blocks.append(_code_block(soup, highlight))
    alts = list(cell.metadata.get(ALT, [])) if cell is not None else []
    for output in cell_el.find_all(class_="jp-OutputArea-output"):
        image = output.find("img")
        if image is not None:
            if not alts:
                raise PluginError(
                    f"docs/{page.file.src_uri}: cell {cell.get('id') if cell else '?'} shows a figure without alt text; "
                    f'add "{ALT}": ["what the figure shows"] to the cell\'s metadata'
                )
            figure = soup.new_tag("figure", attrs={"class": "notebook-figure"})
            figure.append(soup.new_tag("img", attrs={"src": image["src"], "alt": alts.pop(0)}))
            blocks.append(figure)
            continue
        pre = output.find("pre")
        if pre is not None:
            stderr = output.get("data-mime-type") == "application/vnd.jupyter.stderr"
            blocks.append(_output_block(soup, pre, "Output (stderr)" if stderr else "Output"))
            continue
        html_output = soup.new_tag("div", attrs={"class": "notebook-html-output"})  # a table, say: kept as it is
        for child in list(output.contents):
            html_output.append(child.extract())
        blocks.append(html_output)
    return blocks


def provenance_note(nb, page, files) -> str:
    """Where the outputs of `needs-download` cells come from, for the top of the page."""
    download_cells = [c for c in nb.cells if NEEDS_DOWNLOAD in c.metadata.get("tags", [])]
    if not download_cells:
        return ""
    run = nb.metadata.get(REAL_DATA_RUN)
    with_outputs = [c for c in download_cells if c.get("outputs")]
    if with_outputs and not run:
        raise PluginError(
            f"docs/{page.file.src_uri}: cells tagged {NEEDS_DOWNLOAD} carry outputs, but nothing says they come from the real "
            "data (make labs-real-data records it). Outputs from mock data are never published: run `make labs`."
        )
    if run:
        return (
            '<div class="admonition info"><p class="admonition-title">Where the outputs come from</p>'
            f"<p>Every output on this page comes from a run of this notebook on the real data set, on {run['date']}, "
            f"with TensorFlow {run['tensorflow']} and TensorFlow Datasets {run['tensorflow_datasets']} "
            f"({run['seconds']} s), when the site was published.</p></div>"
        )
    labs = files.get_file_from_path(f"{LABS_DIR}/index.md")
    see = f' (see <a href="{labs.url_relative_to(page.file)}#where-the-outputs-come-from">Labs</a>)' if labs else ""
    return (
        '<div class="admonition info"><p class="admonition-title">Where the outputs come from</p>'
        "<p>The cells that use the data set show no output here: it has to be downloaded, and this copy "
        "of the site was built without it. The published site runs them on the real data when it is "
        "built, and you can run them yourself with the links above. The tests run them on random "
        f"stand-in data, whose numbers mean nothing and are never shown{see}.</p></div>"
    )


def rebuild_notebook_page(html: str, page, config, files) -> str:
    nb = nbformat.read(page.file.abs_src_path, as_version=4)
    by_id = {cell.get("id"): cell for cell in nb.cells}
    soup = BeautifulSoup(html, "html.parser")
    body = BeautifulSoup("", "html.parser")
    folded = None
    # One element per cell: the innermost div.jp-Cell (mkdocs-jupyter wraps code cells in a second one).
    cell_elements = [d for d in soup.find_all("div", class_="jp-Cell") if d.find("div", class_="jp-Cell") is None]
    if not cell_elements and nb.cells:
        raise PluginError(f"docs/{page.file.src_uri}: no notebook cells found in mkdocs-jupyter's HTML")
    for index, cell_el in enumerate(cell_elements):
        # By id; a notebook saved without ids gets new random ones on every read: then by position.
        cell = by_id.get(cell_el.get("id", "").removeprefix("cell-id=")) or (
            nb.cells[index] if index < len(nb.cells) else None
        )
        blocks = _cell_blocks(soup, cell_el, cell, page, files)
        if cell is not None and SOLUTION in cell.metadata.get("tags", []):
            if folded is None:
                folded = body.new_tag("details", attrs={"class": "success"})
                summary = body.new_tag("summary")
                summary.string = "Solution"
                folded.append(summary)
                body.append(folded)
            for block in blocks:
                folded.append(block)
            continue
        folded = None
        for block in blocks:
            body.append(block)
    for comment in body.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    rebuilt = str(body)
    extra = notebook_links(page, config, files) + provenance_note(nb, page, files)
    return insert_after_title(rebuilt, extra)


def on_page_content(html, page, config, files):
    if is_notebook_page(page):
        return rebuild_notebook_page(html, page, config, files)
    links = notebook_links(page, config, files)
    return insert_after_title(html, links) if links else html

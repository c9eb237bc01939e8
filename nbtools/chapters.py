"""Every chapter page as a notebook that runs top to bottom (make notebooks).

A chapter is a page under docs/basics/, docs/components/ or docs/custom-training/
(not a part's index.md). Its notebook, docs/notebooks/<part>/<page>.ipynb, has the
page's prose as Markdown cells and its Python fences as code cells, in order:

- Fences marked `<!--pytest.mark.keras2-->` are Keras 2 (tf-keras) only. Colab and a
  current Jupyter run Keras 3, so they stay as Markdown code, labelled, not executed.
- `<!--pytest-codeblocks:cont-->` needs nothing: a notebook's cells share one namespace.
- A `--8<-- "part/name.py"` include is replaced by the snippet's code, so the notebook
  needs no other file. Its main block runs too (a notebook cell runs as __main__).
- A snippet marked `# snippet: own process` configures devices or starts workers, which
  cannot happen in a kernel that already started TensorFlow. The notebook writes it to a
  file with `%%writefile` and runs it with `!{sys.executable} name.py`, a fresh
  interpreter, exactly as the tests run it.
- Quiz fences become one line that links to the quiz on the chapter's page.
- Checked output fences (`text title="Output"`) are dropped: the notebook prints its own.
- Admonitions become block quotes (collapsible ones `<details>`), content tabs a bold
  label, links to other pages and to images absolute links to the published site (of a
  figure drawn for light and dark mode, the light one).

Notebooks are generated, checked in (Colab opens them from GitHub) and compared with
what this module produces by tests/notebooks; `make notebooks` rewrites them.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from hooks import snippet_paths
from quizfence.markdown_fences import scan_fences

from .conventions import CHAPTER_PARTS, DOCS, NOTEBOOKS_DIR, ROOT, SNIPPETS

OWN_PROCESS = "# snippet: own process"
MARKER = re.compile(r"^\s*<!--\s*(?P<body>.*?)\s*-->\s*$")
CONTAINER = re.compile(r"""^(?P<indent>[ \t]*)(?P<kind>!!!|\?\?\?\+?|===)\s*(?P<rest>.*?)\s*$""")
ADMONITION_REST = re.compile(r"""^(?P<type>[\w-]+)?(?:\s+[\w-]+)*\s*(?:"(?P<title>[^"]*)")?$""")
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
DARK_ONLY_IMAGE = re.compile(r"^[ \t>]*!\[[^\]]*\]\([^)\s]+#only-dark\)[ \t]*\n?", re.M)
ATTR_LIST = re.compile(r"\s*\{\s*[:#.][^}]*\}\s*$")
KERAS2_NOTE = "*Keras 2 (tf-keras) only: shown, not run. This notebook runs Keras 3, as Colab does.*"


def chapters() -> list[Path]:
    return sorted(p for part in CHAPTER_PARTS for p in (DOCS / part).glob("*.md") if p.name != "index.md")


def notebook_path(page: Path) -> Path:
    return NOTEBOOKS_DIR / page.relative_to(DOCS).with_suffix(".ipynb")


# --- where the notebook's links point ---------------------------------------------------------------


def _mkdocs_setting(name: str) -> str:
    """A top-level string of mkdocs.yml, or the default of its `!ENV [VAR, "default"]`."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    match = re.search(
        rf"""^{name}:\s*(?:!ENV\s*\[\s*\w+\s*,\s*)?["']?(?P<value>[^"'\]\n]+?)["']?\s*\]?\s*(?:#.*)?$""", text, re.M
    )
    return match["value"].strip() if match else ""


def published_site_url() -> str:
    """The GitHub Pages address of the repository named by repo_url's default in mkdocs.yml:
    https://github.com/OWNER/REPO is published at https://OWNER.github.io/REPO/."""
    match = re.match(r"https://github\.com/(?P<owner>[^/]+)/(?P<repo>[^/]+?)(?:\.git)?/?$", _mkdocs_setting("repo_url"))
    if not match:
        raise ValueError("repo_url in mkdocs.yml must name a GitHub repository (https://github.com/OWNER/REPO)")
    return f"https://{match['owner'].lower()}.github.io/{match['repo']}/"


def page_url(src_uri: str) -> str:
    """docs-relative source path -> its URL on the published site (use_directory_urls)."""
    path = src_uri.removesuffix(".md").removesuffix(".ipynb")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
    else:
        path += "/"
    return published_site_url() + path


def absolute_links(markdown: str, src_uri: str) -> str:
    """Relative links and images -> the published site. Of an image drawn twice for Material
    (`x-light.svg#only-light`, `x-dark.svg#only-dark`), the notebook keeps the light one."""
    markdown = DARK_ONLY_IMAGE.sub("", markdown)

    def replace(match):
        target = match["target"]
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            return match[0]
        path, _, fragment = target.partition("#")
        if not path:
            return f"]({page_url(src_uri)}#{fragment})"
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
        if not path.endswith((".md", ".ipynb")):  # a file the site serves as it is
            fragment = "" if fragment == "only-light" else fragment
            return f"]({published_site_url()}{resolved}{'#' + fragment if fragment else ''})"
        return f"]({page_url(resolved)}{'#' + fragment if fragment else ''})"

    return LINK.sub(replace, markdown)


# --- reading a page -----------------------------------------------------------------------------------


@dataclass
class Container:
    indent: int  # columns of the content
    kind: str  # "quote", "details" or "tab"


@dataclass
class Builder:
    src_uri: str
    cells: list = field(default_factory=list)
    prose: list[str] = field(default_factory=list)
    quizzes: list[str] = field(default_factory=list)  # ids of consecutive quiz fences
    own_process: int = 0  # snippets run in a fresh interpreter so far

    def flush_quizzes(self):
        if not self.quizzes:
            return
        count = len(self.quizzes)
        what = "question is" if count == 1 else f"{count} questions are"
        self.prose.append(
            f"*This chapter's quiz: {'the' if count == 1 else 'its'} {what} interactive, "
            f"on [the chapter's page]({page_url(self.src_uri)}#quiz-{self.quizzes[0]}).*"
        )
        self.prose.append("")
        self.quizzes = []

    def flush_prose(self):
        self.flush_quizzes()
        text = "\n".join(self.prose).strip("\n")
        text = re.sub(r"\n{3,}", "\n\n", text)
        if text.strip():
            self.cells.append(nbformat.v4.new_markdown_cell(absolute_links(text, self.src_uri)))
        self.prose = []

    def code(self, source: str):
        self.flush_prose()
        self.cells.append(nbformat.v4.new_code_cell(source.strip("\n")))


def _markers_above(lines: list[str], line: int) -> list[str]:
    found = []
    for text in reversed(lines[: line - 1]):
        if marker := MARKER.match(text):
            found.append(marker["body"])
        elif text.strip():
            break
    return found


def _indent_of(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def _inline_snippets(body: str, builder: Builder, snippets: Path) -> bool:
    """Code cells for a fence that includes snippets; False if it includes none."""
    includes = [m for line in body.splitlines() if (m := snippet_paths.INCLUDE.match(line))]
    if not includes:
        return False
    if all(m["section"] for m in includes):  # a fence that runs with parts of snippets in place
        builder.code(snippet_paths.expand(body, [str(snippets)]).rstrip("\n"))
        return True
    for name in (m["path"] for m in includes):
        source = (snippets / name).read_text(encoding="utf-8").strip("\n")
        if OWN_PROCESS in source.splitlines():
            filename = posixpath.basename(name)
            if not builder.own_process:
                builder.prose.append(
                    f"This example, `snippets/{name}`, must start TensorFlow itself (it configures devices "
                    "or starts workers), which cannot happen in this notebook's kernel, where TensorFlow "
                    "already runs. So the notebook writes it to a file and runs it in a fresh Python process."
                )
            else:
                builder.prose.append(f"`snippets/{name}` also runs in a fresh Python process.")
            builder.own_process += 1
            builder.code(f"%%writefile {filename}\n{source}")
            builder.code(f"import sys\n\n!{{sys.executable}} {filename}")
        else:
            builder.code(source)
    return True


def _fence_as_markdown(fence) -> list[str]:
    return [f"{fence.fence}{fence.info}", *fence.source.splitlines(), fence.fence]


def convert(page: Path, docs: Path = DOCS, snippets: Path = SNIPPETS) -> nbformat.NotebookNode:
    """The notebook of one chapter page (`docs` and `snippets` are the folders it is read from)."""
    src_uri = page.relative_to(docs).as_posix()
    text = page.read_text(encoding="utf-8")
    lines = text.splitlines()
    fences = {f.line: f for f in scan_fences(text)}
    builder = Builder(src_uri)
    stack: list[Container] = []
    title = None
    index = 0
    while index < len(lines):
        number, line = index + 1, lines[index]
        indent = _indent_of(line)
        if line.strip():
            while stack and indent < stack[-1].indent:
                _close(stack.pop(), builder)
        depth = stack[-1].indent if stack else 0
        quote = "> " * sum(c.kind == "quote" for c in stack)

        if number in fences:
            fence = fences[number]
            markers = _markers_above(lines, number)
            index = fence.end  # the line after the closing fence
            if fence.lang == "quiz":
                match = re.search(r"^id:\s*(\S+)", fence.source, re.M)
                builder.quizzes.append(match[1] if match else "")
                continue
            builder.flush_quizzes()
            if any(m.startswith(("pytest-codeblocks:expected-output", "snippet-output:")) for m in markers):
                continue
            if fence.lang == "python" and fence.info == "python" and "pytest.mark.keras2" not in markers:
                if not _inline_snippets(fence.source, builder, snippets):
                    builder.code(fence.source)
                continue
            if "pytest.mark.keras2" in markers:
                builder.prose += [quote + KERAS2_NOTE, quote]
            builder.prose += [quote + text for text in _fence_as_markdown(fence)]
            builder.prose.append("")
            continue

        index += 1
        if MARKER.match(line):
            continue
        content = line.expandtabs(4)[depth:] if indent >= depth else line.strip()
        if title is None and content.startswith("# "):
            title = content[2:].strip()
            builder.prose += [content, "", about(title, src_uri), ""]
            continue
        header = CONTAINER.match(content)
        if header and not builder.quizzes:
            kind, rest = header["kind"], header["rest"]
            if kind == "===":
                label = rest.strip('"')
                builder.prose += [quote + f"**{label}**", quote]
                stack.append(Container(depth + 4, "tab"))
            else:
                parts = ADMONITION_REST.match(rest)
                admonition_title = (parts["title"] if parts and parts["title"] is not None else None) or (
                    (parts["type"] or "note").replace("-", " ").capitalize() if parts else "Note"
                )
                if kind.startswith("???"):
                    builder.prose += [quote + "<details>", quote + f"<summary>{admonition_title}</summary>", quote]
                    stack.append(Container(depth + 4, "details"))
                else:
                    builder.prose += [quote + f"> **{admonition_title}**", quote + ">"]
                    stack.append(Container(depth + 4, "quote"))
            continue
        if builder.quizzes and not content.strip():
            continue  # blank lines between consecutive quizzes
        builder.flush_quizzes()
        if content.startswith("#"):
            content = ATTR_LIST.sub("", content)
        builder.prose.append((quote + content).rstrip() if content.strip() else quote.rstrip())
    while stack:
        _close(stack.pop(), builder)
    builder.flush_prose()
    return _notebook(builder.cells, src_uri, title or page.stem)


def _close(container: Container, builder: Builder):
    """End a container's Markdown: a blank line after a quote (or the next paragraph would
    continue it), the closing tag of a <details>."""
    while builder.prose and builder.prose[-1].strip(" >") == "" and builder.prose[-1].strip():
        builder.prose.pop()
    if container.kind == "details":
        builder.prose += ["", "</details>"]
    builder.prose.append("")


def _tested_versions() -> str:
    pins = dict(
        line.split("==", 1)
        for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    )
    return f"TensorFlow {pins.get('tensorflow', '?')}"


def about(title: str, src_uri: str) -> str:
    """The line under the notebook's title: where it comes from."""
    return (
        f"*This notebook is the chapter [{title}]({page_url(src_uri)}) of the site "
        f"{_mkdocs_setting('site_name')}, with its code as cells: run them in order. It is generated from "
        f"`docs/{src_uri}` and was tested with {_tested_versions()} and Keras 3.*"
    )


def _notebook(cells: list, src_uri: str, title: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.nbformat_minor = 5
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "generated_from": f"docs/{src_uri}",
    }
    for number, cell in enumerate(cells):
        cell.id = f"cell-{number:03d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def dumps(nb) -> str:
    return nbformat.writes(nb) + "\n"


def write_all(check: bool = False) -> list[str]:
    """Write (or with check, only compare) every chapter's notebook; returns what is or was stale."""
    messages = []
    expected = {notebook_path(page): dumps(convert(page)) for page in chapters()}
    for path, text in expected.items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        rel = path.relative_to(ROOT)
        messages.append(f"{rel}: {'missing' if current is None else 'stale'}" if check else f"wrote {rel}")
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in sorted(NOTEBOOKS_DIR.rglob("*.ipynb")) if NOTEBOOKS_DIR.is_dir() else []:
        if path not in expected:
            rel = path.relative_to(ROOT)
            messages.append(f"{rel}: no chapter has this notebook" if check else f"removed {rel}")
            if not check:
                path.unlink()
    return messages

"""Every chapter as a notebook: generated from its page, current, and runnable top to bottom.

The notebooks are checked in under docs/notebooks/ (Colab opens them from GitHub; the
site serves them for download). `make notebooks` regenerates them.
"""

import importlib.util
import textwrap

import nbformat
import pytest

from nbtools import chapters, conventions, execute
from tests.mkdocs_builds import ROOT

CHAPTERS = chapters.chapters()
IDS = [p.relative_to(conventions.DOCS).as_posix() for p in CHAPTERS]


def test_every_chapter_notebook_is_current():
    stale = chapters.write_all(check=True)
    assert not stale, "\n".join(
        [*stale, "The chapter notebooks are stale: run `make notebooks` and commit docs/notebooks/."]
    )


def test_the_hook_uses_the_conventions_of_nbtools():
    spec = importlib.util.spec_from_file_location("notebook_pages_hook", ROOT / "hooks/notebook_pages.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    for name in ("NEEDS_DOWNLOAD", "SOLUTION", "ALT", "REAL_DATA_RUN"):
        assert getattr(hook, name) == getattr(conventions, name), name
    assert hook.NOTEBOOKS_DIR == conventions.NOTEBOOKS_DIR.relative_to(conventions.DOCS).as_posix()
    assert hook.LABS_DIR == conventions.LABS_DIR.relative_to(conventions.DOCS).as_posix()


PLANTED_PAGE = """\
# A planted chapter

!!! abstract "In short"
    **Does it convert?** Yes.

Some prose with a link to [another chapter](../basics/types-and-defaults.md#floats-32-bits-against-64)
and one [on this page](#a-section).

![A figure](../assets/figures/curve-light.svg#only-light)
![A figure](../assets/figures/curve-dark.svg#only-dark)

## A section

```python
value = 20 + 1
```

<!--pytest-codeblocks:cont-->
```python
print(value * 2)
```

<!--pytest-codeblocks:expected-output-->
```text title="Output"
42
```

=== "Keras 3"

    <!--pytest.mark.keras3-->
    ```python
    print("keras 3 branch")
    ```

=== "Keras 2 (tf-keras)"

    <!--pytest.mark.keras2-->
    ```python
    metric.reset_states()
    ```

!!! note "Inside a note"
    A note with code:

    ```python
    print("from the note")
    ```

??? example "A folded snippet"

    <!--pytest.mark.skip(reason="includes snippets/part/plain.py")-->
    ```python
    --8<-- "part/plain.py"
    ```

<!--snippet-output: part/plain.py-->
```text title="Output"
plain snippet ran
```

<!--pytest.mark.skip(reason="includes snippets/part/own.py")-->
```python
--8<-- "part/own.py"
```

```console
$ make test
```

## Check yourself

```quiz
id: planted-one
type: truefalse
difficulty: easy
question: Yes?
answer: true
explanation: Yes.
```

```quiz
id: planted-two
type: truefalse
difficulty: easy
question: No?
answer: false
explanation: No.
```
"""


@pytest.fixture
def planted(tmp_path):
    docs, snippets = tmp_path / "docs", tmp_path / "snippets"
    (docs / "part").mkdir(parents=True)
    (snippets / "part").mkdir(parents=True)
    (docs / "part/page.md").write_text(PLANTED_PAGE, encoding="utf-8")
    (snippets / "part/plain.py").write_text(
        'def main():\n    print("plain snippet ran")\n\n\nif __name__ == "__main__":\n    main()\n', encoding="utf-8"
    )
    (snippets / "part/own.py").write_text(
        textwrap.dedent(
            """\
            # snippet: own process
            import sys

            if __name__ == "__main__":
                print("own process:", "value" not in globals(), sys.argv[0])
            """
        ),
        encoding="utf-8",
    )
    return chapters.convert(docs / "part/page.md", docs=docs, snippets=snippets)


def test_a_page_becomes_prose_and_code_cells(planted):
    code = [c.source for c in planted.cells if c.cell_type == "code"]
    markdown = "\n".join(c.source for c in planted.cells if c.cell_type == "markdown")
    assert code[:4] == [
        "value = 20 + 1",
        "print(value * 2)",
        'print("keras 3 branch")',
        'print("from the note")',
    ]
    assert code[4].startswith("def main():") and 'if __name__ == "__main__":' in code[4]
    assert code[5].startswith("%%writefile own.py\n# snippet: own process")
    assert code[6] == "import sys\n\n!{sys.executable} own.py"
    assert len(code) == 7
    site = chapters.published_site_url()
    assert planted.cells[0].source.startswith("# A planted chapter\n\n*This notebook is the chapter")
    assert "> **In short**\n>\n> **Does it convert?** Yes.\n\nSome prose" in markdown
    assert f"]({site}basics/types-and-defaults/#floats-32-bits-against-64)" in markdown
    assert f"]({site}part/page/#a-section)" in markdown
    assert f"![A figure]({site}assets/figures/curve-light.svg)" in markdown and "curve-dark" not in markdown
    assert "**Keras 2 (tf-keras)**" in markdown and "```python\nmetric.reset_states()\n```" in markdown
    assert "> **Inside a note**" in markdown
    assert "<details>\n<summary>A folded snippet</summary>" in markdown and "</details>" in markdown
    assert "```console\n$ make test\n```" in markdown
    assert f"its 2 questions are interactive, on [the chapter's page]({site}part/page/#quiz-planted-one)" in markdown
    for gone in ("pytest", 'title="Output"', "--8<--", "```quiz", "42\n", "plain snippet ran"):
        assert gone not in markdown, gone


def test_the_planted_notebook_runs_top_to_bottom(planted):
    executed, _ = execute.run(planted, name="planted")
    printed = [
        "".join(o.get("text", "") for o in c.outputs) for c in executed.cells if c.cell_type == "code" and c.outputs
    ]
    assert printed[:4] == ["42\n", "keras 3 branch\n", "from the note\n", "plain snippet ran\n"]
    assert "Writing own.py" in printed[4]
    assert printed[5].startswith("own process: True own.py"), printed[5]


@pytest.mark.keras3
@pytest.mark.parametrize("page", CHAPTERS, ids=IDS)
def test_chapter_notebook_runs_top_to_bottom(page):
    nb = nbformat.read(chapters.notebook_path(page), as_version=4)
    try:
        execute.run(nb, name=chapters.notebook_path(page).relative_to(ROOT).as_posix())
    except execute.NotebookFailed as failure:
        pytest.fail(str(failure), pytrace=False)

"""Every snippet is shown on a page and has its own tests; output shown under it is what it prints."""

import contextlib
import io
import runpy

import pytest

from tests.sites import DOCS, ROOT, SNIPPETS
from tests.fences import scan

SNIPPET_FILES = sorted(p.relative_to(SNIPPETS).as_posix() for p in SNIPPETS.rglob("*.py"))
SHOWN_OUTPUTS = [
    (fence, marker.split(":", 1)[1].strip())
    for page in sorted(DOCS.rglob("*.md"))
    for fence in scan(page.relative_to(ROOT))
    for marker in fence.markers
    if marker.startswith("snippet-output:")
]


@pytest.mark.parametrize("name", SNIPPET_FILES)
def test_snippet_is_included_by_a_page(name):
    pages = [p for p in DOCS.rglob("*.md") if f'--8<-- "{name}"' in p.read_text(encoding="utf-8")]
    assert pages, f"snippets/{name} is not included by any page under docs/"


@pytest.mark.parametrize("name", SNIPPET_FILES)
def test_snippet_has_its_own_tests(name):
    folder, _, file = name.rpartition("/")
    test_file = ROOT / "tests" / "snippets" / folder / f"test_{file}"
    assert test_file.is_file(), f"snippets/{name} needs assertions in {test_file.relative_to(ROOT)}"


@pytest.mark.parametrize(("fence", "name"), SHOWN_OUTPUTS, ids=[f.where for f, _ in SHOWN_OUTPUTS])
def test_shown_output_is_what_the_snippet_prints(fence, name):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        runpy.run_path(str(SNIPPETS / name), run_name="__main__")
    assert printed.getvalue() == fence.body + "\n", f"{fence.where}: the output shown differs from what {name} prints"

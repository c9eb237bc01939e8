"""Every snippet is shown on a page and has its own tests; output shown under it is what it prints.

A snippet that must start TensorFlow itself (logical devices, several workers) says so
with a line `# snippet: own process`; its output is then taken from a fresh interpreter.
"""

import contextlib
import io
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from tests import deprecation_gate, output_updates
from tests.fence_lint import scan
from tests.mkdocs_builds import DOCS, ROOT, SNIPPETS

SNIPPET_FILES = sorted(p.relative_to(SNIPPETS).as_posix() for p in SNIPPETS.rglob("*.py"))
SHOWN_OUTPUTS = [
    (fence, marker.split(":", 1)[1].strip())
    for page in sorted(DOCS.rglob("*.md"))
    for fence in scan(page.relative_to(ROOT))
    for marker in fence.markers
    if marker.startswith("snippet-output:")
]
OWN_PROCESS = "# snippet: own process"


def printed_by(name: str) -> str:
    """What snippets/<name> prints when run as a script."""
    path = SNIPPETS / name
    if OWN_PROCESS in path.read_text(encoding="utf-8").splitlines():
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, str(path)], env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"snippets/{name} failed:\n{done.stderr[-3000:]}"
        return done.stdout
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), deprecation_gate.recorded() as caught:
        runpy.run_path(str(path), run_name="__main__")
    own = deprecation_gate.own_deprecations(caught, lambda filename: Path(filename).is_relative_to(SNIPPETS))
    assert not own, (
        "deprecated API in snippets/"
        + name
        + ":\n"
        + "\n".join(f"{Path(w.filename).relative_to(ROOT)}:{w.lineno}: {w.category.__name__}: {w.message}" for w in own)
    )
    return printed.getvalue()


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
def test_shown_output_is_what_the_snippet_prints(fence, name, request):
    if request.config.getoption("--update-outputs") or request.config.getoption("--record-outputs"):
        return output_updates.record(fence, printed_by(name))
    assert printed_by(name) == fence.body + "\n", f"{fence.where}: the output shown differs from what {name} prints"

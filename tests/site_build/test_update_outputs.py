"""`--update-outputs` rewrites exactly the shown outputs that are wrong, and nothing else."""

import os
import subprocess
import sys

import pytest

from tests.mkdocs_builds import DOCS, ROOT

PAGE = """\
# Outputs in every kind of place

```python
print("top level")
```

<!--pytest-codeblocks:expected-output-->
```text title="Output"
{top}
```

=== "A tab"

    ```python
    for word in ("in", "a", "tab"):
        print(word)
    ```

    <!--pytest-codeblocks:expected-output-->
    ```text title="Output"
{tab}
    ```

!!! note "An admonition"

    ```python
    x = 2
    ```

    <!--pytest-codeblocks:cont-->
    ```python
    print("x is", x, " ")
    ```

    <!--pytest-codeblocks:expected-output-->
    ```text title="Output"
{note}
    ```

```python
print("already right")
```

<!--pytest-codeblocks:expected-output-->
```text title="Output"
already right
```
"""
RIGHT = {"top": "top level", "tab": "    in\n    a\n    tab", "note": "    x is 2  "}  # trailing spaces are output too
WRONG = {"top": "top", "tab": "    in\n\n    tab", "note": "    x is 3"}


def pytest_codeblocks(page, *args):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider", "--codeblocks", str(page), *args],
        cwd=page.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # -p conftest: the repository's root conftest.py
        capture_output=True,
        text=True,
    )


def test_update_rewrites_wrong_outputs_in_tabs_and_admonitions(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE.format(**WRONG))
    assert pytest_codeblocks(page).returncode == 1  # the planted outputs are wrong

    result = pytest_codeblocks(page, "--update-outputs")
    assert result.returncode == 0, result.stdout
    assert page.read_text() == PAGE.format(**RIGHT)
    assert "-top\n+top level" in result.stdout  # it prints what it changed
    assert "+    x is 2  " in result.stdout

    assert pytest_codeblocks(page).returncode == 0
    before = page.stat().st_mtime_ns
    again = pytest_codeblocks(page, "--update-outputs")
    assert "no page changed" in again.stdout
    assert page.stat().st_mtime_ns == before  # nothing changed: the page is not even written


@pytest.mark.tensorflow
def test_update_restores_a_real_page_byte_for_byte(tmp_path):
    original = (DOCS / "basics/tensorflow-and-numpy.md").read_text()
    planted = original.replace("[10  2  3] [1 2 3]\n", "[10  2  3] [1 2 4]\n", 1)
    assert planted != original
    page = tmp_path / "page.md"
    page.write_text(planted)
    result = pytest_codeblocks(page, "--update-outputs")
    assert result.returncode == 0, result.stdout
    assert page.read_text() == original

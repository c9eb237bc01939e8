"""A failing fence names the page, the line on the page and the exception."""

import os
import subprocess
import sys

from tests.mkdocs_builds import ROOT

PAGE = """\
# A page whose second block fails

```python
print("fine")
```

```python
import math

x = 1
math.sqrt(-x)
```
"""


def test_failing_fence_reports_page_line_and_exception(tmp_path):
    (tmp_path / "page.md").write_text(PAGE)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--codeblocks", "-p", "conftest", "page.md"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # -p conftest: the repository's root conftest.py
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1, result.stdout
    assert "page.md:11: math.sqrt(-x)\nValueError: math domain error" in result.stdout, result.stdout

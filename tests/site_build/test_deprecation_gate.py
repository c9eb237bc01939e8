"""A deprecated call in a page's own code fails its fence; one inside a library does not."""

import os
import subprocess
import sys

from tests.mkdocs_builds import ROOT

OLD_LIBRARY = """\
import warnings


def internal():
    warnings.warn("deprecated inside the library", DeprecationWarning)  # points here


def old_api():
    warnings.warn("old_api() is deprecated; use new_api()", DeprecationWarning, stacklevel=2)  # points at the caller
"""
PAGE = """\
# A page

```python
import old_library

old_library.internal()
print("a library's own business")
```

```python
import old_library

x = 1
old_library.old_api()
```

<!--pytest.mark.shows_warning-->
```python
import old_library

old_library.old_api()
```

```python
import warnings

warnings.warn("this API will change", FutureWarning)
```
"""


def test_deprecated_calls_in_page_code_fail_their_fence(tmp_path):
    (tmp_path / "old_library.py").write_text(OLD_LIBRARY)
    (tmp_path / "page.md").write_text(PAGE)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider", "--codeblocks", "-rA", "page.md"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{tmp_path}"},
        capture_output=True,
        text=True,
    )
    out = result.stdout
    assert "2 failed, 2 passed" in out, out
    assert "page.md:14: DeprecationWarning: old_api() is deprecated; use new_api()" in out
    assert "page.md:27: FutureWarning: this API will change" in out
    assert "PASSED page.md::line 3" in out and "PASSED page.md::line 18" in out

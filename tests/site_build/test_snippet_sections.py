"""A fence may include a section of a snippet: the page shows it, and the tests run it in place."""

import os
import subprocess
import sys

from tests.mkdocs_builds import ROOT, build, write_site

SNIPPET = '''\
"""A snippet whose first function a page shows and runs."""

# --8<-- [start:double]
def double(x):
    return 2 * x


# --8<-- [end:double]

if __name__ == "__main__":
    print(double(21))
'''
PAGE = """\
# A page

```python
--8<-- "part/doubling.py:double"
print(double(21))
```

<!--pytest-codeblocks:expected-output-->
```text title="Output"
42
```
"""


def test_a_section_include_runs_in_the_tests(tmp_path):
    (tmp_path / "snippets/part").mkdir(parents=True)
    (tmp_path / "snippets/part/doubling.py").write_text(SNIPPET)
    (tmp_path / "page.md").write_text(PAGE)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider", "--codeblocks", "page.md"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
    )
    assert "1 passed" in result.stdout, result.stdout


def test_a_missing_section_fails_the_build_with_page_and_line(tmp_path):
    config = write_site(tmp_path, {"index.md": '# Home\n\n```python\n--8<-- "basics/float64_inputs.py:nope"\n```\n'})
    result = build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/index.md:4: snippet 'basics/float64_inputs.py' has no section 'nope'" in result.stderr + result.stdout

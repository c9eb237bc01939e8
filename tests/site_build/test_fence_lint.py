"""Every Python fence on the site is collected and run by pytest-codeblocks."""

import pytest

from tests.fence_lint import lint
from tests.mkdocs_builds import DOCS, ROOT, SNIPPETS

PAGES = sorted(DOCS.rglob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_page_fences_are_all_collected(page):
    errors = lint(page.relative_to(ROOT), SNIPPETS)
    assert not errors, "\n".join(errors)


PLANTED = """\
# A page with every kind of fence pytest-codeblocks would not run

```py
print("short name")
```

```python title="example.py"
print("title")
```

~~~python
print("tildes")
~~~

```python
--8<-- "basics/float64_inputs.py"
```

```python
if __name__ == "__main__":
    print("never runs")
```

```bash
rm -rf /
```

<!--pytest.mark.skip-->
```python
print("skipped without a reason")
```

<!--pytest.mark.xfail-->
```python
raise ValueError
```

```python
print("fine")
```

<!--snippet-output: basics/nope.py-->
```text
nothing
```
"""


def test_lint_catches_planted_bad_fences(tmp_path):
    page = tmp_path / "bad.md"
    page.write_text(PLANTED)
    errors = "\n".join(lint(page, SNIPPETS))
    expected = {
        3: "```py fence",
        7: '```python title="example.py" fence',
        11: "~~~python fence",
        15: "--8<-- include runs as Python",
        19: "__name__",
        24: "```bash fences are executed",
        29: "needs a reason=",
        34: "xfail hides failures",
        43: "missing snippet 'basics/nope.py'",
    }
    for line, reason in expected.items():
        assert any(e.startswith(f"{page}:{line}:") and reason in e for e in errors.splitlines()), (
            f"no error for line {line} ({reason}) in:\n{errors}"
        )
    # py, title= and ~~~ are invisible to pytest-codeblocks, so the counts disagree too.
    assert f"{page}: 8 Python fences on the page, but pytest-codeblocks collects 5" in errors


def test_lint_passes_a_clean_page(tmp_path):
    page = tmp_path / "good.md"
    page.write_text(
        '```python\nprint(1)\n```\n\n<!--pytest-codeblocks:expected-output-->\n```text title="Output"\n1\n```\n\n'
        "<!--pytest.mark.keras3-->\n```python\nprint(3)\n```\n\n"
        '<!--pytest.mark.skip(reason="includes snippets/basics/float64_inputs.py")-->\n'
        '```python\n--8<-- "basics/float64_inputs.py"\n```\n\n'
        '<!--snippet-output: basics/float64_inputs.py-->\n```text title="Output"\n...\n```\n\n'
        '=== "Tab"\n\n    ```python\n    x = 1\n    ```\n\n'
        "<!--pytest-codeblocks:cont-->\n```python\nprint(x)\n```\n"
    )
    assert lint(page, SNIPPETS) == []


PLANTED_OUTPUTS = """\
# Shown outputs nothing checks, and old-style Keras conditions

```python
print(1)
```

```text title="Output"
1
```

```console
$ python -c "print(2)"
```

<!--pytest-codeblocks:expected-output-->
```text title="Output"
2
```

<!--pytest.mark.skipif(__import__("os").environ.get("TF_USE_LEGACY_KERAS") == "1", reason="Keras 3 only")-->
```python
print(3)
```

<!--pytest.mark.keras3-->
<!--pytest.mark.keras2-->
```python
print(4)
```

<!--pytest.mark.skip(reason="not ready")-->
```python
print(5)
```

<!--pytest-codeblocks:expected-output-->
```text title="Output"
5
```

```python
print(6)
```

<!--pytest-codeblocks:expected-output-->
```text
6
```
"""


def test_lint_catches_unchecked_outputs_and_raw_keras_conditions(tmp_path):
    page = tmp_path / "outputs.md"
    page.write_text(PLANTED_OUTPUTS)
    errors = lint(page, SNIPPETS)
    expected = {
        7: "an output nothing checks",
        16: "must come right after the ```python fence whose output it shows",
        21: "not a raw TF_USE_LEGACY_KERAS condition",
        27: "marked both keras3 and keras2",
        32: "only a snippet include may be skipped",
        37: "the fence above is skipped, so this output is never checked",
        46: 'open a checked output with exactly ```text title="Output"',
    }
    for line, reason in expected.items():
        assert any(e.startswith(f"{page}:{line}:") and reason in e for e in errors), (
            f"no error for line {line} ({reason}) in:\n" + "\n".join(errors)
        )

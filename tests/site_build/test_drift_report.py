"""make drift's report logic, on the pinned environment with a planted change (nothing installed)."""

import sys

import pytest

from scripts import drift

PAGE = """\
# A page that drifted

```python
print("the same as ever")
```

<!--pytest-codeblocks:expected-output-->
```text title="Output"
the same as ever
```

```python
print("a message TensorFlow has since reworded")
```

<!--pytest-codeblocks:expected-output-->
```text title="Output"
a message TensorFlow used to print
```

```python
import math

math.removed_in_this_version()
```
"""


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    where = tmp_path_factory.mktemp("drift")
    (where / "page.md").write_text(PAGE)
    run = drift.run_suite(sys.executable, ["page.md"], keras2=False, cwd=where)
    return drift.report("planted", {"tensorflow": "0.0.planted"}, {"Keras 3": run}, quiz_pages={}, root=where)


def test_a_changed_output_is_reported_with_a_diff(planted):
    page = planted["runs"]["Keras 3"]["pages"]["page.md"]
    [changed] = page["changed_outputs"]
    assert changed["where"] == "page.md:17"
    assert "-a message TensorFlow used to print\n+a message TensorFlow has since reworded" in changed["diff"]
    assert changed["code"] == 'print("a message TensorFlow has since reworded")'  # the fence that printed it


def test_a_failing_block_is_reported_with_its_error(planted):
    page = planted["runs"]["Keras 3"]["pages"]["page.md"]
    [failure] = page["failures"]
    assert failure["test"] == "page.md::line 21"
    assert "AttributeError: module 'math' has no attribute 'removed_in_this_version'" in failure["error"]
    assert failure["code"] == "import math\n\nmath.removed_in_this_version()"  # the fence, to find it again


def test_counts_and_the_rendered_report(planted):
    assert planted["runs"]["Keras 3"]["counts"] == {"fences passed": 2, "fences failed": 1, "changed outputs": 1}
    text = drift.render(planted)
    assert "| Keras 3 | 2 | 1 | 0 | 0 | 0 | 1 |" in text
    assert "Output changed at page.md:17:" in text and "Fails: `page.md::line 21`" in text


def test_tested_with_page_lists_each_report(planted, tmp_path):
    (tmp_path / "tf-0.0.planted.json").write_text(__import__("json").dumps(planted))
    page = drift.tested_with(tmp_path)
    assert "| 0.0.planted | None | none | " in page and "| 2 of 3 | not run | 1 |" in page
    assert "- `page.md::line 21`" in page and "- `page.md:17`" in page


def test_a_changed_output_is_named_by_chapter_or_by_lab_cell():
    lab = "tests/labs/test_labs.py::test_lab_prints_what_it_shows[lab-1-training-basics]"
    diff = "docs/labs/lab-1.ipynb: cell 1 (c851ecbe): shown:\n...\ndocs/labs/lab-1.ipynb: cell 12 (0a1b2c3d): shown:"
    assert drift._changed_place({"where": lab, "diff": diff}) == "lab `lab-1-training-basics`, cells 1, 12"
    chapter = drift._changed_place({"where": "docs/components/custom-losses.md:309", "diff": ""})
    assert chapter == "[components/custom-losses.md](../components/custom-losses.md)"


def test_pages_without_drift_are_left_out(planted):
    run = {"results": [{"test": "other.md::line 3", "phase": "call", "outcome": "passed", "error": None}]}
    assert drift.summarise(run | {"changed_outputs": []}, quiz_pages={})["pages"] == {}

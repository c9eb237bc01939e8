"""The "Tested with" page is the committed drift reports, and every block that fails or prints
something else under an older TensorFlow has a note next to it on its page."""

import json
import re

import pytest

from quizfence.markdown_fences import scan_fences
from scripts import drift
from tests.mkdocs_builds import ROOT

REPORTS = sorted(drift.REPORTS.glob("*.json"))
PINNED = re.search(r"^tensorflow==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M).group(1)
NOTE = '!!! warning "Needs TensorFlow '
HEADING = re.compile(r"^\s*#{2,} ")


def older(report: dict) -> bool:
    version = report["versions"].get("tensorflow", "")
    return drift._version_key(version) < drift._version_key(PINNED)


def noted_blocks() -> list[tuple[str, str, str]]:
    """(report label, page, fence code) for each block an older TensorFlow fails or changes."""
    found = []
    for path in REPORTS:
        report = json.loads(path.read_text())
        if not older(report):
            continue
        for run in report["runs"].values():
            for page, drifted in run["pages"].items():
                if not page.startswith("docs/") or not page.endswith(".md"):
                    continue  # labs, snippet tests: reported on the Tested with page
                for block in drifted["failures"] + drifted["changed_outputs"]:
                    found.append((report["label"], page, block.get("code")))
    return sorted(set(found))


def test_the_page_is_generated_from_the_reports():
    assert REPORTS, "drift-reports/ holds the committed reports"
    page = (ROOT / "docs/about/tested-with.md").read_text(encoding="utf-8")
    assert page == drift.tested_with(), "docs/about/tested-with.md is stale: run `make tested-with`"


def test_the_reports_cover_the_versions_the_site_promises():
    versions = [json.loads(p.read_text())["versions"]["tensorflow"] for p in REPORTS]
    assert PINNED in versions
    assert any(v.startswith("2.16.") for v in versions), "the first release whose tf.keras is Keras 3"
    assert any("dev" in v for v in versions), "a nightly"
    assert len(versions) >= 4


@pytest.mark.parametrize(("label", "page", "code"), noted_blocks(), ids=lambda v: str(v)[:60])
def test_a_block_an_older_tensorflow_fails_says_so(label, page, code):
    assert code, f"{label}: a drifted block of {page} without its code; re-run `make drift` for it"
    text = (ROOT / page).read_text(encoding="utf-8")
    lines = text.splitlines()
    fences = [f for f in scan_fences(text) if f.source == code]
    assert fences, f"{page}: the block that {label} fails is no longer on the page; re-run `make drift` for it"
    for fence in fences:
        start = fence.line - 1
        while start > 0 and not HEADING.match(lines[start - 1]):
            start -= 1
        section = "\n".join(lines[start : fence.line - 1])
        assert NOTE in section, (
            f"{page}:{fence.line}: fails or prints something else under {label}; "
            f'say so in its section with {NOTE}X.Y or newer"'
        )

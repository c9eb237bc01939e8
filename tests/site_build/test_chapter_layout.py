"""Every chapter opens the same way: its title, then the short answer to its question in the
book's answer box (README, "Adding things")."""

import re

import pytest

from tests.mkdocs_builds import DOCS

CHAPTER_PARTS = ("basics", "components", "custom-training")
CHAPTERS = sorted(p for part in CHAPTER_PARTS for p in (DOCS / part).glob("*.md") if p.name != "index.md")
ANSWER_BOX = re.compile(r'\A# [^\n]+\n\n!!! abstract "In short"\n    \*\*[^\n]+\?\*\*')


@pytest.mark.parametrize("page", CHAPTERS, ids=[p.relative_to(DOCS).as_posix() for p in CHAPTERS])
def test_chapter_opens_with_its_answer_box(page):
    text = page.read_text(encoding="utf-8")
    assert ANSWER_BOX.match(text), (
        f'{page.relative_to(DOCS.parent)}:3: a chapter opens with `!!! abstract "In short"` right under its title, '
        "its first line the question in bold"
    )

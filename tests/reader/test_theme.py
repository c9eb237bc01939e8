"""The theme's partial overrides stay Material's partials plus the marked fix (no browser)."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from tests.mkdocs_builds import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
# Our header comment, and the one Material's generated partials start with.
HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.S)


def patched_partials() -> list[Path]:
    return sorted(p for p in OVERRIDES.rglob("*.html") if "CHANGED" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("override", patched_partials(), ids=lambda p: p.relative_to(OVERRIDES).as_posix())
def test_override_is_materials_partial_plus_the_marked_change(override):
    ours = HEADER.sub("", override.read_text(encoding="utf-8"), 1).splitlines()
    theirs_file = MATERIAL / override.relative_to(OVERRIDES)
    assert theirs_file.is_file(), f"Material no longer has {theirs_file.name}: drop or redo the override"
    theirs = HEADER.sub("", theirs_file.read_text(encoding="utf-8"), 1).splitlines()
    assert len(ours) == len(theirs), f"{override.name}: Material's partial changed; redo the override from it"
    unmarked = [
        f"{n}: {a}" for n, (a, b) in enumerate(zip(ours, theirs, strict=True), 1) if a != b and "CHANGED" not in a
    ]
    assert not unmarked, f"{override.name} differs from Material's outside the CHANGED line(s):\n" + "\n".join(unmarked)
    assert any("CHANGED" in a and a != b for a, b in zip(ours, theirs, strict=True)), (
        f"{override.name}: the marked change is gone"
    )


def test_there_are_patched_partials():
    assert {p.name for p in patched_partials()} >= {"search.html", "nav-item.html"}

"""The committed figures (README, "A figure"), checked without TensorFlow or matplotlib.

tests/figures/test_figure_data.py recomputes each figure's data; here: every declared
figure has its JSON and both SVGs, each SVG was drawn from that JSON, nothing else lies in
docs/assets/figures/, and a page shows each figure in both schemes with alt text.
"""

import re

import pytest

import figures
from tests.mkdocs_builds import DOCS, ROOT

DECLARED = figures.declarations()
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*assets/figures/(?P<file>[^)\s#]+))(?P<fragment>#[\w-]+)?\)")
SHOWN = [
    (page.relative_to(ROOT).as_posix(), m["file"], m["fragment"] or "", m["alt"].strip())
    for page in sorted(DOCS.rglob("*.md"))
    for m in IMAGE.finditer(page.read_text(encoding="utf-8"))
]
ids = [d.name for d in DECLARED]


def test_figures_are_declared_and_files_belong_to_them():
    assert DECLARED, "no FIGURES declared in snippets/: this test would check nothing"
    expected = {f"{d.name}.json" for d in DECLARED} | {d.svg_path(t).name for d in DECLARED for t in figures.THEMES}
    present = {p.name for p in figures.OUTPUT.iterdir()}
    assert not expected - present, f"missing in docs/assets/figures/ (run `make figures`): {sorted(expected - present)}"
    assert not present - expected, f"docs/assets/figures/ holds files no figure declares: {sorted(present - expected)}"


@pytest.mark.parametrize("declaration", DECLARED, ids=ids)
def test_json_names_its_source(declaration):
    assert figures.stored(declaration)["source"] == f"snippets/{declaration.source}"


@pytest.mark.parametrize("declaration", DECLARED, ids=ids)
@pytest.mark.parametrize("theme", figures.THEMES)
def test_svg_is_drawn_from_the_committed_data(declaration, theme):
    expected = figures.digest(figures.stored(declaration)["data"])
    found = figures.svg_digest(declaration.svg_path(theme))
    assert found == expected, (
        f"{declaration.svg_path(theme).relative_to(ROOT)} was drawn from other data than "
        f"{declaration.json_path.relative_to(ROOT)}: run `make figures`"
    )


@pytest.mark.parametrize("declaration", DECLARED, ids=ids)
def test_a_page_shows_it_in_both_schemes_with_alt_text(declaration):
    light = [s for s in SHOWN if s[1] == f"{declaration.name}-light.svg"]
    dark = [s for s in SHOWN if s[1] == f"{declaration.name}-dark.svg"]
    assert light and dark, (
        f"figure {declaration.name!r}: show it as ![alt](.../{declaration.name}-light.svg#only-light) "
        f"and ![alt](.../{declaration.name}-dark.svg#only-dark)"
    )
    for page, file, fragment, alt in light + dark:
        theme = file.removesuffix(".svg").rpartition("-")[2]
        assert fragment == f"#only-{theme}", f"{page}: {file} needs #only-{theme}, or both schemes show it"
        assert len(alt) >= 30, f"{page}: {file} needs alt text that says what the figure shows"
    assert {alt for *_, alt in light} == {alt for *_, alt in dark}, (
        f"figure {declaration.name!r}: give both the same alt text"
    )


def test_pages_show_only_existing_figures():
    missing = [(page, file) for page, file, *_ in SHOWN if not (figures.OUTPUT / file).is_file()]
    assert not missing, f"pages show figures that do not exist: {missing}"

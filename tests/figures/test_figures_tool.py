"""The figure tool itself (figures/), on throwaway snippets: no TensorFlow needed."""

import json
import textwrap

import pytest

import figures

LINE_CHART = """
    def curve():
        return {"x_label": "step", "y_label": "loss", "series": [{"label": "a", "x": [0, 1, 2], "y": [3.0, 1.5, 0.123456789]}]}

    FIGURES = {"demo-curve": curve}
"""
CUSTOM_DRAWING = """
    def bars():
        return {"names": ["eager", "graph"], "seconds": [2.0, 0.5]}

    def draw(ax, data, theme):
        ax.bar(data["names"], data["seconds"], color=theme.colors[0])

    FIGURES = {"demo-bars": (bars, draw)}
"""


def snippets_with(tmp_path, **modules):
    root = tmp_path / "snippets"
    for name, source in modules.items():
        path = root / "part" / f"{name}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source), encoding="utf-8")
    return root


def test_declarations_are_read_without_importing(tmp_path):
    root = snippets_with(tmp_path, curve=LINE_CHART + "    raise RuntimeError('imported')\n", bars=CUSTOM_DRAWING)
    found = figures.declarations(root)
    assert [(d.name, d.source) for d in found] == [("demo-bars", "part/bars.py"), ("demo-curve", "part/curve.py")]


def test_a_name_declared_twice_is_an_error(tmp_path):
    root = snippets_with(tmp_path, one=LINE_CHART, two=LINE_CHART)
    with pytest.raises(ValueError, match="used twice"):
        figures.declarations(root)


def test_figures_must_be_a_literal_dict(tmp_path):
    root = snippets_with(tmp_path, bad="FIGURES = dict(a=1)\n")
    with pytest.raises(ValueError, match="dict literal"):
        figures.declarations(root)


def test_write_stores_rounded_data_and_two_reproducible_svgs(tmp_path):
    root = snippets_with(tmp_path, curve=LINE_CHART)
    [declaration] = figures.declarations(root)
    out = tmp_path / "out"
    paths = figures.write(declaration, root, out)
    assert [p.name for p in paths] == ["demo-curve.json", "demo-curve-light.svg", "demo-curve-dark.svg"]
    record = json.loads(paths[0].read_text())
    assert record["source"] == "snippets/part/curve.py"
    assert record["data"]["series"][0]["y"] == [3.0, 1.5, 0.123457]
    for svg in paths[1:]:
        assert figures.svg_digest(svg) == figures.digest(record["data"])
    light, dark = (p.read_text() for p in paths[1:])
    assert figures.LIGHT.text in light and figures.DARK.text in dark and light != dark
    assert "<dc:date>" not in light, "a date in the SVG would change it on every run"
    figures.write(declaration, root, out)
    assert [p.read_text() for p in paths[1:]] == [light, dark], "drawing the same data twice gave other SVG"


def test_a_custom_drawing_function_is_used(tmp_path):
    root = snippets_with(tmp_path, bars=CUSTOM_DRAWING)
    [declaration] = figures.declarations(root)
    paths = figures.write(declaration, root, tmp_path / "out")
    assert json.loads(paths[0].read_text())["data"] == {"names": ["eager", "graph"], "seconds": [2.0, 0.5]}
    assert figures.LIGHT.colors[0].lower() in paths[1].read_text().lower()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"x_label": "x", "series": [{"label": "a", "x": [1], "y": [1]}]}, "missing 'y_label'"),
        ({"x_label": "x", "y_label": "y", "series": [{"label": "a", "x": [1, 2], "y": [1]}]}, "same length"),
        (
            {"x_label": "x", "y_label": "y", "y_scale": "symlog", "series": [{"label": "a", "x": [1], "y": [1]}]},
            "y_scale",
        ),
        ({"x_label": "x", "y_label": "y", "series": []}, "no series"),
        (
            {"x_label": "x", "y_label": "y", "colour": "red", "series": [{"label": "a", "x": [1], "y": [1]}]},
            "unknown keys",
        ),
    ],
)
def test_a_malformed_line_chart_is_refused(data, problem):
    with pytest.raises(ValueError, match=problem):
        figures.validate(data, "demo")


def test_data_must_be_finite():
    with pytest.raises(ValueError, match="finite"):
        figures.rounded({"y": [1.0, float("inf")]})


def test_differences_tolerate_the_last_bits_but_not_other_numbers():
    stored = {"series": [{"label": "a", "y": [1.0, 2.0, 1e7]}]}
    assert figures.differences(stored, {"series": [{"label": "a", "y": [1.0000001, 2.0, 1.00000001e7]}]}) == []
    changed = figures.differences(stored, {"series": [{"label": "a", "y": [1.0, 2.01, 1e7]}]})
    assert changed == ["data.series[0].y[1]: 2.01 instead of 2.0"]
    assert figures.differences(stored, {"series": [{"label": "b", "y": [1.0, 2.0, 1e7]}]}) == [
        "data.series[0].label: 'b' instead of 'a'"
    ]
    assert figures.differences(stored, {"series": [{"label": "a", "y": [1.0, 2.0]}]}) == [
        "data.series[0].y: 2 values instead of 3"
    ]

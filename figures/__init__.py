"""The book's figures: data computed by code in snippets/, drawn by matplotlib, committed.

A snippet declares its figures at module level, by name, each with the function that
computes its data:

    FIGURES = {"learning-rates": learning_rate_curves}

`make figures` (`python -m figures`) calls each function and writes, under
docs/assets/figures/:

- `<name>.json`: the data as plotted (floats rounded to 6 significant digits), and where
  it comes from;
- `<name>-light.svg` and `<name>-dark.svg`: the same plot drawn for Material's light and
  dark schemes, on a transparent background. Each SVG records the SHA-256 of the data it
  was drawn from.

A page shows both, and Material shows the one that matches the reader's scheme:

    ![alt text](../assets/figures/<name>-light.svg#only-light)
    ![alt text](../assets/figures/<name>-dark.svg#only-dark)

The data a function returns is a line chart by default (see `validate`). For any other
plot, declare `(data_function, draw_function)` instead: `draw_function(ax, data, theme)`
draws on a matplotlib Axes with the colours of `theme` (a `Theme`).

The tests (tests/figures/) recompute every figure's data and compare it with the JSON,
and check that each SVG was drawn from that JSON and is shown with alt text in both
schemes. `make serve` needs none of this: it serves the committed files.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import io
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
OUTPUT = ROOT / "docs" / "assets" / "figures"
THEMES = ("light", "dark")
SIGNIFICANT_DIGITS = 6
RELATIVE_TOLERANCE = 1e-4  # recomputed data may differ in the last bits across CPUs, not more


@dataclass(frozen=True)
class Declaration:
    name: str  # the figure's file name stem, unique across the book
    source: str  # the declaring module, relative to snippets/
    line: int  # the line of its FIGURES entry

    @property
    def json_path(self) -> Path:
        return OUTPUT / f"{self.name}.json"

    def svg_path(self, theme: str) -> Path:
        return OUTPUT / f"{self.name}-{theme}.svg"


@dataclass(frozen=True)
class Theme:
    name: str
    text: str
    grid: str
    colors: tuple[str, ...]
    line_styles: tuple[str, ...] = ("-", "--", ":", "-.")
    markers: tuple[str, ...] = ("o", "s", "^", "D")


# Okabe-Ito colours, chosen per scheme for contrast with Material's page background;
# series also differ in line style and marker, so colour is never the only cue.
LIGHT = Theme("light", text="#212121", grid="#d5d5d5", colors=("#0072B2", "#D55E00", "#009E73", "#CC79A7"))
DARK = Theme("dark", text="#e2e4e9", grid="#4b5060", colors=("#56B4E9", "#E69F00", "#2FBF8F", "#E38FC0"))
THEME = {"light": LIGHT, "dark": DARK}


def declarations(snippets: Path = SNIPPETS) -> list[Declaration]:
    """Every figure declared by a module-level `FIGURES = {...}` in snippets/, read without importing."""
    found = []
    for path in sorted(snippets.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in tree.body:
            if not (isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "FIGURES" for t in node.targets)):
                continue
            where = f"{path.relative_to(snippets.parent)}:{node.lineno}"
            if not isinstance(node.value, ast.Dict):
                raise ValueError(f"{where}: FIGURES must be a dict literal of figure name to function")
            for key in node.value.keys:
                if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                    raise ValueError(f"{where}: FIGURES keys must be string literals (the figure names)")
                found.append(Declaration(key.value, path.relative_to(snippets).as_posix(), key.lineno))
    names = [d.name for d in found]
    if duplicates := sorted({n for n in names if names.count(n) > 1}):
        raise ValueError(f"figure names used twice: {duplicates}")
    return found


def import_module(source: str, snippets: Path = SNIPPETS):
    """snippets/<source> as a module (without running its __main__ block), imported once."""
    module_name = "snippet_" + source.removesuffix(".py").replace("/", "_")  # as tests/snippets names it
    path = snippets / source
    cached = sys.modules.get(module_name)
    if cached is not None and Path(cached.__file__) == path:
        return cached
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def functions(declaration: Declaration, snippets: Path = SNIPPETS):
    """(data_function, draw_function or None) of a declared figure."""
    entry = import_module(declaration.source, snippets).FIGURES[declaration.name]
    return tuple(entry) if isinstance(entry, tuple) else (entry, None)


def compute(declaration: Declaration, snippets: Path = SNIPPETS) -> dict:
    """The figure's data as the code computes it now, rounded as it is stored."""
    data_function, draw_function = functions(declaration, snippets)
    data = rounded(data_function())
    if draw_function is None:
        validate(data, declaration.name)
    return data


def rounded(value):
    """Floats to SIGNIFICANT_DIGITS significant digits, recursively; JSON has no NaN or infinity."""
    if isinstance(value, dict):
        return {str(k): rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(v) for v in value]
    if hasattr(value, "tolist"):  # NumPy arrays and scalars, eager tensors through .numpy()
        return rounded(value.tolist())
    if hasattr(value, "numpy"):
        return rounded(value.numpy())
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"figure data must be finite, got {value}: stop a diverging curve earlier")
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    return value


def validate(data: dict, name: str) -> None:
    """A line chart: {"x_label", "y_label", "series": [{"label", "x", "y"}, ...]} and, optionally,
    "title", "legend_title", "x_scale" and "y_scale" ("linear" or "log")."""
    problems = []
    for key in ("x_label", "y_label", "series"):
        if key not in data:
            problems.append(f"missing {key!r}")
    if unknown := set(data) - {"x_label", "y_label", "series", "title", "legend_title", "x_scale", "y_scale"}:
        problems.append(f"unknown keys {sorted(unknown)}")
    for key in ("x_scale", "y_scale"):
        if data.get(key, "linear") not in ("linear", "log"):
            problems.append(f"{key} must be 'linear' or 'log'")
    for i, series in enumerate(data.get("series", [])):
        if set(series) != {"label", "x", "y"}:
            problems.append(f"series {i} needs exactly 'label', 'x' and 'y'")
        elif len(series["x"]) != len(series["y"]) or not series["x"]:
            problems.append(f"series {i}: x and y must be non-empty and of the same length")
    if not data.get("series"):
        problems.append("no series")
    if problems:
        raise ValueError(f"figure {name!r}: " + "; ".join(problems))


def digest(data: dict) -> str:
    """SHA-256 of the data in canonical JSON: what each SVG records it was drawn from."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def stored(declaration: Declaration) -> dict:
    """What docs/assets/figures/<name>.json holds: {"source": "snippets/...", "data": {...}}."""
    return json.loads(declaration.json_path.read_text(encoding="utf-8"))


def draw_lines(ax, data: dict, theme: Theme) -> None:
    for i, series in enumerate(data["series"]):
        ax.plot(
            series["x"],
            series["y"],
            label=series["label"],
            color=theme.colors[i % len(theme.colors)],
            linestyle=theme.line_styles[i % len(theme.line_styles)],
            marker=theme.markers[i % len(theme.markers)],
            markevery=max(1, len(series["x"]) // 8),
            markersize=5,
            linewidth=2,
        )
    ax.set_xlabel(data["x_label"])
    ax.set_ylabel(data["y_label"])
    ax.set_xscale(data.get("x_scale", "linear"))
    ax.set_yscale(data.get("y_scale", "linear"))
    if data.get("title"):
        ax.set_title(data["title"])
    legend = ax.legend(frameon=False, title=data.get("legend_title"), alignment="left")
    for text in [*legend.get_texts(), legend.get_title()]:
        text.set_color(theme.text)


def svg(name: str, data: dict, theme: Theme, draw_function=None) -> str:
    """The figure drawn for one scheme, as reproducible SVG text."""
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    style = {
        "svg.hashsalt": name,  # element ids stay the same from one run to the next
        "svg.fonttype": "path",  # text as outlines: the same look whatever fonts a reader has
        "font.size": 11,
        "text.color": theme.text,
        "axes.labelcolor": theme.text,
        "axes.edgecolor": theme.text,
        "xtick.color": theme.text,
        "ytick.color": theme.text,
        "grid.color": theme.grid,
        "axes.grid": True,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with plt.rc_context(style):
        fig, ax = plt.subplots(figsize=(7, 3.8), layout="constrained")
        try:
            (draw_function or draw_lines)(ax, data, theme)
            out = io.StringIO()
            fig.savefig(
                out,
                format="svg",
                transparent=True,  # the page's own background shows through
                metadata={"Date": None, "Creator": None, "Title": name, "Description": digest(data)},
            )
        finally:
            plt.close(fig)
    return out.getvalue()


def svg_digest(path: Path) -> str | None:
    """The data digest an SVG says it was drawn from (its <dc:description>)."""
    text = path.read_text(encoding="utf-8")
    start = text.find("<dc:description>")
    if start < 0:
        return None
    return text[start + len("<dc:description>") : text.index("</dc:description>", start)].strip()


def write(declaration: Declaration, snippets: Path = SNIPPETS, output: Path = OUTPUT) -> list[Path]:
    """Recompute one figure and write its JSON and both SVGs; returns the paths written."""
    data = compute(declaration, snippets)
    _, draw_function = functions(declaration, snippets)
    output.mkdir(parents=True, exist_ok=True)
    record = {"source": f"snippets/{declaration.source}", "data": data}
    paths = [output / f"{declaration.name}.json"]
    paths[0].write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    for theme in THEMES:
        path = output / f"{declaration.name}-{theme}.svg"
        path.write_text(svg(declaration.name, data, THEME[theme], draw_function), encoding="utf-8")
        paths.append(path)
    return paths


def differences(expected, actual, where: str = "data") -> list[str]:
    """Where two data trees differ: structure exactly, floats within RELATIVE_TOLERANCE."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        if set(expected) != set(actual):
            return [f"{where}: keys {sorted(actual)} instead of {sorted(expected)}"]
        return [d for k in expected for d in differences(expected[k], actual[k], f"{where}.{k}")]
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{where}: {len(actual)} values instead of {len(expected)}"]
        return [
            d for i, (e, a) in enumerate(zip(expected, actual, strict=True)) for d in differences(e, a, f"{where}[{i}]")
        ]
    if isinstance(expected, int | float) and isinstance(actual, int | float) and not isinstance(expected, bool):
        if math.isclose(expected, actual, rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-9):
            return []
        return [f"{where}: {actual} instead of {expected}"]
    return [] if expected == actual else [f"{where}: {actual!r} instead of {expected!r}"]

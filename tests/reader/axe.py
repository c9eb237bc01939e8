"""axe-core, as the axe-playwright-python wheel ships it, run locally (no network).

Rules: WCAG 2.0 and 2.1, levels A and AA, plus axe's best practices (landmark-unique
and friends). Every rule is on; DISABLED lists any rule switched off, with the reason,
and the README repeats that list.
"""

from __future__ import annotations

from importlib.resources import files

AXE_SOURCE = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
DISABLED: dict[str, str] = {}


def version() -> str:
    return AXE_SOURCE.split("axe v", 1)[1].split()[0]


# Let transitions end first (a quiz's feedback fades in): mid-fade text has a lower contrast
# than a reader sees a moment later. Endless animations are not waited for.
SETTLE = """() => Promise.all(document.getAnimations()
  .filter(a => Number.isFinite(a.effect && a.effect.getComputedTiming().endTime))
  .map(a => a.finished.catch(() => null)))"""


def run(page) -> list[dict]:
    """The violations axe finds on the page as it is now, once its animations have ended."""
    page.evaluate(SETTLE)
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    options = {
        "runOnly": {"type": "tag", "values": TAGS},
        "resultTypes": ["violations"],
        "rules": {rule: {"enabled": False} for rule in DISABLED},
    }
    return page.evaluate("options => axe.run(document, options).then(r => r.violations)", options)


def node_count(violations: list[dict]) -> int:
    return sum(len(v["nodes"]) for v in violations)


def describe(violations: list[dict], nodes: int = 3) -> str:
    """One paragraph per rule: id, impact, help, how many elements, and the first few."""
    out = []
    for v in violations:
        out.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])} elements): {v['help']}")
        for n in v["nodes"][:nodes]:
            summary = " ".join(n.get("failureSummary", "").split())
            out.append(f"    {' '.join(map(str, n['target']))}: {summary[:300]}")
    return "\n".join(out)

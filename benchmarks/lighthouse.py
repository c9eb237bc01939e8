"""Lighthouse (npm, benchmarks/lighthouse/, pinned) against Debian's Chromium, on pages
served gzipped from 127.0.0.1 as GitHub Pages serves them. Mobile emulation and
simulated throttling, Lighthouse's defaults; the median of several runs per page."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from tests.chromium import ARGS, CHROMIUM

HERE = Path(__file__).resolve().parent / "lighthouse"
BINARY = HERE / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"]


def unavailable() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not shutil.which("node"):
        return "node is not installed"
    if not BINARY.exists():
        return f"{BINARY.relative_to(HERE.parent.parent)} is missing: run `make bench` (npm ci in {HERE.name}/)"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing"
    return None


def _run_once(url: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "report.json")
        proc = subprocess.run(
            [
                str(BINARY),
                url,
                "--output=json",
                f"--output-path={out}",
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless=new " + " ".join(ARGS),
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if proc.returncode or not out.exists():
            raise RuntimeError(f"lighthouse failed ({proc.returncode}): {proc.stderr[-1500:]}")
        report = json.loads(out.read_text())
    scores = {c: round(100 * report["categories"][c]["score"]) for c in CATEGORIES}
    metrics = {m: report["audits"][m].get("displayValue", "") for m in METRICS}
    failing = sorted(
        f"{cat}: {ref['id']}"
        for cat in CATEGORIES
        for ref in report["categories"][cat]["auditRefs"]
        if ref.get("weight", 0) > 0
        and (report["audits"][ref["id"]].get("score") or 0) < 1
        and cat != "performance"
        and report["audits"][ref["id"]].get("scoreDisplayMode") not in ("notApplicable", "manual", "informative")
    )
    return {"scores": scores, "metrics": metrics, "failing": failing}


def run(url: str, runs: int = 3) -> dict:
    """The run with the median performance score, and every run's scores."""
    results = [_run_once(url) for _ in range(runs)]
    ranked = sorted(results, key=lambda r: r["scores"]["performance"])
    median = ranked[len(ranked) // 2]
    return {
        **median,
        "runs": runs,
        "performance_runs": [r["scores"]["performance"] for r in results],
        "performance_median": statistics.median(r["scores"]["performance"] for r in results),
    }

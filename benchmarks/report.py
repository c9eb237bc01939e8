"""`make bench`: measure, write bench-report/report.md and report.json, print the Markdown.

Numbers, not pass/fail: each target is reported as met or missed, never asserted.
`--skip notebooks,lighthouse,serve` leaves out the slowest measurements.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.pop("TF_USE_LEGACY_KERAS", None)  # Keras 3 throughout, also for the notebook kernels
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from benchmarks import fences, lighthouse, site  # noqa: E402
from tests import chromium  # noqa: E402
from tests.mkdocs_builds import DOCS, ROOT, build, write_site  # noqa: E402
from tests.reader.conftest import notebook_globs, page_sources, url_path  # noqa: E402
from tests.reader.sampler.notebook import notebook_json  # noqa: E402
from tests.static_server import serve  # noqa: E402

OUT = ROOT / "bench-report"
PREFIX = "/tf-custom-training/"
TARGETS = {
    "overhead": 1.2,  # run / (import + sum)
    "build_s": 20,
    "chapter_kb": 150,  # gzipped, without the search index
    "lighthouse": {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100},
}


def machine() -> dict:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    return {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "commit": commit.strip() + (" (with uncommitted changes)" if dirty.strip() else ""),
        "cpus": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
    }


def built_sites(tmp: Path) -> dict:
    """The book, and a sampler with one notebook page (for the lab row while the book has
    none), built like the Pages workflow builds (SITE_URL under the sub-path), served gzipped."""
    sites = {}
    for name in ("book", "sampler"):
        server, url = serve(tmp / name, PREFIX, gzip=True)
        sites[name] = {"dir": tmp / name, "url": url, "server": server}
    config = write_site(
        tmp / "sampler-src",
        {"index.md": "# Sampler\n", "notebook.ipynb": notebook_json()},
        assets=True,
        site_url=sites["sampler"]["url"],
    )
    for name, proc in {
        "book": build(ROOT / "mkdocs.yml", sites["book"]["dir"], wait=False, SITE_URL=sites["book"]["url"]),
        "sampler": build(config, sites["sampler"]["dir"], wait=False),
    }.items():
        log = proc.communicate()[0]
        if proc.returncode:
            sys.exit(f"{name} build failed:\n{log}")
    return sites


def measure(skip: set[str]) -> dict:
    data: dict = {"machine": machine()}
    print("TensorFlow import ...", file=sys.stderr)
    data["import"] = fences.tensorflow_import()
    print("code blocks, one process ...", file=sys.stderr)
    data["codeblocks"] = fences.codeblock_run()
    if "notebooks" not in skip:
        print("code blocks, one kernel per page ...", file=sys.stderr)
        data["notebooks"] = fences.notebook_per_page()
    print("mkdocs build ...", file=sys.stderr)
    data["build"] = site.build_times()
    with tempfile.TemporaryDirectory() as tmp:
        sites = built_sites(Path(tmp))
        notebooks = {url_path(src) for src in page_sources(DOCS, notebook_globs()) if not src.endswith(".md")}
        types = {kind: ("book", path) for kind, path in site.page_types(sites["book"]["dir"], notebooks).items()}
        if "lab" not in types:
            types["lab"] = ("sampler", "notebook/")
            data["lab_note"] = "the book has no notebook page yet: the lab row is the sampler's notebook page"
        if "serve" not in skip:
            print("mkdocs serve rebuild ...", file=sys.stderr)
            chapter = types.get("chapter", types["quiz-heavy"])[1]
            data["serve"] = site.serve_rebuild(chapter.removesuffix("/") + ".md")
        print("page weight ...", file=sys.stderr)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = chromium.launch(p)
            data["weight"] = {
                kind: site.page_weight(browser, sites[s]["dir"], sites[s]["url"], path) | {"site": s}
                for kind, (s, path) in types.items()
            }
            browser.close()
        if "lighthouse" in skip:
            data["lighthouse"] = {"skipped": "--skip lighthouse"}
        elif reason := lighthouse.unavailable():
            data["lighthouse"] = {"unavailable": reason}
        else:
            data["lighthouse"] = {}
            for kind, (s, path) in types.items():
                print(f"lighthouse: {kind} ...", file=sys.stderr)
                try:
                    data["lighthouse"][kind] = lighthouse.run(sites[s]["url"] + path) | {"path": path}
                except (RuntimeError, subprocess.TimeoutExpired) as e:
                    data["lighthouse"][kind] = {"error": str(e)}
        for s in sites.values():
            s["server"].shutdown()
    data["machine"]["load_average_at_end"] = os.getloadavg()
    return data


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def markdown(d: dict) -> str:
    m, imp, cb = d["machine"], d["import"], d["codeblocks"]
    load = lambda xs: ", ".join(f"{x:.1f}" for x in xs)  # noqa: E731
    outcomes = ", ".join(f"{v} {k}" for k, v in cb["outcomes"].items())
    lines = [
        "# Benchmark report",
        "",
        f"{m['date']}, commit {m['commit']}, {m['cpus']} CPUs, Python {m['python']}; "
        f"load average {load(m['load_average_at_start'])} at the start, {load(m['load_average_at_end'])} at the end.",
        "",
        "## Code blocks (Keras 3, every fence in docs/)",
        "",
        "| measure | seconds |",
        "|---|---:|",
        f"| `import tensorflow` (fresh interpreter, median of {imp['runs']}) | {imp['tensorflow_s']:.2f} |",
        f"| then the first use of `tf.keras` (lazily imported) | {imp['keras_s']:.2f} |",
        f"| sum of the run times of {cb['blocks']} blocks ({outcomes}) | {cb['sum_s']:.2f} |",
        f"| wall time of `pytest --codeblocks docs` (one process) | {cb['wall_s']:.2f} |",
        f"| **harness overhead**: wall / (import {cb['import_s']:.2f} + sum) | **{cb['overhead_ratio']:.2f}** (target <= {TARGETS['overhead']}) |",
        f"| a bare `python -c 'import tensorflow'`, start to exit | {imp['process_s']:.2f} |",
        f"| what pytest adds: wall - (bare process + sum) | {cb['wall_s'] - imp['process_s'] - cb['sum_s']:.2f} |",
    ]
    if nb := d.get("notebooks"):
        ratio = nb["wall_s"] / cb["wall_s"]
        errors = f"; cells raising in a shared namespace: {nb['cells_with_errors']}" if nb["cells_with_errors"] else ""
        lines += [
            f"| the same fences as {nb['pages']} notebooks, one fresh kernel per page (nbclient), in sequence | {nb['wall_s']:.2f} |",
            f"| **notebook-per-page / one process** | **{ratio:.2f}** |",
        ]
        per_page = ", ".join(f"{k.removeprefix('docs/')} {v:.1f}" for k, v in nb["per_page"].items())
        lines += ["", f"Notebook run per page (s): {per_page}{errors}."]
    slowest = ", ".join(f"{p.removeprefix('docs/')} {s:.1f}" for p, s in cb["slowest_pages"])
    lines += ["", f"Slowest pages in the one-process run (s): {slowest}."]
    b = d["build"]
    lines += ["", "## Build", "", "| measure | seconds |", "|---|---:|"]
    lines.append(
        f"| `mkdocs build --strict` (median of {b['runs']}, min {b['min_s']:.2f}) | {b['median_s']:.2f} (target < {TARGETS['build_s']}) |"
    )
    if s := d.get("serve"):
        if "error" in s:
            lines.append(f"| `mkdocs serve`: one-line edit until served | {s['error']} |")
        else:
            lines.append(
                f"| `mkdocs serve`: one-line edit of `{s['page']}` until the page serves it (median of {s['runs']}, max {s['max_s']:.2f}) | {s['median_s']:.2f} |"
            )
    lines += [
        "",
        "## Page weight (gzipped, as GitHub Pages serves it; every file the page fetches, in kB)",
        "",
        "| page type | page | HTML | CSS | JS | images | other | **total without search** | search index + worker |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, w in d["weight"].items():
        by = w["bytes"]
        page = ("sampler: " if w["site"] == "sampler" else "") + "/" + w["path"]
        lines.append(
            f"| {kind} | {page} | {kb(by['html'])} | {kb(by['css'])} | {kb(by['js'])} | {kb(by['images'])} | {kb(by['other'])} "
            f"| **{kb(by['total_without_search'])}** | {kb(by['search'])} |"
        )
    if note := d.get("lab_note"):
        lines += ["", f"Note: {note}."]
    lh = d["lighthouse"]
    lines += ["", "## Lighthouse (mobile, simulated throttling; served gzipped)", ""]
    if "unavailable" in lh or "skipped" in lh:
        lines.append(f"Not run: {lh.get('unavailable') or lh.get('skipped')}.")
    else:
        lines += [
            "| page type | performance (median; runs) | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for kind, r in lh.items():
            if "error" in r:
                lines.append(f"| {kind} | {r['error'][:200]} | | | | | | | |")
                continue
            sc, mt = r["scores"], r["metrics"]
            runs = ", ".join(map(str, r["performance_runs"]))
            lines.append(
                f"| {kind} | {sc['performance']} ({runs}) | {sc['accessibility']} "
                f"| {sc['best-practices']} | {sc['seo']} | " + " | ".join(mt[k] for k in lighthouse.METRICS) + " |"
            )
        failing = sorted({f for r in lh.values() for f in r.get("failing", [])})
        if failing:
            lines += ["", "Failing audits outside performance: " + ", ".join(failing) + "."]
    lines += ["", "## Targets", "", "| target | measured | |", "|---|---|---|"]
    lines.append(
        f"| harness overhead <= {TARGETS['overhead']} | {cb['overhead_ratio']:.2f} | {verdict(cb['overhead_ratio'] <= TARGETS['overhead'])} |"
    )
    lines.append(
        f"| `mkdocs build` < {TARGETS['build_s']} s | {b['median_s']:.1f} s | {verdict(b['median_s'] < TARGETS['build_s'])} |"
    )
    if "chapter" in d["weight"]:
        ch = d["weight"]["chapter"]["bytes"]["total_without_search"]
        lines.append(
            f"| chapter page < {TARGETS['chapter_kb']} kB gzipped, search index excluded | {kb(ch)} kB | {verdict(ch < TARGETS['chapter_kb'] * 1000)} |"
        )
    if not ({"unavailable", "skipped"} & set(lh)):
        for kind, r in lh.items():
            if "scores" not in r:
                lines.append(f"| Lighthouse, {kind} | failed to run | **missed** |")
                continue
            short = [f"{c} {r['scores'][c]}" for c in TARGETS["lighthouse"]]
            ok = all(r["scores"][c] >= t for c, t in TARGETS["lighthouse"].items())
            lines.append(
                f"| Lighthouse {kind}: 100 / 100 / 100, performance >= 95 | {', '.join(short)} | {verdict(ok)} |"
            )
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip", default="", help="comma-separated: notebooks, lighthouse, serve")
    args = parser.parse_args()
    start = time.perf_counter()
    data = measure(set(filter(None, args.skip.split(","))))
    data["bench_seconds"] = time.perf_counter() - start
    OUT.mkdir(exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")
    text = markdown(data)
    (OUT / "report.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"(written to {OUT.relative_to(ROOT)}/report.md and report.json in {data['bench_seconds']:.0f} s)")


if __name__ == "__main__":
    main()

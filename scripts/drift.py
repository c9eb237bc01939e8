"""`make drift`: run the site's code under another TensorFlow and report what changed.

    python scripts/drift.py run --tf 2.16.2 [--keras 3.3.3] [--tf-keras 2.16.0]
    python scripts/drift.py run --tf nightly          # tf-nightly, keras-nightly, tf-keras-nightly
    python scripts/drift.py run --tf pinned           # the project's own .venv, for comparison
    python scripts/drift.py tested-with               # docs/about/tested-with.md from drift-reports/

`run` makes (or reuses) an environment in .drift/tf-<version>/, never touching .venv, and
runs there what `make test` runs of the site's code: under Keras 3 every fence in docs/,
every snippet test, every lab test and every quiz answer key; under Keras 2 (tf-keras)
every fence and snippet test. It never fails on drift; it writes drift-reports/<label>.json
and .md, listing per page the blocks that now fail (with the error), the shown outputs that
changed (with a diff) and the deprecations the site's own code now triggers.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
import venv
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENVS = ROOT / ".drift"
REPORTS = ROOT / "drift-reports"
TESTED_WITH = ROOT / "docs/about/tested-with.md"
# The tests that run the site's code (the site-building ones need MkDocs, which is not installed).
KERAS3_PATHS = ["docs", "tests/snippets", "tests/labs/test_labs.py", "tests/quiz/test_answer_keys.py"]
KERAS2_PATHS = ["docs", "tests/snippets"]
# The test tools stay at the project's pins; the libraries the code imports are resolved
# against the TensorFlow under test (an older TensorFlow needs an older NumPy).
TEST_TOOLS = ["pytest==9.2.0", "pytest-codeblocks==0.18.0", "PyYAML==6.0.3"]
LIBRARIES = ["scikit-learn", "tensorflow-datasets", "matplotlib", "nbclient", "nbformat", "ipykernel", "jupytext"]
WARNING_MARKS = ("deprecated API", "calls a deprecated API")
OUTPUT_MARKS = ("the output shown differs", "The outputs shown are not what the lab prints")  # compared by the test
VERSIONS = (
    "import json, sys, numpy, tensorflow as tf, keras\n"
    "try:\n    import tf_keras; tfk = tf_keras.__version__\nexcept ImportError:\n    tfk = None\n"
    "print(json.dumps({'python': sys.version.split()[0], 'tensorflow': tf.__version__, 'keras': keras.__version__,"
    " 'tf_keras': tfk, 'numpy': numpy.__version__}))"
)


# --- environments ----------------------------------------------------------------------------


def packages(tf: str, keras: str | None, tf_keras: str | None) -> list[str]:
    if tf == "nightly":
        return ["tf-nightly", "keras-nightly", "tf-keras-nightly"]
    minor = ".".join(tf.split(".")[:2])
    found = [
        f"tensorflow=={tf}",
        f"keras=={keras}" if keras else "keras",
        f"tf-keras=={tf_keras}" if tf_keras else f"tf-keras=={minor}.*",
    ]
    if _version_key(minor) < _version_key("2.20"):
        # TensorFlow 2.19 and older cap protobuf below 6, but pip still picks the newest
        # tensorflow-metadata (a TensorFlow Datasets dependency), generated for protobuf 6:
        # tfds.testing then fails to import. 1.17 is generated for protobuf 4.25.
        found.append("tensorflow-metadata<1.18")
    return found


def environment(tf: str, keras: str | None, tf_keras: str | None) -> Path:
    """The Python of .drift/tf-<tf>/, installed once per set of requested packages."""
    if tf == "pinned":
        return ROOT / ".venv/bin/python"
    where = ENVS / f"tf-{tf}"
    wanted = packages(tf, keras, tf_keras) + TEST_TOOLS + LIBRARIES
    stamp = where / "installed.json"
    if not (stamp.is_file() and json.loads(stamp.read_text()) == wanted):
        print(f"setting up {where.relative_to(ROOT)}: {' '.join(wanted[:3])}", flush=True)
        venv.create(where, with_pip=True, clear=True)
        pip = [str(where / "bin/python"), "-m", "pip", "--disable-pip-version-check", "--quiet", "install"]
        subprocess.run([*pip, *wanted], check=True)
        subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)  # quizfence, for the answer keys
        stamp.write_text(json.dumps(wanted))
    return where / "bin/python"


def versions(python: Path) -> dict:
    out = subprocess.run([str(python), "-c", VERSIONS], capture_output=True, text=True, env=_env(keras2=False))
    return json.loads(out.stdout.strip().splitlines()[-1]) if out.returncode == 0 else {"error": out.stderr[-500:]}


def _env(keras2: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    env |= {"TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONDONTWRITEBYTECODE": "1", "NO_MKDOCS_2_WARNING": "1"}
    if keras2:
        env["TF_USE_LEGACY_KERAS"] = "1"
    return env


# --- one run -----------------------------------------------------------------------------


def run_suite(python: Path, paths: list[str], keras2: bool, cwd: Path = ROOT) -> dict:
    """Run pytest on `paths` with the drift recorder; returns what it recorded."""
    paths = [p for p in paths if (cwd / p).exists()]
    with tempfile.TemporaryDirectory() as tmp:
        record = Path(tmp) / "run.json"
        args = [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.drift_recorder"]
        if cwd != ROOT:  # outside the project (the drift tests): load its root conftest by name
            args += ["-p", "conftest"]
        args += ["--codeblocks", "--record-outputs", f"--drift-json={record}", *paths]
        env = _env(keras2) | {"PYTHONPATH": str(ROOT)}
        done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
        if not record.is_file():
            return {"crashed": (done.stdout + done.stderr)[-3000:], "results": [], "changed_outputs": []}
        return json.loads(record.read_text())


def page_of(test_id: str, quiz_pages: dict[str, str]) -> str:
    """The page or file a test belongs to: a fence's page, a quiz answer key's page, a test file."""
    path = test_id.split("::", 1)[0]
    m = re.search(r"test_answer_key\[([^\]]+)\]", test_id)
    if m and m.group(1) in quiz_pages:
        return quiz_pages[m.group(1)]
    return path


def summarise(run: dict, quiz_pages: dict[str, str]) -> dict:
    """Counts, and per page: failures, deprecation warnings and changed outputs."""
    pages: dict[str, dict] = defaultdict(lambda: {"failures": [], "warnings": [], "changed_outputs": []})
    counts = defaultdict(int)
    for r in run["results"]:
        kind = "fences" if "::line " in r["test"] else "tests"
        error = r["error"] or ""
        where = page_of(r["test"], quiz_pages)
        if r["outcome"] == "failed" and any(mark in error for mark in OUTPUT_MARKS):
            # a test that compares a shown output itself: it ran, and its output changed
            pages[where]["changed_outputs"].append({"where": r["test"], "diff": _last_lines(error, 12)})
            counts[f"{kind} passed"] += 1
            counts["changed outputs"] += 1
            continue
        counts[f"{kind} {r['outcome']}"] += 1
        if r["outcome"] == "failed":
            bucket = "warnings" if any(mark in error for mark in WARNING_MARKS) else "failures"
            pages[where][bucket].append({"test": r["test"], "error": _last_lines(error)})
    for c in run["changed_outputs"]:
        diff = "".join(
            difflib.unified_diff(c["shown"].splitlines(True), c["printed"].splitlines(True), "shown", "printed")
        )
        pages[c["where"].rsplit(":", 1)[0]]["changed_outputs"].append({"where": c["where"], "diff": diff})
    counts["changed outputs"] += len(run["changed_outputs"])
    if "crashed" in run:
        counts["crashed"] = 1
        pages["(the test run)"]["failures"].append({"test": "pytest", "error": run["crashed"]})
    return {"counts": dict(counts), "pages": dict(sorted(pages.items()))}


def _last_lines(error: str | None, n: int = 6) -> str:
    lines = [line for line in (error or "").splitlines() if line.strip()]
    return "\n".join(lines[-n:])


def report(label: str, found: dict, runs: dict[str, dict], quiz_pages: dict[str, str], root: Path = ROOT) -> dict:
    rep = {
        "label": label,
        "date": next((r["finished"] for r in runs.values() if "finished" in r), None),
        "versions": found,
        "runs": {name: summarise(run, quiz_pages) for name, run in runs.items()},
    }
    for run in rep["runs"].values():  # a fence is known by its code, which outlives line numbers
        for page in run["pages"].values():
            for failure in page["failures"]:
                failure["code"] = fence_code(failure["test"], root)
            for change in page["changed_outputs"]:
                change["code"] = output_owner_code(change["where"], root)
    return rep


def output_owner_code(where: str, root: Path) -> str | None:
    """The source of the fence whose output is shown at `page.md:LINE` (the code fence, or
    the snippet include, right before that output fence)."""
    m = re.fullmatch(r"(.+\.md):(\d+)", where)
    if not m or not (root / m[1]).is_file():
        return None
    sys.path.insert(0, str(ROOT))
    from quizfence.markdown_fences import scan_fences

    before = [f for f in scan_fences((root / m[1]).read_text(encoding="utf-8")) if f.line < int(m[2])]
    return before[-1].source if before else None


def fence_code(test_id: str, root: Path) -> str | None:
    """The source of the fence a pytest-codeblocks test id (`docs/page.md::line N`) names."""
    m = re.fullmatch(r"(.+\.md)::line (\d+)", test_id)
    if not m or not (root / m[1]).is_file():
        return None
    sys.path.insert(0, str(ROOT))
    from quizfence.markdown_fences import scan_fences

    fences = {f.line: f.source for f in scan_fences((root / m[1]).read_text(encoding="utf-8"))}
    return fences.get(int(m[2]))


# --- reports -------------------------------------------------------------------------------


def render(rep: dict) -> str:
    v = rep["versions"]
    out = [
        f"# Drift report: {rep['label']}",
        "",
        f"Run on {rep['date']} with TensorFlow {v.get('tensorflow')}, Keras {v.get('keras')}, "
        f"tf-keras {v.get('tf_keras')}, NumPy {v.get('numpy')}, Python {v.get('python')}.",
        "",
        "| run | fences passed | fences failed | fences skipped | other tests passed | failed | changed outputs |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, run in rep["runs"].items():
        c = run["counts"]
        out.append(
            f"| {name} | {c.get('fences passed', 0)} | {c.get('fences failed', 0)} | {c.get('fences skipped', 0)} "
            f"| {c.get('tests passed', 0)} | {c.get('tests failed', 0)} | {c.get('changed outputs', 0)} |"
        )
    for name, run in rep["runs"].items():
        for page, found in run["pages"].items():
            out += ["", f"## {name}: {page}"]
            for f in found["failures"]:
                out += ["", f"Fails: `{f['test']}`", "", "```text", f["error"], "```"]
            for w in found["warnings"]:
                out += ["", f"Deprecation: `{w['test']}`", "", "```text", w["error"], "```"]
            for c in found["changed_outputs"]:
                out += ["", f"Output changed at {c['where']}:", "", "```diff", c["diff"].rstrip(), "```"]
    if not any(run["pages"] for run in rep["runs"].values()):
        out += ["", "No drift: every block passes and prints what the pages show."]
    return "\n".join(out) + "\n"


def tested_with(reports_dir: Path = REPORTS) -> str:
    """The "Tested with" page, from the committed reports, newest TensorFlow first."""
    reps = [json.loads(p.read_text()) for p in sorted(reports_dir.glob("*.json"))]
    reps.sort(key=lambda r: _version_key(r["versions"].get("tensorflow", "")), reverse=True)
    out = [
        "# Tested with",
        "",
        "<!-- Generated by `make tested-with` from drift-reports/*.json: edit those, not this page. -->",
        "",
        "Every code block on this site runs in CI under the TensorFlow the project pins. The",
        "table says how the same blocks fared under other versions, the last time the project's",
        "drift check (`make drift`) ran them. A fence counts once per Keras run; the Keras 2 run",
        "uses tf-keras and skips the blocks written for Keras 3 only, and the other way round.",
        "",
        "| TensorFlow | Keras | tf-keras | checked on | Keras 3: blocks passing | Keras 2: blocks passing | outputs that differ |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in reps:
        v, cells = r["versions"], []
        for name in ("Keras 3", "Keras 2"):
            c = r["runs"].get(name, {}).get("counts", {})
            total = c.get("fences passed", 0) + c.get("fences failed", 0)
            cells.append(f"{c.get('fences passed', 0)} of {total}" if total else "not run")
        changed = sum(run["counts"].get("changed outputs", 0) for run in r["runs"].values())
        out.append(
            f"| {v.get('tensorflow')} | {v.get('keras')} | {v.get('tf_keras') or 'none'} | {r['date']} "
            f"| {cells[0]} | {cells[1]} | {changed} |"
        )
    for r in reps:
        pages = [page for run in r["runs"].values() for page in run["pages"].values()]
        failing = sorted({f["test"] for page in pages for f in page["failures"]})
        changed = sorted({_changed_place(c) for page in pages for c in page["changed_outputs"]})
        if failing or changed:
            out += ["", f"## TensorFlow {r['versions'].get('tensorflow')}"]
        if failing:
            out += ["", "Fails:", ""] + [f"- `{test}`" for test in failing]
        if changed:
            out += ["", "Prints something else than the site shows:", ""] + [f"- {place}" for place in changed]
    out += [
        "",
        "Where a block fails, or shows something else, under an older TensorFlow, its chapter",
        "says so next to it. Each lab prints the versions it runs under in its first cell, so",
        "that cell differs under any other version.",
    ]
    return "\n".join(out) + "\n"


def _changed_place(change: dict) -> str:
    """Where an output changed, for the page: a chapter (linked) or a lab and its cells."""
    where = change["where"]
    if where.startswith("docs/") and ".md:" in where:
        page = where[len("docs/") : where.rindex(":")]
        return f"[{page}](../{page})"
    lab = re.search(r"\[(lab-[^\]]+)\]", where)
    if lab:
        cells = sorted(set(re.findall(r"cell (\d+) \(", change.get("diff", ""))), key=int)
        return f"lab `{lab[1]}`, cell{'s' if len(cells) > 1 else ''} {', '.join(cells)}" if cells else f"lab `{lab[1]}`"
    return f"`{where}`"


def _version_key(version: str):
    return [int(x) if x.isdigit() else 0 for x in re.split(r"[.\-a-z]+", version) if x][:3]


def quiz_pages() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from quizfence.catalog import collect_docs

    return {e.id: e.path for e in collect_docs(ROOT / "docs", ROOT)}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--tf", required=True, help="a TensorFlow version, 'nightly', or 'pinned' (.venv)")
    run.add_argument("--keras")
    run.add_argument("--tf-keras")
    sub.add_parser("tested-with")
    args = parser.parse_args(argv)
    if args.command == "tested-with":
        TESTED_WITH.parent.mkdir(parents=True, exist_ok=True)
        TESTED_WITH.write_text(tested_with(), encoding="utf-8")
        print(f"wrote {TESTED_WITH.relative_to(ROOT)}")
        return
    python = environment(args.tf, args.keras, args.tf_keras)
    found = versions(python)
    label = f"tf-{found.get('tensorflow', args.tf)}"
    runs = {
        "Keras 3": run_suite(python, KERAS3_PATHS, keras2=False),
        "Keras 2": run_suite(python, KERAS2_PATHS, keras2=True),
    }
    rep = report(label, found, runs, quiz_pages())
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / f"{label}.json").write_text(json.dumps(rep, indent=1) + "\n", encoding="utf-8")
    (REPORTS / f"{label}.md").write_text(render(rep), encoding="utf-8")
    print(render(rep))


if __name__ == "__main__":
    main(sys.argv[1:])

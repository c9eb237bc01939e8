"""`make zensical-check`: build the site with Zensical, Material's successor, and say what differs.

A trial, not the published build. Zensical reads mkdocs.yml and runs the pymdownx
extensions and the quiz fence's superfences formatter, but no MkDocs hooks or plugins.
This builds the site both ways, compares them page by page, probes the failure modes the
MkDocs build guards (a bad quiz, a missing snippet, a broken link) on throwaway pages,
and writes reports/zensical-check.md (and .json).

Usage: python scripts/zensical_check.py ZENSICAL_EXECUTABLE
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.site_build.test_build import third_party_resources  # noqa: E402

REPORTS = ROOT / "reports"


def zensical_build(zensical: str, config: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [zensical, "build", "--clean", "--strict", "-f", str(config)], cwd=config.parent, capture_output=True, text=True
    )


def config_for(source: Path, site_dir: Path, where: Path, **replace) -> Path:
    """mkdocs.yml with its site_dir set (and lines replaced), written next to the docs it builds."""
    text = (source / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old, new)
    path = where / "zensical-check.yml"
    path.write_text(text + f"\nsite_dir: {site_dir}\n", encoding="utf-8")
    return path


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def count(pattern: str, html: str) -> int:
    return len(re.findall(pattern, html))


def last_line(text: str) -> str:
    """The error a reader would act on: the last `...Error: ...` line, else the last line."""
    lines = [line.strip() for line in re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines() if line.strip()]
    errors = [line for line in lines if re.match(r"^[\w.]*(Error|Exception): ", line)]
    return (errors or lines or [""])[-1]


def probe(zensical: str, name: str, page: str) -> dict:
    """Build a one-page copy of the project with `page` as its home page."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "docs").mkdir()
        (tmp / "docs/index.md").write_text(page, encoding="utf-8")
        shutil.copytree(ROOT / "overrides", tmp / "overrides")
        shutil.copytree(ROOT / "snippets", tmp / "snippets")
        nav = re.search(r"^nav:\n(?:[ -].*\n)+", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(0)
        config = config_for(ROOT, tmp / "site", tmp, **{nav: ""})
        result = zensical_build(zensical, config)
        output = result.stdout + result.stderr
        return {
            "probe": name,
            "build fails": result.returncode != 0,
            "names the file": "index.md" in output,
            "names the line": bool(re.search(r"index\.md:\d+", output)),
            "message": last_line(output)[:200],
        }


def main(zensical: str) -> None:
    version = subprocess.run([zensical, "--version"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        built = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp / "mkdocs")],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if built.returncode:
            sys.exit(f"the MkDocs build fails, so there is nothing to compare:\n{built.stderr}")
        zensical_site = ROOT / ".zensical" / "site"  # Zensical refuses a site_dir outside the project
        config = config_for(ROOT, zensical_site, ROOT)
        try:
            result = zensical_build(zensical, config)
        finally:
            config.unlink()
        mk, zen = pages(tmp / "mkdocs"), pages(zensical_site) if zensical_site.is_dir() else {}
        notebooks = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.ipynb"))
        rows = []
        for name in sorted(mk):
            quiz = r'class="quiz" id='
            rows.append(
                {
                    "page": name,
                    "builds": name in zen,
                    "quizzes (MkDocs)": count(quiz, mk[name]),
                    "quizzes (Zensical)": count(quiz, zen.get(name, "")),
                    "progress rows (MkDocs)": count(r'<li data-quiz-id="', mk[name]),
                    "progress rows (Zensical)": count(r'<li data-quiz-id="', zen.get(name, "")),
                }
            )
        exports = sorted(p.name for p in (tmp / "mkdocs/quizzes/export").glob("*"))
        lost_exports = [e for e in exports if not (zensical_site / "quizzes/export" / e).exists()]
        report = {
            "zensical": version,
            "build": {"exit code": result.returncode, "last line": last_line(result.stdout + result.stderr)},
            "pages": rows,
            "notebook pages (mkdocs-jupyter)": {
                nb: nb.removesuffix(".ipynb") + "/index.html" in zen for nb in notebooks
            },
            "question bank files missing": lost_exports,
            "third-party requests (Zensical site)": third_party_resources(zensical_site) if zen else [],
        }
    report["probes"] = [
        probe(zensical, "an invalid quiz", "# Home\n\n```quiz\nid: bad\ntype: essay\n```\n"),
        probe(zensical, "a missing snippet", '# Home\n\n```python\n--8<-- "no/such_file.py"\n```\n'),
        probe(zensical, "a broken link", "# Home\n\nSee [the missing page](missing.md).\n"),
    ]
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "zensical-check.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    markdown = render(report)
    (REPORTS / "zensical-check.md").write_text(markdown, encoding="utf-8")
    print(markdown)


def render(report: dict) -> str:
    rows = report["pages"]
    broken = [r["page"] for r in rows if not r["builds"]]
    quiz_lost = [r for r in rows if r["quizzes (MkDocs)"] != r["quizzes (Zensical)"]]
    progress_lost = [r for r in rows if r["progress rows (MkDocs)"] != r["progress rows (Zensical)"]]
    out = [
        f"# Zensical trial build ({report['zensical']})",
        "",
        f"Build: exit code {report['build']['exit code']} ({report['build']['last line']}).",
        "",
        f"- Pages: {len(rows) - len(broken)} of {len(rows)} build"
        + (f"; missing: {', '.join(broken)}" if broken else "."),
        f"- Pages whose quizzes differ: {len(quiz_lost)}"
        + "".join(
            f"\n  - {r['page']}: {r['quizzes (MkDocs)']} with MkDocs, {r['quizzes (Zensical)']} with Zensical"
            for r in quiz_lost
        ),
        f"- Progress lists that differ: {len(progress_lost)}"
        + "".join(
            f"\n  - {r['page']}: {r['progress rows (MkDocs)']} rows with MkDocs, {r['progress rows (Zensical)']} with Zensical"
            for r in progress_lost
        ),
        "- Notebook pages: "
        + (
            ", ".join(
                f"{nb} {'builds' if ok else 'missing'}" for nb, ok in report["notebook pages (mkdocs-jupyter)"].items()
            )
            or "none in docs/"
        ),
        "- Question bank files missing: " + (", ".join(report["question bank files missing"]) or "none"),
        "- Third-party requests in the Zensical site: "
        + (", ".join(report["third-party requests (Zensical site)"]) or "none"),
        "",
        "| failure probe | build fails | names the file | names the line | last message |",
        "|---|---|---|---|---|",
    ]
    for p in report["probes"]:
        yes = {True: "yes", False: "no"}
        msg = p["message"].replace("|", "\\|")
        out.append(
            f"| {p['probe']} | {yes[p['build fails']]} | {yes[p['names the file']]} | {yes[p['names the line']]} | {msg} |"
        )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main(str(Path(sys.argv[1]).absolute()))

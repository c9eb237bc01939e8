"""Site costs: `mkdocs build`, `mkdocs serve`'s rebuild after an edit, and what a reader
downloads for each page type, gzipped as GitHub Pages serves it."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("SITE_URL", None)
# What `mkdocs serve` needs from the repository (quizfence is imported from the working directory).
SERVE_COPY = ["mkdocs.yml", "docs", "hooks", "overrides", "snippets", "quizfence"]


def build_times(runs: int = 3) -> dict:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", tmp],
                cwd=ROOT,
                env=ENV,
                check=True,
            )
            times.append(time.perf_counter() - start)
    return {"runs": runs, "median_s": statistics.median(times), "min_s": min(times)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def serve_rebuild(page: str, runs: int = 3) -> dict:
    """Seconds from saving a one-line edit to `mkdocs serve` serving the edited page.

    Runs on a copy of the sources, so an interrupted benchmark leaves no edit behind."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in SERVE_COPY:
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy)(src, Path(tmp, name))
        port = _free_port()
        url = f"http://127.0.0.1:{port}/" + re.sub(r"(index)?\.md$", "", page).removesuffix("/") + "/"
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=tmp,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 180
            while "</html>" not in _get(url):
                if time.monotonic() > deadline or server.poll() is not None:
                    return {"error": "mkdocs serve did not start"}
                time.sleep(0.2)
            source = Path(tmp, "docs", page)
            for run in range(runs):
                marker = f"Benchmark edit {run} {time.time_ns()}"
                start = time.perf_counter()
                with source.open("a", encoding="utf-8") as f:
                    f.write(f"\n{marker}\n")
                while marker not in _get(url):
                    if time.perf_counter() - start > 120:
                        return {"error": "the edit never showed"}
                    time.sleep(0.05)
                times.append(time.perf_counter() - start)
                time.sleep(1)  # let the watcher settle before the next edit
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {"runs": runs, "page": page, "median_s": statistics.median(times), "max_s": max(times)}


def gzipped(file: Path) -> int:
    return len(gzip.compress(file.read_bytes(), 6))  # the level tests/static_server.py serves


def category(path: str, is_document: bool) -> str:
    if is_document:
        return "html"
    if "search_index" in path or "/workers/search" in path:
        return "search"
    suffix = Path(path).suffix
    return {".css": "css", ".js": "js"}.get(suffix, "images" if suffix in (".png", ".svg", ".jpg", ".ico") else "other")


def page_weight(browser, site_dir: Path, url: str, path: str) -> dict:
    """Every file the page makes the browser fetch (found by loading it in Chromium), each
    counted at its gzipped size, by kind. The search index is kept apart."""
    ctx = browser.new_context()
    fetched: list[str] = []
    ctx.on("requestfinished", lambda r: fetched.append(r.url))
    page = ctx.new_page()
    page.goto(url + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    ctx.close()
    prefix = urlsplit(url).path
    sizes = {"html": 0, "css": 0, "js": 0, "images": 0, "other": 0, "search": 0}
    files = {}
    for fetched_url in dict.fromkeys(fetched):
        rel = urlsplit(fetched_url).path[len(prefix) :]
        file = site_dir / (rel + "index.html" if rel.endswith("/") or not rel else rel)
        if file.is_file():
            kind = category(rel, rel == path)
            size = gzipped(file)
            sizes[kind] += size
            files[rel or "/"] = size
    sizes["total_without_search"] = sum(v for k, v in sizes.items() if k != "search")
    return {"path": path, "bytes": sizes, "files": files}


def page_types(site_dir: Path, notebook_pages: set[str]) -> dict[str, str]:
    """The page of each type that weighs most: a chapter (a page with the answer box),
    the quiz-heaviest page, and a lab (a page rendered from a notebook), if any."""
    stats = []
    for file in site_dir.rglob("index.html"):
        rel = file.relative_to(site_dir).as_posix().removesuffix("index.html")
        text = file.read_text(encoding="utf-8")
        stats.append((rel, len(text), text.count('class="quiz"'), 'class="admonition abstract"' in text))
    chosen = {}
    chapters = [s for s in stats if s[3] and s[0] not in notebook_pages]
    if chapters:
        chosen["chapter"] = max(chapters, key=lambda s: s[1])[0]
    chosen["quiz-heavy"] = max(stats, key=lambda s: s[2])[0]
    labs = [s for s in stats if s[0] in notebook_pages]
    if labs:
        chosen["lab"] = max(labs, key=lambda s: s[1])[0]
    return chosen

"""Measure what a reader and a maintainer wait for: build time, page weight, quiz asset size.

Run with `make bench`. Prints numbers; asserts nothing (speed is measured, not tested).
"""

import gzip
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def build_seconds(site: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        check=True,
    )
    return time.perf_counter() - start


def main():
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        times = [build_seconds(site) for _ in range(RUNS)]
        print(
            f"mkdocs build --strict: median {statistics.median(times):.2f} s over {RUNS} runs (min {min(times):.2f} s)"
        )
        pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size, reverse=True)
        print(f"site: {len(pages)} pages, {sum(p.stat().st_size for p in site.rglob('*') if p.is_file()) / 1e6:.1f} MB")
        for page in pages[:3]:
            raw = page.read_bytes()
            print(
                f"  {page.relative_to(site)}: {len(raw) / 1e3:.0f} kB, {len(gzip.compress(raw, 9)) / 1e3:.0f} kB gzipped"
            )
    for asset in ("quiz.js", "quiz.css"):
        raw = (ROOT / "docs" / "assets" / asset).read_bytes()
        print(f"{asset}: {len(raw)} bytes, {len(gzip.compress(raw, 9))} gzipped")


if __name__ == "__main__":
    main()

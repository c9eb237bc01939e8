"""Build the real site, or a throwaway one that inherits its mkdocs.yml, in a separate process."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
# The `hooks:` list of mkdocs.yml (it holds YAML tags that yaml.safe_load refuses).
HOOKS = re.findall(r"^  - (\S+\.py)$", (ROOT / "mkdocs.yml").read_text().split("\nhooks:\n", 1)[1].split("\n\n", 1)[0], re.M)


def write_site(where: Path, pages: dict[str, str], assets: bool = False, site_url: str | None = None) -> Path:
    """docs/ with `pages` (all in the nav) and a mkdocs.yml inheriting the project's.

    `assets` copies the quiz JS and CSS; `site_url` must be the served host and port
    for Material's instant navigation. Returns the config path.
    """
    docs = where / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    if assets:
        shutil.copytree(DOCS / "assets", docs / "assets", dirs_exist_ok=True)
    config = where / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
        "docs_dir: docs\n"
        + (f"site_url: {site_url}\n" if site_url else "")
        # The inherited paths are relative to the real config: make them absolute.
        + f"hooks: {[str(ROOT / hook) for hook in HOOKS]}\n"
        + f"theme:\n  name: material\n  custom_dir: {ROOT / 'overrides'}\n"
        + ("" if assets else "extra_css: []\nextra_javascript: []\n")
        + f"nav: {list(pages)}\n",
        encoding="utf-8",
    )
    return config


def build(config: Path, site_dir: Path, wait: bool = True, **env):
    """`mkdocs build --strict`; returns a CompletedProcess, or the running Popen if not `wait`."""
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    if not wait:
        return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)

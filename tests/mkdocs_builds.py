"""Build the real site, or a throwaway one that inherits its mkdocs.yml, in a separate process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"


class _TagTolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!ENV` and `!!python/name:` tags plain safe_load refuses."""


_TagTolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def project_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TagTolerantLoader)


def write_site(where: Path, pages: dict[str, str], assets: bool = False, site_url: str | None = None) -> Path:
    """docs/ with `pages` (all in the nav) and a mkdocs.yml inheriting the project's.

    `assets` copies the site's JS and CSS; `site_url` must be the served host and port
    for Material's instant navigation. Returns the config path.
    """
    docs = where / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    if assets:
        shutil.copytree(DOCS / "assets", docs / "assets", dirs_exist_ok=True)
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": "docs",
        # The inherited paths are relative to the real config: make them absolute.
        "hooks": [str(ROOT / hook) for hook in project_config()["hooks"]],
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "nav": list(pages),
    }
    if site_url:
        config["site_url"] = site_url
    if not assets:
        config |= {"extra_css": [], "extra_javascript": []}
    path = where / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def build(config: Path, site_dir: Path, wait: bool = True, **env):
    """`mkdocs build --strict`; returns a CompletedProcess, or the running Popen if not `wait`."""
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    if not wait:
        return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)

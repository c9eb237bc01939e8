"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
# The `hooks:` list of mkdocs.yml (it holds YAML tags that yaml.safe_load refuses).
HOOKS = re.findall(r"^  - (\S+\.py)$", (ROOT / "mkdocs.yml").read_text().split("\nhooks:\n", 1)[1].split("\n\n", 1)[0], re.M)


def mkdocs_build(site_dir: Path, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` the way a reader or CI would, in its own process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per test session with --strict. Fails loudly with mkdocs' log."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(site)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return site


def write_site(root: Path, pages: dict[str, str]) -> Path:
    """A throwaway site that inherits the real mkdocs.yml, with only `pages` in it.

    Returns the path of its config, for `mkdocs_build(site_dir, config)`.
    """
    docs = root / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    config = root / "mkdocs.yml"
    hooks = [str(ROOT / path) for path in HOOKS]  # relative to the real config, absolute here
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\nnav: {sorted(pages)}\nhooks: {hooks}\n",
        encoding="utf-8",
    )
    return config

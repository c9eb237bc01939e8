"""python -m nbtools COMMAND

labs [NAME ...]    re-run the labs (docs/labs/*.ipynb), sync their snippet cells and
                   rewrite them in the normal form with the outputs they print now
                   (make labs). Cells tagged needs-download run under mock data and
                   keep no outputs.
labs-real-data     run the labs that need a download on the real data, in place, and
                   keep every output (make labs-real-data; the Pages workflow, which
                   has internet, runs it before the build; never commit the result).
notebooks [--check]
                   write every chapter as a notebook under docs/notebooks/ (make
                   notebooks); --check only reports the notebooks that are stale.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import sys

import nbformat

from . import chapters, execute, normal_form
from .conventions import LABS_DIR, REAL_DATA_RUN, ROOT


def _labs(names: list[str]) -> list:
    labs = sorted(LABS_DIR.glob("*.ipynb"))
    if names:
        labs = [p for p in labs if p.stem in names or p.name in names]
        if not labs:
            sys.exit(f"no lab named {' or '.join(names)} in {LABS_DIR.relative_to(ROOT)}")
    return labs


def _shown(path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def labs(names: list[str]) -> int:
    for path in _labs(names):
        nb = nbformat.read(path, as_version=4)
        synced = normal_form.sync_snippets(nb)
        executed, seconds = execute.run(nb, name=path.name)
        text = normal_form.dumps(executed)
        changed = text != path.read_text(encoding="utf-8")
        if changed:
            path.write_text(text, encoding="utf-8")
        mocked = " (needs-download cells under mock data, outputs dropped)" if execute.uses_downloads(nb) else ""
        state = "updated" if changed else "unchanged"
        extra = f"; snippet cells synced: {', '.join(synced)}" if synced else ""
        print(f"{_shown(path)}: {state}, ran in {seconds:.1f} s{mocked}{extra}")
    return 0


def labs_real_data(paths=None) -> int:
    for path in paths or _labs([]):
        nb = nbformat.read(path, as_version=4)
        if not execute.uses_downloads(nb):
            continue
        executed, seconds = execute.run(nb, real_data=True, name=path.name)
        executed.metadata[REAL_DATA_RUN] = {
            "date": datetime.date.today().isoformat(),
            "tensorflow": importlib.metadata.version("tensorflow"),
            "tensorflow_datasets": importlib.metadata.version("tensorflow-datasets"),
            "seconds": round(seconds),
        }
        path.write_text(normal_form.dumps(executed, real_data=True), encoding="utf-8")
        print(f"{_shown(path)}: ran on the real data in {seconds:.1f} s")
    return 0


def notebooks(check: bool) -> int:
    stale = chapters.write_all(check=check)
    for line in stale:
        print(line)
    if check and stale:
        print("Run `make notebooks` and commit docs/notebooks/.")
        return 1
    if not stale:
        print("Every chapter notebook is current.")
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"}:
        print(__doc__)
        return 0 if argv else 2
    command, rest = argv[0], argv[1:]
    if command == "labs":
        return labs(rest)
    if command == "labs-real-data":
        return labs_real_data()
    if command == "notebooks":
        return notebooks(check="--check" in rest)
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

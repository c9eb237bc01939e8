"""python -m figures [NAME ...]: recompute and redraw the book's figures (all, or those named)."""

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from figures import ROOT, declarations, write  # noqa: E402


def main(names: list[str]) -> int:
    found = declarations()
    unknown = set(names) - {d.name for d in found}
    if unknown:
        print(f"no figure declared with the name(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    for declaration in found:
        if names and declaration.name not in names:
            continue
        for path in write(declaration):
            print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Names shared by the lab notebooks, the tools and hooks/notebook_pages.py.

A test checks that the hook uses the same values (the hook cannot import this
package: MkDocs loads hooks as loose modules).
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
LABS_DIR = DOCS / "labs"
NOTEBOOKS_DIR = DOCS / "notebooks"  # generated chapter notebooks, served as files
CHAPTER_PARTS = ("basics", "components", "custom-training")

# Cell tag: the cell needs data that has to be downloaded (Fashion MNIST). Its outputs are
# never committed; the tests run it under tfds.testing.mock_data, and the Pages workflow
# runs it on the real data (`make labs-real-data`).
NEEDS_DOWNLOAD = "needs-download"
# Cell tag: an exercise's solution, folded away on the site and collapsed in Jupyter.
SOLUTION = "solution"
# Cell metadata: the alt text of each figure the cell displays, in order.
ALT = "alt"
# Cell metadata: the cell's source is snippets/<name> up to its __main__ block (kept in sync by `make labs`).
SNIPPET = "snippet"
# Notebook metadata, set only by `make labs-real-data` (never committed): where the outputs
# of the needs-download cells came from.
REAL_DATA_RUN = "real_data_run"

# The examples per split that tfds.testing.mock_data yields in the tests.
MOCK_EXAMPLES = 256

"""Notebooks of this book: the labs (docs/labs/*.ipynb) and every chapter as a notebook.

- `nbtools.normal_form`: the one way a lab notebook is written to disk, and how two
  executions' outputs are compared.
- `nbtools.execute`: runs a notebook top to bottom in a fresh kernel (labs that need a
  download run under `tfds.testing.mock_data` unless asked for the real data).
- `nbtools.chapters`: turns a chapter page (Markdown) into a notebook.
- `python -m nbtools`: the commands behind `make labs`, `make notebooks` and
  `make labs-real-data` (see README, "Labs" and "Chapters as notebooks").

The conventions a notebook page relies on (cell tags, metadata keys) are in
`nbtools.conventions`; hooks/notebook_pages.py reads the same names.
"""

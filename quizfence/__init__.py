"""The textbook's quiz fence: YAML in, validated, accessible HTML out.

model.py   parse + validate one fence, find fences in a page
render.py  quiz -> HTML (progressively enhanced by docs/assets/quiz.js)
fence.py   the pymdownx.superfences formatter
site.py    MkDocs hook logic: site-wide checks with file:line, review and progress pages
"""

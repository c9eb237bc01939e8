"""The textbook's quiz fence: YAML in, validated, accessible HTML out.

schema.py                 the question types, declared once; parse + validate one fence
markdown_fences.py        a CommonMark fence reader for raw Markdown pages
catalog.py                every quiz of the docs, parsed once (for the build and the tests)
render.py                 quiz -> HTML, progressively enhanced by docs/assets/quiz.js
superfences_formatter.py  the formatter named in mkdocs.yml
mkdocs_build.py           the hook events (hooks/quizzes.py): catalog, file:line errors, links
generated_pages.py        the review and progress pages
"""

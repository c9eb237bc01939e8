# Two commands for readers and CI:
#   make serve   set up the docs toolchain (no TensorFlow) and serve on 127.0.0.1:8000
#   make test    set up everything and run the whole suite
# For authors:
#   make test-quick      quizzes, fence lint, strict build, links, ruff: no TensorFlow, no browser
#   make update-outputs  re-run every fence and snippet; rewrite shown outputs that changed
#   make figures         recompute and redraw the figures in docs/assets/figures/
#   make labs            re-run the labs (docs/labs/*.ipynb); rewrite their outputs in the normal form
#   make notebooks       write every chapter as a notebook under docs/notebooks/ (commit the result)
#   make labs-real-data  run the labs' Fashion MNIST cells on the real data, in place (Pages workflow only)
#   make bench           measure suite, build and page costs; Lighthouse (bench-report/)
# Set-up is idempotent: stamp files record what was installed from which requirements.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check --quiet
export NO_MKDOCS_2_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build quiz-export zensical-check drift tested-with bench test test-quick lint update-outputs figures test-keras3 test-keras2 browser clean labs notebooks labs-real-data test-browser

serve: $(VENV)/.docs-installed
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.docs-installed
	$(PY) -m mkdocs build --strict --site-dir site

# The question bank (QTI 2.1 package, Moodle XML) without building the site; `make build`
# puts the same files in site/quizzes/export/.
quiz-export: $(VENV)/.docs-installed
	$(PY) -m quizfence.export quiz-export docs

# Run the site's code under another TensorFlow (a separate environment in .drift/) and write
# drift-reports/tf-<version>.{md,json}: make drift TF=2.16.2, make drift TF=nightly,
# make drift TF=pinned (the .venv itself). KERAS= and TF_KERAS= pick those versions too.
TF ?= nightly
drift: $(VENV)/.test-installed
	$(PY) scripts/drift.py run --tf $(TF) $(if $(KERAS),--keras $(KERAS)) $(if $(TF_KERAS),--tf-keras $(TF_KERAS))

# docs/about/tested-with.md from the committed drift reports.
tested-with: $(VENV)/.docs-installed
	$(PY) scripts/drift.py tested-with

# A trial build on Zensical (Material's successor), in its own environment: what builds,
# what does not, which features are lost. Writes reports/zensical-check.md.
ZENSICAL := .zensical
zensical-check: $(ZENSICAL)/.installed $(VENV)/.docs-installed
	$(PY) scripts/zensical_check.py $(ZENSICAL)/bin/zensical

$(ZENSICAL)/.installed: requirements-zensical.txt pyproject.toml
	$(PYTHON) -m venv $(ZENSICAL)
	$(ZENSICAL)/bin/python -m pip --disable-pip-version-check --quiet install -r requirements-zensical.txt
	$(ZENSICAL)/bin/python -m pip --disable-pip-version-check --quiet install --no-deps -e .
	touch $@

# Numbers, not pass/fail: code-block and notebook costs, build and rebuild time, page
# weight, Lighthouse. Writes bench-report/report.md and report.json, prints the report.
# Then the training speed the custom-training chapters show (rewrites
# snippets/custom-training/training_speed*).
LIGHTHOUSE := benchmarks/lighthouse/node_modules/.bin/lighthouse
bench: $(VENV)/.test-installed browser
	@$(MAKE) --no-print-directory $(LIGHTHOUSE) || echo "NOTE: Lighthouse could not be installed; the report says so."
	$(PY) -m benchmarks.report
	$(PY) benchmarks/training_speed.py

# Lighthouse (npm, pinned with its lock file) in a gitignored folder; it downloads no browser.
$(LIGHTHOUSE): benchmarks/lighthouse/package.json benchmarks/lighthouse/package-lock.json
	cd benchmarks/lighthouse && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# The three parts share nothing, so they run side by side: the Keras runs compute while
# the browser part mostly waits on Chromium (measured on 2 cores: 126 s against 164 s one
# after the other). Each part's output is printed when it finishes. TEST_JOBS=1 runs them
# in sequence.
TEST_JOBS ?= 3
test: lint
	@$(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target test-keras3 test-keras2 test-browser

# What needs neither TensorFlow nor Chromium, for a fast loop while writing.
test-quick: $(VENV)/.test-installed lint
	$(PY) -m pytest -q -n 2 -m "not tensorflow" tests/quiz tests/site_build \
		tests/reader/test_site_html.py tests/reader/test_theme.py

lint: $(VENV)/.test-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Both Keras runs, each rewriting the outputs of the fences it runs (see README, "Outputs").
update-outputs: $(VENV)/.test-installed
	$(PY) -m pytest -q --codeblocks docs tests/snippets/test_snippet_pages.py --update-outputs
	TF_USE_LEGACY_KERAS=1 $(PY) -m pytest -q --codeblocks docs tests/snippets/test_snippet_pages.py --update-outputs

# Each figure's data from its snippet, as JSON, and a light and a dark SVG (README, "A figure").
figures: $(VENV)/.test-installed
	$(PY) -m figures

# Labs: re-execute in fresh kernels, sync snippet cells, write the normal form (README, "Labs").
labs: $(VENV)/.test-installed
	$(PY) -m nbtools labs

# Chapters as notebooks: generated from the pages, checked in, checked for staleness by the tests.
notebooks: $(VENV)/.docs-installed
	$(PY) -m nbtools notebooks

# Needs internet: runs the labs' download cells on the real Fashion MNIST, in place, before
# `make build` in the Pages workflow. Never commit what it writes.
labs-real-data: $(VENV)/.test-installed
	$(PY) -m nbtools labs-real-data

# Keras 3 (the default): every fence in docs/ and every test that needs no browser
# (site, snippets, quizzes, answer keys), in one process so TensorFlow is imported once.
test-keras3: $(VENV)/.test-installed
	$(PY) -m pytest --codeblocks docs tests --ignore=tests/browser --ignore=tests/reader

# Keras 2 needs its own process: TF_USE_LEGACY_KERAS is read when TensorFlow is imported.
test-keras2: $(VENV)/.test-installed
	TF_USE_LEGACY_KERAS=1 $(PY) -m pytest --codeblocks docs tests/snippets

# Chromium: the quiz engine (tests/browser) and the reader gates on every page (tests/reader).
# No TensorFlow. Screenshots and other artifacts go to test-artifacts/. Run alone, it gains
# from two pytest-xdist workers (XDIST="-n 2": 112 s against 133 s); inside `make test`,
# next to the Keras runs, it does not.
XDIST ?=
test-browser: $(VENV)/.test-installed browser
	$(PY) -m pytest tests/browser tests/reader $(XDIST)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.docs-installed: requirements-docs.txt constraints.txt pyproject.toml | $(PY)
	$(PIP) install -r requirements-docs.txt -c constraints.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-docs.txt constraints.txt pyproject.toml | $(PY)
	$(PIP) install -r requirements.txt -c constraints.txt
	touch $@ $(VENV)/.docs-installed

# Debian's Chromium for the browser tests. Without root or apt the browser tests
# skip with the reason (and fail under CI=true, where this must have worked).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "NOTE: /usr/bin/chromium is missing and cannot be installed here (needs root and apt-get): browser tests will skip."; fi

clean:
	rm -rf $(VENV) site test-artifacts bench-report benchmarks/lighthouse/node_modules

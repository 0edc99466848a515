# lkjip: build and test the LKjIP book. `make test` and `make book` set up
# everything they need themselves (a virtual environment in .venv).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The default report year is set once, in parameters.yml; override with
# `make book TAHUN=2024`.
TAHUN ?= $(shell sed -n 's/^tahun: *//p' parameters.yml)

# Debian packages the book and its tests need: the PDF (xelatex, Indonesian
# hyphenation, fonts), chart fonts, PDF inspection, and the browser tests.
DEB_PACKAGES := texlive-xetex texlive-latex-extra texlive-fonts-recommended \
	texlive-lang-other latexmk fonts-freefont-otf fonts-liberation fonts-dejavu-core \
	poppler-utils chromium chromium-driver

.PHONY: book test test-fast test-integration lint validate ledger golden clean venv system-deps lock

venv: $(STAMP)

# The venv installs the exact pins of requirements.lock, then the project
# itself without re-resolving its dependencies.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

UV ?= uv
LOCK_ARGS := pyproject.toml --extra dev --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu --generate-hashes \
	--no-config --default-index https://pypi.org/simple -o requirements.lock

# Regenerate requirements.lock from pyproject.toml with uv (manual; keeps pins unless forced).
lock:
	@command -v $(UV) >/dev/null 2>&1 || { echo "make lock needs uv: pip install uv (or UV=/path/to/uv)"; exit 1; }
	$(UV) pip compile --quiet $(LOCK_ARGS) --custom-compile-command "uv pip compile $(LOCK_ARGS)"

book: $(STAMP) system-deps
	$(BIN)/lkjip build --tahun $(TAHUN)

# Everything: lint, every test (books built in HTML and PDF, browser checks).
# This is what CI runs (.ci/run). Spread over every core (pytest-xdist), a test file
# to one worker (--dist loadfile): a module's fixtures build once and its tests run in
# order; each worker builds the shared book (built_book) at most once. Files go out in
# the order tests/conftest.py gives them, the books first (--no-loadscope-reorder:
# xdist's default sends the files with the most tests first, so the book files last).
test: lint system-deps
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

# Test tiers (pytest markers, tests/conftest.py): `unit` (no subprocess, workbook
# or build; for iterating), `integration` (whole commands on copies of data,
# workbooks, subprocesses), `book` (builds and browser). Over every core (xdist).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m unit -q -n auto

test-integration: $(STAMP)
	$(BIN)/python -m pytest -m "integration and not book" -q -n auto

# Style of the package, tests, benchmarks and notebook code; the layer order of
# the package (import-linter contracts in pyproject.toml).
LINTED := src tests benchmarks notebooks
lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/lint-imports

# Install the missing Debian packages (idempotent): nothing runs as root when every
# package is there. A package is there when dpkg says it is installed, also when it is
# marked for removal ("deinstall ok installed"; "deinstall ok config-files" is not
# installed). Chromium and its driver are there when their commands are, whichever
# package gave them (Ubuntu: chromium-browser, chromium-chromedriver). Only a missing
# package runs apt-get, through sudo when not root. Without dpkg (not Debian) it says
# what to install and goes on.
system-deps:
	@if ! command -v dpkg-query >/dev/null 2>&1; then \
	  echo "dpkg tidak ada (bukan Debian): pasang padanan paket ini bila belum: $(DEB_PACKAGES)"; \
	  exit 0; fi; \
	missing=""; for p in $(DEB_PACKAGES); do \
	  case $$p in \
	    chromium) if command -v chromium >/dev/null 2>&1 || \
	      command -v chromium-browser >/dev/null 2>&1; then continue; fi;; \
	    chromium-driver) if command -v chromedriver >/dev/null 2>&1; then continue; fi;; \
	  esac; \
	  case "$$(dpkg-query -W -f='$${Status}' $$p 2>/dev/null)" in *" installed") continue;; esac; \
	  missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; \
	else echo "Paket Debian belum terpasang:$$missing. Pasang sebagai root: apt-get install$$missing"; exit 1; fi; \
	echo "Memasang paket Debian:$$missing"; \
	$$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends$$missing

validate: $(STAMP)
	$(BIN)/lkjip validate --tahun $(TAHUN)

ledger: $(STAMP)
	$(BIN)/lkjip ledger --tahun $(TAHUN) --out _build/$(TAHUN)/ledger.csv --json _build/$(TAHUN)/ledger.json

# Rewrite the golden 2023 ledger.csv and reviu.csv (tests/golden/) on purpose, printing the
# diff it accepts; `make golden BOOK=_build/2023` also takes the cells of a built book.
golden: $(STAMP)
	$(BIN)/python -m tests.golden --rewrite $(if $(BOOK),--book $(BOOK))

clean:
	rm -rf _build .pytest_cache .ruff_cache

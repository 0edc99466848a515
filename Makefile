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

.PHONY: book test lint validate ledger clean venv system-deps

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

book: $(STAMP) system-deps
	$(BIN)/lkjip build --tahun $(TAHUN)

test: $(STAMP) system-deps
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

# Install the missing Debian packages (idempotent; sudo when not root).
system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
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

clean:
	rm -rf _build .pytest_cache .ruff_cache

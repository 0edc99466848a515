# lkjip: build and test the LKjIP book. `make test` and `make book` set up
# everything they need themselves (a virtual environment in .venv).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The default report year is set once, in parameters.yml; override with
# `make book TAHUN=2024`.
TAHUN ?= $(shell sed -n 's/^tahun: *//p' parameters.yml)

.PHONY: book test lint validate ledger clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

book: $(STAMP)
	$(BIN)/lkjip build --tahun $(TAHUN)

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

validate: $(STAMP)
	$(BIN)/lkjip validate --tahun $(TAHUN)

ledger: $(STAMP)
	$(BIN)/lkjip ledger --tahun $(TAHUN) --out _build/$(TAHUN)/ledger.csv --json _build/$(TAHUN)/ledger.json

clean:
	rm -rf _build .pytest_cache .ruff_cache

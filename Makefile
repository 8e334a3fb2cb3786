# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
DEMO   := build/demo

.PHONY: demo test bench eval venv install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/esgtrace samples $(DEMO)
	$(BIN)/python -m esgtrace.demo $(DEMO)

# The store tests also run on a PostgreSQL server that scripts/postgres.sh starts on loopback.
test: install-test
	ESGTRACE_TEST_POSTGRES="$${ESGTRACE_TEST_POSTGRES:-$$(scripts/postgres.sh)}" $(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/run.py --corpus $(SHARED)/corpus
	$(BIN)/pip install -q -e '.[postgres]'
	$(BIN)/python bench/store.py --corpus $(SHARED)/corpus
	$(BIN)/pip install -q -e '.[postgres,dask]'
	$(BIN)/python bench/scale.py --json build/bench/scale.json

eval: install
	$(BIN)/python -m esgtrace.evaluate --shared $(SHARED) --out build/eval --held-out tests/gold/facts
	$(BIN)/python -m esgtrace.disclose.evaluate --shared $(SHARED)
	$(BIN)/python -m esgtrace.audit.evaluate --gold $(SHARED)/gold --corpus $(SHARED)/corpus --expectations tests/data/audit_expectations.yaml --out build/eval

clean:
	rm -rf $(VENV) build .pytest_cache

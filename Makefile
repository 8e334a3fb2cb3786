# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
DEMO   := build/demo
EVALS  := eval-facts eval-coverage eval-disclose eval-targets eval-search eval-audit eval-digest

.PHONY: demo test bench eval $(EVALS) venv install install-test clean

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

# The store tests also run on a PostgreSQL server that scripts/postgres.sh starts on loopback;
# the web app's browser tests use the chromium and chromium-driver that scripts/browser.sh installs;
# a server this run started is stopped afterwards (one that was already running is left).
test: install-test
	@export ESGTRACE_CHROMEDRIVER="$${ESGTRACE_CHROMEDRIVER:-$$(scripts/browser.sh || true)}"; \
	if [ -n "$$ESGTRACE_TEST_POSTGRES" ]; then exec $(BIN)/python -m pytest; fi; \
	started=$$(mktemp); \
	url=$$(ESGTRACE_PGSTARTED=$$started scripts/postgres.sh) || { rm -f $$started; exit 1; }; \
	ESGTRACE_TEST_POSTGRES=$$url $(BIN)/python -m pytest; status=$$?; \
	if [ -s $$started ]; then scripts/postgres.sh stop; fi; rm -f $$started; exit $$status

bench: install
	$(BIN)/python bench/startup.py --corpus $(SHARED)/corpus
	$(BIN)/python bench/run.py --corpus $(SHARED)/corpus
	$(BIN)/pip install -q -e '.[postgres]'
	$(BIN)/python bench/store.py --corpus $(SHARED)/corpus
	$(BIN)/python bench/serve.py --corpus $(SHARED)/corpus
	$(BIN)/python bench/search.py --corpus $(SHARED)/corpus
	$(BIN)/pip install -q -e '.[postgres,dask]'
	$(BIN)/python bench/scale.py --json build/bench/scale.json

# `make eval` runs every measure in two processes, each corpus report read once per process;
# `make eval-facts` (or -coverage, -disclose, -targets, -search, -audit, -digest) runs one.
# `python -m esgtrace.measures --list` prints the command line of each.
eval: install
	$(BIN)/python -m esgtrace.measures --shared $(SHARED)

$(EVALS): eval-%: install
	$(BIN)/python -m esgtrace.measures --shared $(SHARED) $*

clean:
	rm -rf $(VENV) build .pytest_cache

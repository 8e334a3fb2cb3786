# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
DEMO   := build/demo

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

# `make eval` runs every measure, two at a time, each one's output kept together;
# `make eval-facts` (or -coverage, -disclose, -targets, -search, -audit, -digest) runs one.
EVALS := eval-facts eval-coverage eval-disclose eval-targets eval-search eval-audit eval-digest

eval: install
	@$(MAKE) --no-print-directory -j2 --output-sync=target $(EVALS)

eval-facts: install
	$(BIN)/python -m esgtrace.evaluate --shared $(SHARED) --out build/eval --held-out tests/gold/facts --first-seen tests/gold/first_seen.yaml
eval-coverage: install
	$(BIN)/python -m esgtrace.evaluate --shared $(SHARED) --out build/eval --coverage
eval-disclose: install
	$(BIN)/python -m esgtrace.disclose.evaluate --shared $(SHARED)
eval-targets: install
	$(BIN)/python -m esgtrace.targets.evaluate --shared $(SHARED) --held-out tests/gold/facts --first-seen tests/gold/first_seen.yaml
eval-search: install
	$(BIN)/python -m esgtrace.search.evaluate --shared $(SHARED) --questions tests/gold/questions
eval-audit: install
	$(BIN)/python -m esgtrace.audit.evaluate --gold $(SHARED)/gold --corpus $(SHARED)/corpus --expectations tests/data/audit_expectations.yaml --out build/eval
eval-digest: install
	$(BIN)/python -m esgtrace.digest.evaluate --gold tests/gold/digest --corpus $(SHARED)/corpus

clean:
	rm -rf $(VENV) build .pytest_cache

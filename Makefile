# The two commands of the README:
#   make run    install what is needed and open the dashboard on the demo store
#   make test   install what is needed and run every test (CI runs exactly this)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# the suite on two workers, whole files each, long ones first (tests/conftest.py); WORKERS=0
# runs it in one process
WORKERS ?= 2

.PHONY: run test lint bench demo-store

run: $(VENV)/.runtime
	$(BIN)/python -m pulse.serve --server.port $(PORT)

test: $(VENV)/.dev
	./scripts/system-deps.sh
	$(MAKE) lint
	$(BIN)/python -m pytest -n $(WORKERS) --dist loadfile --no-loadscope-reorder

lint: $(VENV)/.dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/sqlfluff lint queries

# Benchmarks print figures; they are not part of the test suite. SCALE=demo or province.
SCALE ?= demo
BENCH_DIR ?= /tmp/pulse-bench
bench: $(VENV)/.runtime
	$(BIN)/python -m bench.run --scale $(SCALE) --dir $(BENCH_DIR)

demo-store: $(VENV)/.runtime
	$(BIN)/python -m pulse.build --scale demo

$(VENV)/.runtime: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Two commands for a new user (see README): `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup run test test-fast lint browser benchmark benchmark-scale clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

run: setup
	$(BIN)/fazhi run

# The HTML report test drives a real headless Chromium (Debian packages chromium + chromium-driver).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && fc-list :lang=zh | grep -q . || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null; fi; }

# Layering (import-linter), Python (ruff) and dbt SQL (sqlfluff) style: part of `make test` and CI.
lint: setup
	$(BIN)/lint-imports
	$(BIN)/ruff check ingest tests scripts
	$(BIN)/sqlfluff lint dbt_project/models dbt_project/macros dbt_project/tests

# Unit tests (fast) first, then everything that starts a real run, dbt, GX or a browser (marked e2e).
test: setup browser lint
	$(BIN)/pytest -q -m "not e2e"
	$(BIN)/pytest -q -m e2e

test-fast: setup
	$(BIN)/pytest -q -m "not e2e"

benchmark: setup
	taskset -c 0 $(BIN)/python scripts/benchmark_extraction.py
	$(BIN)/python scripts/benchmark_incremental_run.py

# The national corpus on one machine (issue 16): N=1k, 5k and 17k generated reports in /tmp; prints figures.
# N selectable: make benchmark-scale SCALE_N=1000
SCALE_N ?= 1000,5000,17070
benchmark-scale: setup
	$(BIN)/python scripts/benchmark_scale.py --n $(SCALE_N)

clean:
	rm -rf $(VENV) dbt_project/target dbt_project/logs warehouse/*.duckdb* warehouse/dq_report* warehouse/exports*

# newsetl: `make run` loads samples/ into warehouse/news.duckdb; `make test` runs the tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# an older DuckDB client, to test that the published file opens in the clients dashboards still run
OLD_DUCKDB := .venv-duckdb-1.1
OLD_DUCKDB_STAMP := $(OLD_DUCKDB)/.installed
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export GX_ANALYTICS_ENABLED ?= false

.PHONY: setup run test bench lint clean eval entity-report docs

setup: $(STAMP) $(OLD_DUCKDB_STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e ".[dev,eval]"
	$(PY) -m pip check
	touch $@

$(OLD_DUCKDB_STAMP):
	test -x $(OLD_DUCKDB)/bin/python || $(PYTHON) -m venv $(OLD_DUCKDB)
	$(OLD_DUCKDB)/bin/python -m pip install -q duckdb==1.1.3
	touch $@

run: setup
	$(VENV)/bin/newsetl run

test: setup
	$(PY) -m pytest -q

bench: setup  ## CORPUS=DIR times newsetl on that folder instead of the bundled pages
	$(PY) -m tests.bench $(if $(CORPUS),--corpus $(CORPUS))

entity-report: setup
	$(PY) -m tests.entity_report

# cleaning quality on tests/fixtures/corpus/* (newsetl next to bare trafilatura) and quotes on tests/fixtures/quotes-dev
# (newsetl next to textacy); ARGS="--details" lists failures, ARGS="--only quotes" runs one part
eval: setup
	$(VENV)/bin/newsetl eval $(ARGS)

# schemas/tables.md and docs/warehouse.md (tables, views, ER diagram, example queries) from schemas/*.py
docs: setup
	$(PY) -m schemas.docs --write

lint: setup
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) $(OLD_DUCKDB) warehouse/*.duckdb

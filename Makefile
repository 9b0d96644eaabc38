# Every target creates .venv and installs the project on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test run lint format bench bench-quick clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)  ## the main job: a full scripted demo against the local Slack stand-in
	$(BIN)/bot demo

test: $(STAMP)  ## the whole test suite (SQLite and PostgreSQL)
	$(BIN)/pytest -n 2

run: $(STAMP)  ## serve against real Slack using .env
	$(BIN)/bot db upgrade
	$(BIN)/bot serve

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)  ## Handoff against bare Bolt on SQLite and PostgreSQL, the clock at 1M tasks; writes BENCHMARKS.md
	$(BIN)/python -m bench

bench-quick: $(STAMP)  ## a smoke run of the bench (SQLite, small loads); prints, writes nothing
	$(BIN)/python -m bench --quick

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache

# derek: `make run` sets up and processes corpus/ into out/; `make test` sets up and runs the tests.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup setup-test run test bench clean

$(BIN)/derek: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $(BIN)/derek

setup: $(BIN)/derek
	bash scripts/install-system.sh

setup-test: setup
	$(BIN)/pip install -q -e '.[test]'
	bash scripts/install-system.sh --test

run: setup
	$(BIN)/derek run corpus -o out

test: setup-test
	$(BIN)/python -m pytest

clean:
	rm -rf out .pytest_cache

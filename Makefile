# The two commands a fresh machine needs: `make build` and `make test`.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install check build serve test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

check: install
	$(BIN)/polyvox check

build: check
	$(BIN)/polyvox build

serve: install
	$(BIN)/polyvox serve

lint: install
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

test: install lint
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench.py L --xl

clean:
	rm -rf site $(VENV) *.egg-info

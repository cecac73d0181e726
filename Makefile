# The two commands a fresh machine needs: `make build` and `make test`.
VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin
LOCK   := requirements.lock
STAMP  := $(VENV)/.installed-stamp
UV     := uv==0.13.8

.PHONY: install system-deps npm-tools check build serve test lint bench lock messages clean

# Every package at the version the suite was last green with (see `make lock`).
$(STAMP): pyproject.toml setup.py $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# The Debian tools the suite drives: a browser, a feed reader, validators.
system-deps:
	bash tests/system-deps.sh

# The npm tools the suite drives (all-contributors, axe-core, Lighthouse), at the versions
# tests/npm pins; installed once, before the tests run (the suite itself never goes online).
NPM_TOOLS := tests/npm/node_modules/.package-lock.json
$(NPM_TOOLS): tests/npm/package.json tests/npm/package-lock.json
	npm ci --prefix tests/npm --no-audit --no-fund --loglevel=error

npm-tools: $(NPM_TOOLS)

# The bundled example community is written as of this day: checked and built as of it, it shows
# what it was written to show (a session still collecting questions, an issue in draft) on any
# later day, with no warning. `make build EXAMPLE_DAY=` builds it as of today.
EXAMPLE_DAY ?= 2026-11-22
AS_OF := $(if $(EXAMPLE_DAY),--today $(EXAMPLE_DAY))

check: install
	$(BIN)/polyvox check $(AS_OF)

build: check
	$(BIN)/polyvox build $(AS_OF)

serve: install
	$(BIN)/polyvox serve

lint: install
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench

test: install system-deps npm-tools lint
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench.py L --xl

# Resolve pyproject.toml into the lock, keeping every pin already there (a new dependency
# gets the newest release that fits); `make lock UPGRADE=1` moves every package to its newest
# allowed release. Run `make test` after it, and commit the lock only when the suite is green.
lock: install
	$(BIN)/python -m pip install --quiet $(UV)
	$(BIN)/uv pip compile pyproject.toml --extra test $(if $(UPGRADE),--upgrade) \
		--python-version $$($(BIN)/python -c 'import platform; print(platform.python_version())') \
		--no-header --output-file $(LOCK)

# After a UI string is added or changed in generator/i18n/messages.py or cli_messages.py: extract
# every message into the template, then merge it into each catalog; translators fill in the new,
# empty msgstr.
CATALOGS := generator/i18n/locale
messages: install
	$(BIN)/pybabel extract -F generator/i18n/babel.cfg -k M:1c,2 -k P:1c,2,3 --no-location \
		--width 100 --project Polyvox --version 0.1 --copyright-holder "the Polyvox authors" \
		-o $(CATALOGS)/messages.pot .
	$(BIN)/pybabel update -i $(CATALOGS)/messages.pot -d $(CATALOGS) --width 100

clean:
	rm -rf site $(VENV) *.egg-info

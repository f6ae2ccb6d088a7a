SHELL := /bin/bash
# copydesk: two commands on a fresh machine (Python 3.11, pip and make assumed).
#   make run   creates .venv, installs copydesk, scores seeds/ and shows the report
#   make test  creates .venv, installs copydesk and the test tools, runs the whole suite

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck pytest browser postgres eval bench clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found (set PYTHON=...)" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip "setuptools>=68" wheel
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/copydesk score seeds/

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check core plugins tests scripts

# mypy cannot follow setuptools' editable import hook, so it checks the package through
# a link tree that mirrors the installed layout (copydesk -> core, copydesk.plugins ->
# plugins); see "Architecture and the type checker" in the README.
typecheck: $(STAMP)
	@rm -rf build/mypy && mkdir -p build/mypy/copydesk
	@for f in core/*; do ln -s ../../../$$f build/mypy/copydesk/; done
	@ln -s ../../../plugins build/mypy/copydesk/plugins
	@MYPYPATH=build/mypy $(BIN)/mypy -p copydesk 2>&1 | sed -e 's#^build/mypy/copydesk/plugins/#plugins/#' -e 's#^build/mypy/copydesk/#core/#'; exit $${PIPESTATUS[0]}

# The HTML report's browser test drives Debian's Chromium through Playwright (its own
# browser download does not work here). CI runs as root, so apt-get can install it;
# not as root, nothing is installed and the browser test skips with the reason.
browser:
	@[ -x /usr/bin/chromium ] || [ "$$(id -u)" != 0 ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The run history's tests start a real PostgreSQL server from Debian's package
# (tests/postgres_support.py runs its initdb/pg_ctl as the postgres user).
postgres:
	@[ -d /usr/lib/postgresql ] || [ "$$(id -u)" != 0 ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }

pytest: $(STAMP) browser postgres
	$(BIN)/python -m pytest

# Scorer quality on the human-labelled corpora in ../shared/data (see docs/scorers/), then
# the score itself: professional grades, AUC per corpus, leave one corpus out (docs/scoring.md).
eval: $(STAMP)
	@for name in hedging figures boilerplate truncation readability model; do \
	  echo "== $$name"; $(BIN)/python scripts/eval_$$name.py || exit $$?; echo; done

# Speed and memory of whole runs (figures in the README, "Performance").
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) build *.egg-info

# The README's two commands are `make run` and `make test`; everything else here serves them.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format messages compilemessages vendor bench clean

# Each target's settings (see docs/deployment.md for a real deployment's): `run` is a
# development server, `test` runs as a deployment would (DEBUG off) with a throwaway key.
run compilemessages messages bench: export DEBUG ?= true
test: export DEBUG ?= false
test: export SECRET_KEY ?= svforum-test-suite-key-0123456789abcdef0123456789
test: export ALLOWED_HOSTS ?= testserver,localhost,127.0.0.1
# The suite runs background work in the request on purpose (the immediate task backend).
test: export SILENCED_SYSTEM_CHECKS ?= svforum.W002

$(VENV)/.run-installed: pyproject.toml
	@./scripts/system-deps run
	@test -x $(PY) || $$(./scripts/find-python) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade "pip>=25.1"
	$(PY) -m pip install --quiet --group run
	@touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.run-installed
	@./scripts/system-deps test
	$(PY) -m pip install --quiet --group test
	@touch $@

compilemessages: $(VENV)/.run-installed
	@$(MANAGE) compilemessages --ignore=.venv --verbosity 0

# Serves the demo on SQLite (or DATABASE_URL) with the immediate task backend.
run: compilemessages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver $(HOST):$(PORT)

# The whole suite: lint, migrations check, Welsh catalogue, unit, integration and browser tests.
test: $(VENV)/.test-installed compilemessages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check --fail-level WARNING
	$(VENV)/bin/pytest -n 2 $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.test-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refreshes the Welsh catalogue from the code; translate the new entries, then `make test`.
messages: $(VENV)/.run-installed
	$(MANAGE) makemessages -l cy --ignore=.venv --ignore=static --no-obsolete --no-location

vendor:
	./scripts/vendor-frontend

bench: $(VENV)/.test-installed compilemessages
	$(PY) tests/bench/forum_home.py
	$(PY) tests/bench/report_pdf.py
	$(PY) tests/bench/analysis.py
	$(PY) tests/bench/commissioning_at_scale.py
	$(PY) tests/bench/imports.py

clean:
	rm -rf $(VENV) staticfiles

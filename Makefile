# The two commands of the README's quick start: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test install install-dev lint format bench clean js-tools

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Letdown needs Python >= 3.11")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Stamp files: reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# JavaScript tooling only (Biome, pinned in package-lock.json); the app has no build step.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@
js-tools: node_modules/.installed

## make run: set up, load the demo content and serve on http://$(HOST):$(PORT)/
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py load_guidance
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: set up, lint, and run the whole suite (DATABASE_URL picks the database)
test: install-dev js-tools
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	npx --no-install biome ci --colors=off .
	# The phone's pure modules (totals, segment edits) under Node's test runner;
	# pinned to a zone far from UTC so a day-boundary slip shows.
	TZ=Pacific/Chatham node --test tests/js/
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install-dev js-tools
	$(VENV)/bin/ruff check .
	npx --no-install biome lint .

format: install-dev js-tools
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	npx --no-install biome check --write .

## make bench: the benchmark suite (not part of the tests); writes docs/performance.md
bench: install-dev
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .ruff_cache

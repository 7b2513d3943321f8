# Two commands do all set-up on a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PORT ?= 8000
# PostgreSQL for the second run of the suite; skipped when it does not answer.
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/kb
PYTEST_ARGS ?=
XDIST ?= -n 2

.PHONY: install install-test run serve worker setup test test-sqlite test-postgres lint format \
        check browser test-django61 clean test-faults load-test

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e ".[test]"
	@touch $@

install: $(VENV)/.installed  ## Build .venv with the site's dependencies

install-test: $(VENV)/.installed-test

setup: install  ## Migrate the database, load the demo data once, make the admin login
	$(PY) manage.py migrate --noinput
	WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) $(PY) manage.py kb_setup

run: setup  ## Serve the site on http://127.0.0.1:$(PORT) with a background worker
	@echo "Worker for background tasks started (logs in .state/worker.log)."
	@mkdir -p .state
	@$(PY) manage.py kb_worker --no-reload > .state/worker.log 2>&1 & echo $$! > .state/worker.pid; \
	trap 'kill $$(cat .state/worker.pid) 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: install  ## Run the background task worker (django-tasks-db, with heartbeat: kb/ops)
	$(PY) manage.py kb_worker

browser:  ## Debian's Chromium (browser tests) and DejaVu fonts (PDF exports); needs root
	@if [ -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ] && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
		echo "Chromium: $$($${CHROMIUM_PATH:-/usr/bin/chromium} --version 2>/dev/null)"; \
	elif [ "$$(id -u)" = "0" ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	else \
		echo "Missing: sudo apt-get install chromium fonts-dejavu-core (browser tests will be skipped)"; \
	fi

check: install-test  ## Lint and Django's own checks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=kb.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=kb.settings.test $(PY) manage.py makemigrations --check --dry-run

test-sqlite: install-test
	DATABASE_URL=sqlite:///$(CURDIR)/.state/test.sqlite3 $(PY) -m pytest $(XDIST) $(PYTEST_ARGS)

test-postgres: install-test
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== PostgreSQL: $(PG_TEST_URL)"; \
		DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest $(XDIST) $(PYTEST_ARGS); \
	else \
		echo "== PostgreSQL not reachable at $(PG_TEST_URL): suite not run on it"; \
		if [ -n "$$KB_REQUIRE_POSTGRES" ]; then exit 1; fi; \
	fi

test: install-test browser check  ## The whole suite, on SQLite and on PostgreSQL
	@mkdir -p .state
	@echo "== SQLite"
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
	$(MAKE) --no-print-directory test-faults

# Faults survived (tests/ops, marked `faults`): a private PostgreSQL instance restarted under
# gunicorn's traffic, killed imports and workers, backups restored. Alone, after the others.
test-faults: install-test
	@if $(PY) -c "import tests.ops.servers as s, sys; sys.exit(s.pg_bindir() is None)" 2>/dev/null; then \
		echo "== Faults (tests/ops, private PostgreSQL)"; \
		KB_RUN_FAULTS=1 $(PY) -m pytest -p no:xdist -m faults tests/ops $(PYTEST_ARGS); \
	else \
		echo "== PostgreSQL server binaries not found: fault tests not run"; \
		if [ -n "$$KB_REQUIRE_POSTGRES" ]; then exit 1; fi; \
	fi

load-test: install-test  ## 50 users for 60 s against gunicorn + PostgreSQL + Redis (bench/load)
	bash bench/load/run.sh

test-django61:  ## The suite on Django 6.1 / Python 3.12 (upgrade path)
	$(MAKE) --no-print-directory VENV=.venv-dj61 PYTHON=$${PYTHON312:-python3.12} install-test
	.venv-dj61/bin/python -m pip install --quiet "django>=6.1,<6.2"
	@mkdir -p .state
	DATABASE_URL=sqlite:///$(CURDIR)/.state/test61.sqlite3 .venv-dj61/bin/python -m pytest $(XDIST) $(PYTEST_ARGS)

lint: check

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) .venv-dj61 .state db.sqlite3 static

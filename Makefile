# The two commands of the README: `make run` and `make test`. Everything else is a helper for them.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app portal
PORT ?= 5000
CHROMIUM ?= /usr/bin/chromium
# pytest-xdist workers: one per core of the 2-core CI machine; TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2
# Debian packages: the PDF letter needs pango (WeasyPrint); the browser tests need Chromium.
RUNTIME_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_PACKAGES := chromium

.PHONY: run test test-postgres test-scale install install-test install-scale runtime-packages chromium debian-packages database check bench clean

run: install runtime-packages database ## start the portal on http://127.0.0.1:$(PORT) with the demo data
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: install-test runtime-packages chromium ## run every test, browser tests included
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The browser tests drive the same views that the route tests call; on PostgreSQL the route, unit and
# concurrency tests prove the database layer, and the browser tests run once, on SQLite (`make test`).
# Tests marked no_database (content, rules, word lists …) or sqlite_enough (content pages, the page cache, rate
# limits, whose database use the other tests prove) would only repeat the SQLite run.
test-postgres: install-test runtime-packages ## the tests without a browser against a throwaway PostgreSQL server
	scripts/with-postgres $(PY) -m pytest -n $(TEST_WORKERS) -m "not browser and not no_database and not sqlite_enough" $(PYTEST_ARGS)

test-scale: install-scale runtime-packages ## two gunicorn instances, one PostgreSQL, one Redis: the README's "Scaling out", proved
	scripts/with-postgres scripts/with-redis $(PY) -m pytest tests/scale $(PYTEST_ARGS)

database: install ## create or upgrade the SQLite database under instance/ and load the demo data
	$(FLASK) db upgrade
	$(FLASK) demo load

check: install ## the easy-language check of all content
	$(FLASK) content check

bench: install-test chromium ## measure speed and size (see bench/README.md)
	$(PY) -m bench.run

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
install-scale: $(VENV)/.installed-scale

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-scale: pyproject.toml $(VENV)/.installed-test
	$(PY) -m pip install --quiet -e '.[test,scale]'
	touch $@

runtime-packages: ## Debian libraries the portal needs (present on a new machine of this kind; installed when missing)
	@$(MAKE) --no-print-directory debian-packages PACKAGES="$(RUNTIME_PACKAGES)"

chromium: ## Debian's Chromium for the browser tests (Playwright cannot download its own here)
	@test -x $(CHROMIUM) || $(MAKE) --no-print-directory debian-packages PACKAGES="$(TEST_PACKAGES)"

debian-packages:
	@missing=$$(for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

clean:
	rm -rf $(VENV) *.egg-info

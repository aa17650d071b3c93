# The two commands of the README: `make run` and `make test`. Everything else is a helper for them.
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app portal
PORT ?= 5000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test test-postgres install install-test chromium database check bench clean

run: install database ## start the portal on http://127.0.0.1:$(PORT) with the demo data
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: install-test chromium ## run every test, browser tests included
	$(PY) -m pytest $(PYTEST_ARGS)

test-postgres: install-test chromium ## the same tests against a throwaway PostgreSQL server
	scripts/with-postgres $(PY) -m pytest $(PYTEST_ARGS)

database: install ## create or upgrade the SQLite database under instance/ and load the demo data
	$(FLASK) db upgrade
	$(FLASK) demo load

check: install ## the easy-language check of all content
	$(FLASK) content check

bench: install-test chromium ## measure speed and size (see bench/README.md)
	$(PY) -m bench.run

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

chromium: ## Debian's Chromium for the browser tests (Playwright cannot download its own here)
	@test -x $(CHROMIUM) || { \
	  echo "Installing Debian's chromium …"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) *.egg-info

# Bereik: the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PIP := $(BIN)/python -m pip --disable-pip-version-check
# The packages are installed by uv (pinned in requirements/tools.txt), many times faster than pip;
# pip only installs uv. Bytecode is compiled at install, once, not by every process that imports.
UV_INSTALL := $(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode
# pytest-xdist workers for `make test` (`auto`: one per core) and `make test-browser` (they share
# one server).
TEST_WORKERS ?= auto
BROWSER_WORKERS ?= 2

.PHONY: demo test test-browser install install-dev install-browser lint format migrate run worker clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The stamp files make a second `make demo` skip the install when nothing changed.
$(VENV)/.installed-tools: requirements/tools.txt $(BIN)/python
	$(PIP) install --quiet -r requirements/tools.txt
	touch $@

$(VENV)/.installed: requirements/base.txt $(VENV)/.installed-tools
	$(UV_INSTALL) -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt $(VENV)/.installed
	$(UV_INSTALL) -r requirements/dev.txt
	touch $@

$(VENV)/.installed-browser: requirements/browser.txt $(VENV)/.installed-dev
	$(UV_INSTALL) -r requirements/browser.txt
	touch $@

$(VENV)/.installed-bench: requirements/bench.txt $(VENV)/.installed-dev
	$(UV_INSTALL) -r requirements/bench.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-browser: $(VENV)/.installed-browser

demo: install
	$(BIN)/python manage.py migrate --noinput
	BEREIK_BASE_URL=http://127.0.0.1:$(PORT) $(BIN)/python manage.py load_demo --if-empty
	@echo "Bereik: http://127.0.0.1:$(PORT)/  (demo users: see README.md; Ctrl-C stops the demo)"
	BEREIK_DEMO=1 $(BIN)/python manage.py serve_demo 127.0.0.1:$(PORT)

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

# Browser tests (Playwright, Debian's /usr/bin/chromium, axe-core) against a live demo server.
test-browser: install-browser
	$(BIN)/pytest tests/browser -m browser -n $(BROWSER_WORKERS) --dist loadgroup -rxX

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install
	$(BIN)/python manage.py db_worker

bench: $(VENV)/.installed-bench
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV)

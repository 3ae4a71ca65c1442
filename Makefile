# Two commands: `make run` (platform on SQLite with demo data) and `make test` (whole test suite).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000

.PHONY: run test setup demo lint bench messages workflow-diagram

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty

run: setup
	@echo "打开 http://$(HOST)/ ，演示账号见 README（例如 qhxf_registrar / demo12345）"
	$(BIN)/python manage.py runserver --insecure $(HOST)

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(VENV)/.installed
	$(BIN)/ruff check .

messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=bench --no-obsolete
	$(BIN)/python locale/fill_po.py
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv

workflow-diagram: $(VENV)/.installed
	$(BIN)/python manage.py draw_workflows

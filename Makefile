# Two commands: `make run` (platform on SQLite with demo data) and `make test` (whole test suite).
# Both run in demo mode (XINFANG_MODE=demo: public development keys, demo accounts). Production:
# `make setup-prod` creates the schema and the first administrator only (docs/security.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1:8000

.PHONY: run test setup setup-prod serve demo lint bench messages workflow-diagram configuration-doc guide-shots

run setup demo test messages workflow-diagram configuration-doc guide-shots: export XINFANG_MODE ?= demo

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# The embedded demo (demo mode, SQLite by default): schema and demo data, once.
setup: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --if-empty

demo: setup

# Production (XINFANG_MODE=production, the keys and DATABASE_URL set; see docs/security.md): checks the
# deployment settings, creates the schema (with the shipped reference data the migrations load) and the
# first administrator from XINFANG_ADMIN_USERNAME/XINFANG_ADMIN_PASSWORD, or asks for createsuperuser.
setup-prod: $(VENV)/.installed
	@test "$${XINFANG_MODE:-production}" = production || { echo "setup-prod: XINFANG_MODE 须为 production"; exit 1; }
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput
	if [ -n "$${XINFANG_ADMIN_USERNAME:-}" ]; then $(BIN)/python manage.py bootstrap_admin; \
	else echo "未设置 XINFANG_ADMIN_USERNAME：请运行 $(BIN)/python manage.py createsuperuser 创建第一个系统管理员"; fi

# The production server (after setup-prod, same environment): gunicorn with config/gunicorn.conf.py,
# workers from XINFANG_WORKERS (default 2 × CPUs + 1), bound to XINFANG_BIND (default 127.0.0.1:8000).
# The container (compose.yaml) runs the same command. Health check: GET /healthz.
serve: $(VENV)/.installed
	$(BIN)/gunicorn -c config/gunicorn.conf.py config.wsgi

run: setup
	@echo "打开 http://$(HOST)/ ，演示账号见 README（例如 qhxf_registrar / demo12345）"
	@# The minute tick beside the server (no Huey consumer in the embedded default): re-sends lost
	@# after-commit jobs and runs the periodic jobs, catching up at start (docs/security.md, 不丢任务).
	$(BIN)/python manage.py run_jobs --loop 60 & trap "kill $$!" EXIT INT TERM; \
	$(BIN)/python manage.py runserver --insecure $(HOST)

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider

lint: $(VENV)/.installed
	$(BIN)/ruff check .

messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=bench --no-obsolete
	$(BIN)/python locale/fill_po.py
	$(BIN)/python manage.py compilemessages -l en -l zh_Hant --ignore=.venv

workflow-diagram: $(VENV)/.installed
	$(BIN)/python manage.py draw_workflows

# docs/configuration.md's tables, from the settings declared in xinfang/*/conf.py
configuration-doc: $(VENV)/.installed
	$(BIN)/python manage.py draw_configuration

# docs/user-guide.md's pictures: walk a clerk's day in Debian's chromium (screenshots into
# artifacts/screenshots/day/), then copy the curated set, made small, into docs/img/user-guide/.
guide-shots: $(VENV)/.installed
	$(BIN)/python -m pytest -q -p no:cacheprovider xinfang/web/tests/test_browser_day.py
	$(BIN)/python manage.py guide_shots

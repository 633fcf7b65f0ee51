# The two commands a newcomer needs: `make run` and `make test`. Everything they need is installed here:
# the virtual environment and Python packages always; Debian packages when running as root.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SETTINGS ?= commons_portal.settings.dev
# Debian packages: WeasyPrint's libraries, fonts, libmagic, gettext; the tests add Debian's Chromium,
# poppler (pdftotext/pdftoppm), docker-compose (to validate docker-compose.yml without an engine) and
# redis-server (a test restarts a Redis of its own under a worker).
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core libmagic1 gettext
TEST_DEBS := $(RUN_DEBS) chromium poppler-utils docker-compose postgresql-client redis-server

.PHONY: help setup run worker test lint audit bench migrate demo clean debs-run debs-test messages backup restore

help:
	@echo "make run    — installe, migre, charge la démo et sert le portail sur http://127.0.0.1:$(PORT)"
	@echo "make test   — installe et lance tous les tests"
	@echo "make lint   — ruff, djlint, migrations à jour"
	@echo "make audit  — manage.py check --deploy, bandit, pip-audit"
	@echo "make bench  — mesures de performance sur un grand jeu de données"

# Install missing Debian packages when we can (root); otherwise say what is missing.
define install_debs
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    echo "Installation des paquets Debian :$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing) >/dev/null || exit 1; \
	  else \
	    echo "Paquets Debian manquants (à installer en root) :$$missing"; \
	  fi; \
	fi
endef

debs-run:
	$(call install_debs,$(RUN_DEBS))

debs-test:
	$(call install_debs,$(TEST_DEBS))

$(VENV)/.installed: pyproject.toml
	@echo "Installation de l'environnement Python dans $(VENV) (la première fois : quelques minutes)…"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -qq --upgrade pip
	@$(PY) -m pip install -qq -e ".[dev]"
	@touch $@

setup: $(VENV)/.installed

var:
	@mkdir -p var/mail var/media

migrate: setup var
	@DJANGO_SETTINGS_MODULE=$(SETTINGS) $(PY) manage.py migrate --noinput -v 0

demo: migrate
	@echo "Chargement des données de démonstration…"
	@DJANGO_SETTINGS_MODULE=$(SETTINGS) $(PY) manage.py load_demo

# Embedded mode by default (SQLite under var/, jobs in-process, e-mails in var/mail/). With DATABASE_URL
# and REDIS_URL set, the same command uses PostgreSQL and Redis and starts a separate Celery worker.
run: debs-run demo
	@echo ""
	@echo "Portail : http://127.0.0.1:$(PORT)/   (courriels : var/mail/)"
	@if [ -n "$$REDIS_URL" ]; then \
	  DJANGO_SETTINGS_MODULE=$(SETTINGS) $(PY) -m celery -A commons_portal worker -l INFO --concurrency=2 & \
	  worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	  DJANGO_SETTINGS_MODULE=$(SETTINGS) $(PY) manage.py runserver 127.0.0.1:$(PORT); \
	else \
	  DJANGO_SETTINGS_MODULE=$(SETTINGS) $(PY) manage.py runserver 127.0.0.1:$(PORT); \
	fi

worker: setup
	DJANGO_SETTINGS_MODULE=$(SETTINGS) $(PY) -m celery -A commons_portal worker -l INFO

# Every test: SQLite by default, PostgreSQL when DATABASE_URL is set; the real-worker tests need REDIS_URL
# (`.ci/run` sets both). Browser tests use Debian's Chromium.
PYTEST_ARGS ?=
test: setup debs-test var
	@$(PY) -m pytest -n $${PYTEST_WORKERS:-auto} --dist loadfile -q -r fEs $(PYTEST_ARGS)

lint: setup
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/djlint templates --lint --quiet
	@DJANGO_SETTINGS_MODULE=commons_portal.settings.test $(PY) manage.py makemigrations --check --dry-run -v 0

audit: setup
	@DJANGO_SETTINGS_MODULE=commons_portal.settings.production SECRET_KEY=$$(openssl rand -hex 32) \
	  DATABASE_URL=sqlite:///tmp/audit.sqlite3 ALLOWED_HOSTS=communs.example.fr \
	  $(PY) manage.py check --deploy --fail-level WARNING
	@$(VENV)/bin/bandit -q -r commons_portal partners roadmaps retex -x '*/migrations/*' -ll
	@$(VENV)/bin/pip-audit --skip-editable --progress-spinner off

bench: setup
	@$(PY) bench/run.py

messages: setup
	@$(PY) manage.py makemessages -l fr --ignore=.venv --ignore=var

clean:
	rm -rf var/db.sqlite3 var/mail var/media var/static var/screenshots

# Backups of the PostgreSQL database named by DATABASE_URL (pg_dump custom format) and of the media.
BACKUP ?= var/backups/commons-$(shell date +%Y%m%d-%H%M%S).dump
backup: setup
	@$(PY) -m commons_portal.ops.backup dump "$(BACKUP)"

restore: setup
	@test -n "$(FROM)" || (echo "Usage : make restore FROM=var/backups/fichier.dump" && exit 2)
	@$(PY) -m commons_portal.ops.backup restore "$(FROM)"

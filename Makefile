# Two commands on a fresh machine: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BACKEND := backend
VENV := $(BACKEND)/.venv
PY := $(VENV)/bin/python
FRONTEND := frontend
export UV_PROJECT_ENVIRONMENT := $(abspath $(VENV))

.PHONY: help run dev venv frontend-deps build migrate test lint test-backend test-frontend \
        test-e2e test-infra test-lambda chromium bench reliability backup restore clean

help:  ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | column -t -s $$'\t'

# --- set-up -----------------------------------------------------------------------------------
$(VENV)/.synced: $(BACKEND)/uv.lock $(BACKEND)/pyproject.toml
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
	cd $(BACKEND) && uv sync --frozen --quiet
	@touch $@

venv: $(VENV)/.synced  ## Create the virtualenv from uv.lock

$(FRONTEND)/node_modules/.installed: $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend-deps: $(FRONTEND)/node_modules/.installed

# Precompressed here, not in `npm run build`: WhiteNoise serves the .br/.gz siblings to the
# browsers that accept them, while the AWS deploy (S3 behind CloudFront, which compresses by
# itself) builds with npm alone and uploads no extra files.
build: frontend-deps  ## Build the single-page app into frontend/dist, precompressed (Brotli, gzip)
	cd $(FRONTEND) && npm run build --silent && node scripts/precompress.mjs

migrate: venv
	cd $(BACKEND) && .venv/bin/python manage.py migrate --noinput

# --- the two commands --------------------------------------------------------------------------
# The web server, the task worker (db_worker) and the minute scheduler run under one supervisor
# (backend/core/supervise.py): Ctrl-C or SIGTERM stops all three.
run: venv  ## Build, migrate and serve everything on http://$${HOST:-127.0.0.1}:$${PORT:-8000}, with the background worker
	@if [ -d $(FRONTEND) ]; then $(MAKE) --no-print-directory build; fi
	cd $(BACKEND) && .venv/bin/python manage.py migrate --noinput
	cd $(BACKEND) && .venv/bin/python manage.py collectstatic --noinput -v0
	cd $(BACKEND) && exec .venv/bin/python -m core.supervise -- .venv/bin/gunicorn -c gunicorn.conf.py

dev: venv  ## Django's auto-reloading server and background worker (API only; run `npm run dev` in frontend/ for the SPA)
	cd $(BACKEND) && .venv/bin/python manage.py migrate --noinput
	cd $(BACKEND) && exec .venv/bin/python -m core.supervise --reload -- \
	  .venv/bin/python manage.py runserver $${HOST:-127.0.0.1}:$${PORT:-8000}

# test-infra runs beside the rest: most of its 4 minutes are the AWS provider's fixed waits in
# the moto apply, not CPU. Its output is kept and shown at the end; either failing fails `make test`.
test: venv  ## The whole suite (the SPA is built before the Python tests check it)
	@mkdir -p var; log=var/test-infra.log; rm -f "$$log" "$$log.rc"; \
	echo "== make test-infra, beside the rest (its output follows at the end)"; \
	( $(MAKE) --no-print-directory test-infra >"$$log" 2>&1; echo $$? >"$$log.rc" ) & infra=$$!; \
	$(MAKE) --no-print-directory lint test-frontend test-backend test-e2e test-lambda; rest=$$?; \
	wait $$infra; echo "== make test-infra (ran beside the rest)"; cat "$$log"; \
	code=$$(cat "$$log.rc" 2>/dev/null || echo 1); rm -f "$$log.rc"; \
	[ $$rest -eq 0 ] && [ "$$code" -eq 0 ]

# --- the parts of `make test` ------------------------------------------------------------------
lint: venv  ## ruff, ruff format, mypy
	cd $(BACKEND) && .venv/bin/ruff check .
	cd $(BACKEND) && .venv/bin/ruff format --check .
	cd $(BACKEND) && .venv/bin/mypy .
	cd $(BACKEND) && .venv/bin/python manage.py makemigrations --check --dry-run >/dev/null

test-backend: venv  ## pytest on SQLite, or on DATABASE_URL/REDIS_URL when set (two xdist workers)
	cd $(BACKEND) && .venv/bin/python -m pytest -n 2

# check:api fails when src/types/openapi.gen.ts differs from what the backend's OpenAPI document
# generates (npm run gen:api), so the SPA's types cannot drift from the API.
# `build` (tsc --noEmit, then vite) is the type check; as a prerequisite it runs once per make
# run, so test-e2e does not build again (it was tsc three times and vite twice).
test-frontend: frontend-deps venv build
	cd $(FRONTEND) && npm run check:api --silent && npm run check:i18n --silent && npm run lint --silent && npm run format:check --silent \
	  && npm test --silent && npm run check-size --silent

chromium:  ## Install Debian's Chromium when missing (Playwright cannot download its own here)
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test-e2e: venv chromium build  ## Playwright in real Chromium against a real server
	$(PY) -m pytest $(FRONTEND)/e2e -p no:django -p no:cacheprovider

test-infra: venv  ## terraform fmt/validate, checkov, HCL wiring and a moto apply
	bash infra/check.sh

test-lambda: venv  ## The Lambda image's locked dependencies on arm64 and x86_64, its handler on Python 3.12
	$(PY) -m pytest infra/lambda -p no:django -p no:cacheprovider -q
	$(PY) infra/lambda/check_dependencies.py

bench: venv  ## Benchmarks (rules, API under load, export, cold start, Lighthouse on the login screen and Today); see docs/BENCHMARKS.md
	bash bench/run.sh

reliability: venv  ## Minutes-long trust tests on SQLite and PostgreSQL+Redis: fuzzing, races, load, faults (docs/RELIABILITY.md)
	$(PY) -m pytest reliability -p no:cacheprovider

backup: venv  ## pg_dump the DATABASE_URL database to var/backups/ (custom format)
	bash scripts/backup.sh

restore: venv  ## Restore FILE=var/backups/<file>.dump into DATABASE_URL
	bash scripts/restore.sh "$(FILE)"

clean:
	rm -rf $(VENV) $(FRONTEND)/node_modules $(FRONTEND)/dist var

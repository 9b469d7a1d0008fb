#!/usr/bin/env bash
# `make bench`: every benchmark in bench/, one Markdown report in var/bench/<UTC time>.md.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust), Redis on 127.0.0.1:6379 and wrk;
# the cold start also needs the Lambda image's Python (3.12, from pyenv) and PyPI or its cache;
# Lighthouse needs frontend/node_modules and Debian's Chromium (it rebuilds frontend/dist).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=backend/.venv/bin/python
mkdir -p var/bench
OUT="var/bench/$(date -u +%Y%m%dT%H%M%SZ).md"
FAILED="$OUT.failed"  # a file, because run() runs in the pipeline's subshell
rm -f "$FAILED"

run() {  # run <script> [args...]: a benchmark that is not written yet is skipped, not failed
  local script=$1
  shift
  if [[ -f bench/$script ]]; then
    echo
    echo "<!-- $PY bench/$script $* -->"
    # One failing benchmark (a missed target exits 1) must not hide the others; `make bench`
    # still fails at the end, naming it.
    "$PY" "bench/$script" "$@" || { echo "_bench/$script exited with status $?._"; echo "$script" >>"$FAILED"; }
  else
    echo
    echo "_bench/$script does not exist yet: skipped._"
  fi
}

{
  echo "# Benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
  echo
  echo "## Rules engine (bench/bench_rules.py)"
  run bench_rules.py
  echo
  echo "## Dashboard summaries (bench/bench_summaries.py)"
  REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}" run bench_summaries.py
  echo
  echo "## Export (bench/bench_export.py)"
  run bench_export.py
  echo
  echo "## Reminders at scale (bench/reminders_bench.py: 20,000 due in one minute, PostgreSQL, 2 workers)"
  REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}" run reminders_bench.py --workers 2
  echo
  echo "## Cold start (bench/bench_cold_start.py: Python 3.12 from the Lambda task root)"
  run bench_cold_start.py --runs 10
  echo
  echo "## Web app on the wire (bench/lighthouse.py: Lighthouse, phone profile, the server of make run)"
  run lighthouse.py
  echo
  run bench_today_grid.py
  echo
  BENCH_REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}" run bench_tokens.py
  echo
  BENCH_REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}" run bench_webhooks.py
  echo
  run bench_api.py "$@"
} 2>&1 | tee "$OUT"
echo
echo "Report written to $OUT"
if [[ -s $FAILED ]]; then
  echo "Missed a target or failed: $(paste -sd ' ' "$FAILED")" >&2
  exit 1
fi

#!/usr/bin/env bash
# Offline checks of the infrastructure code, called by `make test`:
#   1. terraform fmt -check
#   2. terraform init -backend=false + validate of every module and environment
#   3. checkov (own virtualenv, pinned) with zero failed checks
#   4. infra/tests with pytest: HCL security wiring, AWS's rules, the Dockerfile,
#      and terraform applies against local moto servers (started first, in the
#      background, since they mostly wait)
# Idempotent; needs no AWS account. Steps whose tool is missing say so and skip.
set -euo pipefail

INFRA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(dirname "$INFRA_DIR")"
TF_DIR="$INFRA_DIR/terraform"
PLUGIN_DIR="${TF_PLUGIN_DIR:-/opt/tf-plugins}"
BACKEND_PY="$REPO_DIR/backend/.venv/bin/python"
CHECKOV_VENV="$INFRA_DIR/.venv-checkov"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0
# A CLI config variable pointing at a missing file only makes terraform warn.
if [[ -n ${TF_CLI_CONFIG_FILE:-} && ! -f $TF_CLI_CONFIG_FILE ]]; then
  unset TF_CLI_CONFIG_FILE
fi

started=$SECONDS
step() { printf '\n==> %s (at %ss)\n' "$*" "$((SECONDS - started))"; }

# The tests that apply Terraform to moto spend most of their time in the AWS
# provider's fixed waits (an RDS cluster and its instance take 30 s each way), not
# on the CPU, so they run from the start, beside the other steps, in a pytest of
# their own whose output is shown at the end.
MOTO_TESTS=(test_moto_apply.py test_origin_verify_wiring.py)
moto_pid=""
moto_log=""
stop_moto_tests() {
  if [[ -n $moto_pid ]] && kill -0 "$moto_pid" 2>/dev/null; then
    # SIGINT lets pytest run its fixtures' teardown (the moto servers it started).
    kill -INT "$moto_pid" 2>/dev/null || true
    wait "$moto_pid" 2>/dev/null || true
  fi
  if [[ -n $moto_log ]]; then rm -f "$moto_log"; fi
}
trap stop_moto_tests EXIT
if [[ -x $BACKEND_PY ]] && command -v terraform >/dev/null 2>&1 && [[ -d $PLUGIN_DIR ]]; then
  moto_log=$(mktemp)
  "$BACKEND_PY" -m pytest "${MOTO_TESTS[@]/#/$INFRA_DIR/tests/}" -p no:django -p no:cacheprovider -q \
    >"$moto_log" 2>&1 &
  moto_pid=$!
fi

step "terraform fmt"
if ! command -v terraform >/dev/null 2>&1; then
  echo "terraform is not installed: skipping fmt, validate and the moto apply test"
  HAVE_TERRAFORM=0
else
  HAVE_TERRAFORM=1
  terraform fmt -check -recursive "$TF_DIR"
  echo "ok"
fi

step "terraform validate"
if [[ $HAVE_TERRAFORM -eq 0 ]]; then
  echo "skipped (no terraform)"
elif [[ ! -d $PLUGIN_DIR ]]; then
  echo "no provider mirror at $PLUGIN_DIR (set TF_PLUGIN_DIR): skipping validate"
else
  validate() {
    local dir=$1 label=$2
    if (cd "$dir" && terraform init -backend=false -plugin-dir="$PLUGIN_DIR" -input=false -no-color >/dev/null \
      && terraform validate -no-color >/dev/null); then
      echo "ok: $label"
    else
      echo "FAILED: $label"
      (cd "$dir" && terraform validate -no-color) || true
      return 1
    fi
  }
  validate_module() {
    local dir=$1 label=${1#"$TF_DIR"/} tmp alias status=0
    if grep -q configuration_aliases "$dir/versions.tf"; then
      # A module that expects aliased providers cannot be validated alone;
      # validate a copy that declares them.
      tmp=$(mktemp -d)
      cp "$dir"/*.tf "$tmp"/
      for alias in $(sed -n 's/.*configuration_aliases *= *\[\(.*\)\].*/\1/p' "$dir/versions.tf" | tr -d ' ' | tr ',' ' '); do
        printf 'provider "aws" {\n  alias  = "%s"\n  region = "us-west-2"\n}\n' "${alias#aws.}" >>"$tmp/zz_check_providers.tf"
      done
      validate "$tmp" "$label" || status=1
      rm -rf "$tmp"
      return $status
    fi
    validate "$dir" "$label"
  }
  # Loading the provider schema dominates; two at a time uses both cores. Jobs
  # are waited for by id: the moto tests run in the background too.
  failures=0
  pids=()
  for dir in "$TF_DIR"/modules/* "$TF_DIR"/envs/*; do
    validate_module "$dir" &
    pids+=("$!")
    if [[ ${#pids[@]} -ge 2 ]]; then
      for pid in "${pids[@]}"; do wait "$pid" || failures=$((failures + 1)); done
      pids=()
    fi
  done
  for pid in "${pids[@]+"${pids[@]}"}"; do wait "$pid" || failures=$((failures + 1)); done
  if [[ $failures -gt 0 ]]; then
    echo "terraform validate failed for $failures folder(s)"
    exit 1
  fi
fi

step "checkov"
checkov_ready=1
if [[ ! -x $CHECKOV_VENV/bin/checkov ]] || ! cmp -s "$INFRA_DIR/requirements-checkov.txt" "$CHECKOV_VENV/.requirements"; then
  if command -v uv >/dev/null 2>&1; then
    rm -rf "$CHECKOV_VENV"
    if uv venv -q "$CHECKOV_VENV" && VIRTUAL_ENV="$CHECKOV_VENV" uv pip install -q -r "$INFRA_DIR/requirements-checkov.txt"; then
      cp "$INFRA_DIR/requirements-checkov.txt" "$CHECKOV_VENV/.requirements"
    else
      echo "could not install checkov (is PyPI reachable?): skipping"
      rm -rf "$CHECKOV_VENV"
      checkov_ready=0
    fi
  else
    echo "uv is not installed: skipping checkov"
    checkov_ready=0
  fi
fi
if [[ $checkov_ready -eq 1 ]]; then
  # .terraform folders hold copies of local modules; scan the sources only.
  # --skip-download: no guideline lookups on the network, the checks are local.
  "$CHECKOV_VENV/bin/checkov" --config-file "$INFRA_DIR/.checkov.yaml" -d "$TF_DIR" \
    --skip-path '\.terraform' --skip-download --output cli
fi

step "pytest infra/tests"
if [[ ! -x $BACKEND_PY ]]; then
  echo "backend virtualenv missing ($BACKEND_PY): run 'cd backend && uv sync --frozen' first"
  exit 1
fi
ignored=()
if [[ -n $moto_pid ]]; then
  for name in "${MOTO_TESTS[@]}"; do ignored+=("--ignore=$INFRA_DIR/tests/$name"); done
fi
"$BACKEND_PY" -m pytest "$INFRA_DIR/tests" "${ignored[@]+"${ignored[@]}"}" -p no:django -p no:cacheprovider -q

if [[ -n $moto_pid ]]; then
  step "pytest ${MOTO_TESTS[*]} (started at 0s)"
  moto_status=0
  wait "$moto_pid" || moto_status=$?
  moto_pid=""
  cat "$moto_log"
  if [[ $moto_status -ne 0 ]]; then
    echo "the moto tests failed"
    exit 1
  fi
fi

printf '\ninfra/check.sh passed in %ss\n' "$((SECONDS - started))"

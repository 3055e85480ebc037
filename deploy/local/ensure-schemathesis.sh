#!/usr/bin/env bash
# Installs Schemathesis, the property-based API tester that
# test/api-fuzz.e2e-spec.ts runs against each service's OpenAPI document, into
# its own virtual environment under .cache (git-ignored), so its many
# dependencies never meet the system's Python packages.
# Idempotent: does nothing when the pinned version is already there.
set -euo pipefail

SCHEMATHESIS_VERSION="4.32.5"
PYTHON="${PYTHON:-python3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.cache/python/schemathesis"

if [ -x "$venv/bin/schemathesis" ] && "$venv/bin/schemathesis" --version 2>/dev/null | grep -q "version ${SCHEMATHESIS_VERSION}\$"; then
  exit 0
fi
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "ensure-schemathesis: $PYTHON not found; install Python 3 first" >&2
  exit 1
fi

rm -rf "$venv"
"$PYTHON" -m venv "$venv"
PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/pip" install --quiet "schemathesis==${SCHEMATHESIS_VERSION}"
"$venv/bin/schemathesis" --version

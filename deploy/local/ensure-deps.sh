#!/usr/bin/env bash
# Installs npm dependencies exactly as package-lock.json records them, when
# node_modules is missing or older than the lock file. `npm ci` only: an
# install that cannot reproduce the lock file fails here instead of quietly
# resolving another tree.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] installing npm dependencies with npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

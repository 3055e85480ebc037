#!/usr/bin/env bash
# Installs npm dependencies when node_modules is missing or older than the lock file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[deps] installing npm dependencies from package-lock.json" >&2
  # With omit-lockfile-registry-resolved set (as on these machines), npm 11
  # writes other platforms' optional packages without versions and `npm ci`
  # then rejects the lock file; `npm install` installs the same locked tree.
  if ! npm ci --no-audit --no-fund --loglevel=error >&2; then
    echo "[deps] npm ci refused the lock file; installing with npm install" >&2
    npm install --no-audit --no-fund --loglevel=error >&2
  fi
fi

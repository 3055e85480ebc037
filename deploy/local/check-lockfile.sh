#!/usr/bin/env bash
# The lock file must install with `npm ci` on Linux of either architecture, not
# only on the machine that wrote it: a dry run per platform resolves every
# optional native package (@swc/core-*, @unrs/resolver-*) from the lock alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$root/package.json" "$root/package-lock.json" "$root/.npmrc" "$work/"
cd "$work"
for cpu in x64 arm64; do
  if ! npm ci --dry-run --ignore-scripts --os=linux --cpu="$cpu" --libc=glibc --loglevel=error >"$work/$cpu.log" 2>&1; then
    echo "[lockfile] npm ci refuses package-lock.json on linux/$cpu:" >&2
    grep -v '^npm error   ' "$work/$cpu.log" | head -20 >&2
    exit 1
  fi
done
echo "[lockfile] npm ci accepts package-lock.json on linux/x64 and linux/arm64" >&2

#!/usr/bin/env bash
# Installs Chromium, the real browser that the crypto SDK's browser test
# (libs/crypto/src/browser.int-spec.ts) drives headless through playwright-core
# to prove the SDK runs outside Node (WebAssembly libsodium, atob/btoa,
# WebCrypto). Debian's package, not Playwright's download: the CI machines
# reach Debian's mirrors but not Playwright's or Google's browser CDNs.
# Idempotent: only prints the version when `chromium` is already on PATH.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-chromium: chromium not found and no apt-get; install Chromium so that 'chromium' is on PATH" >&2
    exit 1
  fi
  # CI runs as root; a developer's machine goes through sudo.
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "ensure-chromium: installing Debian's chromium package" >&2
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

command -v chromium >/dev/null 2>&1 || {
  echo "ensure-chromium: chromium installed but not on PATH" >&2
  exit 1
}
# Debian's launcher script warns on stderr when /dev/shm shows as more than one
# mount (harmless); show its stderr only when the browser does not start.
errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT
if ! version="$(chromium --version 2>"$errors")"; then
  echo "ensure-chromium: 'chromium --version' failed:" >&2
  cat "$errors" >&2
  exit 1
fi
echo "$version"

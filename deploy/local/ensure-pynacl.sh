#!/usr/bin/env bash
# Installs PyNaCl, the independent libsodium binding that the crypto SDK's
# cross-implementation tests (libs/crypto/src/cross-impl*.int-spec.ts) use to
# prove that what the SDK writes opens with standard libsodium, and back.
# Idempotent: does nothing when `import nacl` already works.
set -euo pipefail

PYNACL_VERSION="1.6.2"
PYTHON="${PYTHON:-python3}"

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "ensure-pynacl: $PYTHON not found; install Python 3 first" >&2
  exit 1
fi

if "$PYTHON" -c 'import nacl' >/dev/null 2>&1; then
  exit 0
fi

# Use the pip that belongs to the interpreter the test will run. A system
# Python that refuses global installs (PEP 668) gets a per-user install.
export PIP_ROOT_USER_ACTION=ignore PIP_DISABLE_PIP_VERSION_CHECK=1
if ! "$PYTHON" -m pip install --quiet "pynacl==${PYNACL_VERSION}"; then
  echo "ensure-pynacl: global install refused, trying a per-user install" >&2
  "$PYTHON" -m pip install --quiet --user --break-system-packages "pynacl==${PYNACL_VERSION}"
fi

"$PYTHON" -c 'import nacl' || {
  echo "ensure-pynacl: pynacl installed but 'import nacl' still fails" >&2
  exit 1
}

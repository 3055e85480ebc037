#!/usr/bin/env bash
# Runs every test tier: unit, integration (real Kafka + MongoDB) and
# end-to-end (the services as separate processes). Starts the test broker and
# database (on their own ports, beside any local stack) unless KAFKA_BROKERS and
# MONGODB_URI name existing ones, and stops them when done.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash deploy/local/ensure-deps.sh
if [ -f deploy/local/ensure-pynacl.sh ]; then bash deploy/local/ensure-pynacl.sh; fi
# The API fuzz test runs Schemathesis against each service's OpenAPI document.
bash deploy/local/ensure-schemathesis.sh
# The crypto SDK's browser test drives the system Chromium.
bash deploy/local/ensure-chromium.sh
# End-to-end tests run the built services.
npm run -s build

if [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${MONGODB_URI:-}" ]; then
  export STACK_DIR="$root/.stack/test" KAFKA_PORT="${TEST_KAFKA_PORT:-29092}" KAFKA_CONTROLLER_PORT="${TEST_KAFKA_CONTROLLER_PORT:-29093}" MONGO_PORT="${TEST_MONGO_PORT:-28017}"
  trap 'bash deploy/local/infra.sh down' EXIT
  bash deploy/local/infra.sh up
  # The jest global set-up finds them running and leaves them to this script.
  export KEEP_TEST_INFRA=1
fi
npx jest --runInBand --ci "$@"

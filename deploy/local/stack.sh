#!/usr/bin/env bash
# The whole local stack on one machine: Kafka, MongoDB (wire-protocol server),
# the development token issuer and the four services.
#
#   stack.sh up     install what is missing, build, start everything, wait for /ready
#   stack.sh down   stop everything this state directory started
#
# Ports: KAFKA_PORT 19092, MONGO_PORT 27117, DEV_ISSUER_PORT 19080,
# intake 3001, legal-status 3002, shelter-capacity 3003, notifications 3004.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/local"
export STACK_DIR="${STACK_DIR:-$root/.stack/dev}"
export KAFKA_PORT="${KAFKA_PORT:-19092}" MONGO_PORT="${MONGO_PORT:-27117}" DEV_ISSUER_PORT="${DEV_ISSUER_PORT:-19080}"
export DEV_ISSUER_STATE_DIR="$STACK_DIR/dev-issuer"
services=(intake:3001 legal-status:3002 shelter-capacity:3003 notifications:3004)
logs="$STACK_DIR/logs"
mkdir -p "$logs"
cd "$root"

log() { echo "[stack] $*" >&2; }

running() {
  local pidfile="$STACK_DIR/$1.pid"
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

start_node() { # name script [env...]
  local name="$1" script="$2"
  shift 2
  if running "$name"; then log "$name already running"; return 0; fi
  env "$@" setsid nohup node --enable-source-maps "$script" >>"$logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STACK_DIR/$name.pid"
}

wait_http() { # name url seconds
  local deadline=$((SECONDS + $3))
  until curl -fsS -o /dev/null "$2" 2>/dev/null; do
    if ! running "$1"; then log "$1 exited; last lines of $logs/$1.log:"; tail -n 20 "$logs/$1.log" >&2; return 1; fi
    if [ "$SECONDS" -ge "$deadline" ]; then log "$1 not ready at $2 after $3 s"; tail -n 20 "$logs/$1.log" >&2; return 1; fi
    sleep 0.5
  done
}

stop_pid() {
  local name="$1" pidfile="$STACK_DIR/$1.pid"
  running "$name" || { rm -f "$pidfile"; return 0; }
  local pid; pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  log "stopped $name"
}

up() {
  bash "$here/ensure-deps.sh"
  log "building"
  npm run -s build
  bash "$here/infra.sh" up
  local brokers="${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}" mongo="${MONGODB_URI:-mongodb://127.0.0.1:$MONGO_PORT}"
  start_node dev-issuer dist/apps/dev-issuer/src/main.js
  wait_http dev-issuer "http://127.0.0.1:$DEV_ISSUER_PORT/.well-known/jwks.json" 30
  local entry name port
  for entry in "${services[@]}"; do
    name="${entry%%:*}" port="${entry##*:}"
    start_node "$name" "dist/apps/$name/src/main.js" HTTP_PORT="$port" KAFKA_BROKERS="$brokers" \
      MONGODB_URI="${mongo%/}/${name//-/_}" AUTH_ISSUER="http://127.0.0.1:$DEV_ISSUER_PORT" \
      AUTH_AUDIENCE=refugio-api AUTH_JWKS_URI="http://127.0.0.1:$DEV_ISSUER_PORT/.well-known/jwks.json"
  done
  for entry in "${services[@]}"; do
    name="${entry%%:*}" port="${entry##*:}"
    wait_http "$name" "http://127.0.0.1:$port/ready" 90
  done
  cat <<INFO

The local stack is up.
  intake            http://127.0.0.1:3001   (API docs: /docs)
  legal-status      http://127.0.0.1:3002
  shelter-capacity  http://127.0.0.1:3003
  notifications     http://127.0.0.1:3004
  token issuer      http://127.0.0.1:$DEV_ISSUER_PORT/.well-known/jwks.json
  Kafka             $brokers
  MongoDB           $mongo
  logs              $logs

A token for a staff member:
  DEV_ISSUER_STATE_DIR=$DEV_ISSUER_STATE_DIR npm run -s token -- --org org_demo --roles intake_worker --sub staff_1
Stop everything: npm run stack:down
INFO
}

down() {
  local entry
  for entry in "${services[@]}"; do stop_pid "${entry%%:*}"; done
  stop_pid dev-issuer
  bash "$here/infra.sh" down
}

case "${1:-up}" in
  up) up ;;
  down) down ;;
  *) echo "usage: stack.sh up|down" >&2; exit 2 ;;
esac

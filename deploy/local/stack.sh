#!/usr/bin/env bash
# The whole local stack on one machine: Kafka, MongoDB (wire-protocol server),
# the development token issuer and the four services.
#
#   stack.sh up     install what is missing, build, start everything, wait for /ready
#   stack.sh down   stop everything this state directory started
#
# Ports: KAFKA_PORT 19092, MONGO_PORT 27117, DEV_ISSUER_PORT 19080,
# intake 3001, legal-status 3002, shelter-capacity 3003, notifications 3004.
#
# KAFKA_BROKERS / MONGODB_URI name an existing broker / MongoDB server: the
# services use it, and neither `up` nor `down` starts or stops the local one.
# Such a broker's credentials come from KAFKA_SASL_MECHANISM / _USERNAME /
# _PASSWORD (every service gets them; none: no SASL). The local broker takes
# only SASL/SCRAM: each service authenticates as its own principal, with the
# password infra.sh generated in $STACK_DIR/kafka/credentials/ (docs/operations.md).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/local"
export STACK_DIR="${STACK_DIR:-$root/.stack/dev}"
export KAFKA_PORT="${KAFKA_PORT:-19092}" MONGO_PORT="${MONGO_PORT:-27117}" DEV_ISSUER_PORT="${DEV_ISSUER_PORT:-19080}"
export DEV_ISSUER_STATE_DIR="$STACK_DIR/dev-issuer"
services=(intake:3001 legal-status:3002 shelter-capacity:3003 notifications:3004)
logs="$STACK_DIR/logs"
jars="${JAR_CACHE_DIR:-$root/.cache/jars}"
mkdir -p "$logs"
cd "$root"

log() { echo "[stack] $*" >&2; }

# The parts of infra.sh this run owns: a variable naming an existing broker or
# database means someone else runs it, so it is neither started nor stopped here.
local_infra=()
[ -n "${KAFKA_BROKERS:-}" ] || local_infra+=(kafka)
[ -n "${MONGODB_URI:-}" ] || local_infra+=(mongo)

# A MongoDB URI may carry a password; never print it.
redact() { sed -E 's#(://)[^/@]*@#\1***@#' <<<"$1"; }

# Fails before anything is installed or built when a tool that the broker or
# the database needs is missing, rather than with "command not found" half-way.
preflight() {
  local problems=() version major modules name
  command -v curl >/dev/null || problems+=("curl (readiness checks)")
  if [ ${#local_infra[@]} -gt 0 ]; then
    if ! command -v java >/dev/null; then
      problems+=("Java 17 or newer, a JDK (runs the Kafka broker and the MongoDB wire-protocol server)")
    else
      # "17.0.15", "21", or "1.8.0_292" for Java 8.
      version="$( (java -version 2>&1 || true) | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
      major="${version%%.*}"
      [ "$major" != 1 ] || major="$(cut -d. -f2 <<<"$version")"
      if ! [[ "$major" =~ ^[0-9]+$ ]] || [ "$major" -lt 17 ]; then
        problems+=("Java 17 or newer (found ${version:-an unknown version} at $(command -v java))")
      elif [[ " ${local_infra[*]} " == *" mongo "* ]]; then
        # The MongoDB server is started from source (MongoLauncher.java), which
        # needs the compiler that a JRE alone lacks.
        modules="$(java --list-modules 2>/dev/null || true)"
        grep -q '^jdk\.compiler@' <<<"$modules" || problems+=("a Java 17+ JDK, not only a JRE (found $(command -v java) without jdk.compiler)")
      fi
    fi
    # fetch-jars.sh needs Maven only for jars not yet in the cache.
    for name in "${local_infra[@]}"; do
      if [ ! -f "$jars/$name/.complete" ] && ! command -v mvn >/dev/null; then
        problems+=("Maven (mvn), to fetch the $name jars from Maven Central once into $jars")
      fi
    done
  fi
  [ ${#problems[@]} -gt 0 ] || return 0
  log "cannot start the local stack; missing:"
  for name in "${problems[@]}"; do log "  - $name"; done
  log "On Debian or Ubuntu: apt-get install openjdk-17-jdk-headless maven curl"
  log "(or set KAFKA_BROKERS and MONGODB_URI to use a broker and database that already run)"
  exit 1
}

# True when one of host:port[,host:port...] accepts a TCP connection; a bounded
# wait, so that an address that drops packets does not hang the start.
any_reachable() {
  local entry host port entries
  IFS=, read -ra entries <<<"$1"
  for entry in "${entries[@]}"; do
    entry="${entry// /}"
    host="${entry%:*}" port="${entry##*:}"
    [ "$host" != "$entry" ] || port="$2"
    host="${host#[}" host="${host%]}"
    # shellcheck disable=SC2016 # $0 and $1 belong to the inner shell
    if timeout 5 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$host" "$port" 2>/dev/null; then return 0; fi
  done
  return 1
}

# Says which broker and database the services will use, and fails early when
# an external one named by KAFKA_BROKERS / MONGODB_URI does not answer.
external_infra() {
  local hosts
  if [ -n "${KAFKA_BROKERS:-}" ]; then
    log "Kafka: KAFKA_BROKERS=$KAFKA_BROKERS (the local broker is not started)"
    any_reachable "$KAFKA_BROKERS" 9092 || { log "no broker in KAFKA_BROKERS=$KAFKA_BROKERS accepts connections"; exit 1; }
  fi
  if [ -n "${MONGODB_URI:-}" ]; then
    log "MongoDB: MONGODB_URI=$(redact "$MONGODB_URI") (the local server is not started)"
    case "$MONGODB_URI" in
      mongodb+srv://*) ;; # hosts come from DNS; the services will report it
      *)
        hosts="${MONGODB_URI#*://}" && hosts="${hosts%%[/?]*}" && hosts="${hosts##*@}"
        any_reachable "$hosts" 27017 || { log "no host in MONGODB_URI accepts connections"; exit 1; }
        ;;
    esac
  fi
}

# A local broker or database left by an earlier run without the variable keeps
# running (nothing here stops it while the variable is set); say so.
note_left_running() {
  local name="$1" variable="$2" status
  status="$(bash "$here/infra.sh" status "$name")"
  case "$status" in
    *running*) log "note: this stack's local $name from an earlier run is still running ($status); stop it with: env -u $variable npm run stack:down" ;;
  esac
}

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

# Signals all the named processes at once and then waits (up to 10 s, then
# SIGKILL): a service takes seconds to leave its consumer group, and one after
# the other made `down` take 20 s.
stop_pids() { # name...
  local name pid deadline i names=() pids=()
  for name in "$@"; do
    if running "$name"; then
      pid="$(cat "$STACK_DIR/$name.pid")"
      kill -TERM "$pid" 2>/dev/null || true
      names+=("$name") pids+=("$pid")
    else
      rm -f "$STACK_DIR/$name.pid"
    fi
  done
  deadline=$((SECONDS + 10))
  for i in "${!pids[@]}"; do
    while kill -0 "${pids[$i]}" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
    if kill -KILL "${pids[$i]}" 2>/dev/null; then log "${names[$i]} ignored SIGTERM for 10 s; killed it"; fi
    rm -f "$STACK_DIR/${names[$i]}.pid"
    log "stopped ${names[$i]}"
  done
}

# Runs a command with the local broker's principal for a service (or admin)
# in its environment, never on a command line (which other users can read);
# for a broker named by KAFKA_BROKERS, as it is: the services inherit that
# broker's KAFKA_SASL_* from this environment.
with_kafka_credentials() { # principal command...
  local principal="$1"
  shift
  if [ -n "${KAFKA_BROKERS:-}" ]; then "$@"; return; fi
  KAFKA_SASL_MECHANISM=scram-sha-512 KAFKA_SASL_USERNAME="$principal" \
    KAFKA_SASL_PASSWORD="$(cat "$STACK_DIR/kafka/credentials/$principal")" "$@"
}

# The key directory's signing key (docs/operations.md): made once and kept in
# $STACK_DIR, because staff CLIs pin its public key and would refuse a new one.
key_directory_signing_key() {
  local file="$STACK_DIR/key-directory-signing-key"
  if [ ! -s "$file" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$file")
  fi
  cat "$file"
}

# Gives each service's principal its ACLs on the local broker (as admin).
local_kafka_acls() {
  with_kafka_credentials admin env KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT" node dist/libs/messaging/src/kafka/acl-cli.js >/dev/null
  log "kafka ACLs applied: each service writes only its own topics"
}

up() {
  preflight
  external_infra
  bash "$here/ensure-deps.sh"
  log "building"
  npm run -s build
  if [ ${#local_infra[@]} -gt 0 ]; then bash "$here/infra.sh" up "${local_infra[@]}"; fi
  [ -n "${KAFKA_BROKERS:-}" ] || local_kafka_acls
  [ -z "${KAFKA_BROKERS:-}" ] || note_left_running kafka KAFKA_BROKERS
  [ -z "${MONGODB_URI:-}" ] || note_left_running mongo MONGODB_URI
  local brokers="${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}" mongo="${MONGODB_URI:-mongodb://127.0.0.1:$MONGO_PORT}"
  # The dev issuer's default identifier; its "dev-issuer" path segment is how
  # services recognise it (and, under NODE_ENV=production, refuse it).
  local issuer="http://127.0.0.1:$DEV_ISSUER_PORT/dev-issuer"
  # Any organization ("*"): the development issuer mints tokens for whichever a developer asks.
  local issuers="[{\"issuer\":\"$issuer\",\"jwksUri\":\"$issuer/.well-known/jwks.json\",\"organizations\":\"*\"}]"
  start_node dev-issuer dist/apps/dev-issuer/src/main.js
  wait_http dev-issuer "$issuer/.well-known/jwks.json" 30
  local entry name port
  local directory_key
  directory_key="$(key_directory_signing_key)"
  for entry in "${services[@]}"; do
    name="${entry%%:*}" port="${entry##*:}"
    local own_key=""
    if [ "$name" = intake ]; then own_key="$directory_key"; fi
    KEY_DIRECTORY_SIGNING_KEY="$own_key" with_kafka_credentials "$name" start_node "$name" "dist/apps/$name/src/main.js" HTTP_PORT="$port" KAFKA_BROKERS="$brokers" \
      MONGODB_URI="${mongo%/}/${name//-/_}" NODE_ENV=development AUTH_ISSUERS="$issuers" \
      AUTH_AUDIENCE=refugio-api
  done
  for entry in "${services[@]}"; do
    name="${entry%%:*}" port="${entry##*:}"
    wait_http "$name" "http://127.0.0.1:$port/ready" 90
  done
  cat <<INFO

The local stack is up.
  intake            http://127.0.0.1:3001   (API docs: /docs, OpenAPI: /docs/openapi.json)
  legal-status      http://127.0.0.1:3002   (API docs: /docs, OpenAPI: /docs/openapi.json)
  shelter-capacity  http://127.0.0.1:3003   (API docs: /docs, OpenAPI: /docs/openapi.json)
  notifications     http://127.0.0.1:3004   (API docs: /docs, OpenAPI: /docs/openapi.json)
  token issuer      $issuer/.well-known/jwks.json
  Kafka             $brokers${KAFKA_BROKERS:+   (KAFKA_BROKERS)}
  MongoDB           $(redact "$mongo")${MONGODB_URI:+   (MONGODB_URI)}
  logs              $logs

A token for a staff member:
  DEV_ISSUER_STATE_DIR=$DEV_ISSUER_STATE_DIR npm run -s token -- --org org_demo --roles intake_worker --sub staff_1
Stop everything: npm run stack:down
INFO
}

down() {
  local entry names=()
  for entry in "${services[@]}"; do names+=("${entry%%:*}"); done
  stop_pids "${names[@]}"
  stop_pids dev-issuer
  if [ ${#local_infra[@]} -gt 0 ]; then bash "$here/infra.sh" down "${local_infra[@]}"; fi
  if [ -n "${KAFKA_BROKERS:-}" ]; then log "KAFKA_BROKERS is set: not stopping any Kafka"; note_left_running kafka KAFKA_BROKERS; fi
  if [ -n "${MONGODB_URI:-}" ]; then log "MONGODB_URI is set: not stopping any MongoDB"; note_left_running mongo MONGODB_URI; fi
}

case "${1:-up}" in
  up) up ;;
  down) down ;;
  *) echo "usage: stack.sh up|down" >&2; exit 2 ;;
esac

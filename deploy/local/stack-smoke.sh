#!/usr/bin/env bash
# Smoke test of README's `npm run stack`, run by .ci/run after the tests, since
# nothing else exercises it: starts the stack exactly as README says, checks
# that the four services answer /ready, that the token issuer serves its JWKS
# and that a token from `npm run token` is accepted by intake, then runs
# `npm run stack:down` and checks that no process of the stack is left and its
# ports are free. Exits 1, with the logs of what failed, on any failure; the
# stack is always stopped (trap), even when a check or the script itself fails.
#
# Like stack.sh it honours KAFKA_BROKERS / MONGODB_URI: the local broker or
# database is then neither started nor expected.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

# The same state directory and ports as stack.sh (its defaults unless set).
stack_env="${STACK_DIR:-$root/.stack/dev}"   # the value stack.sh exports to what it starts
stack_dir="$(realpath -m "$stack_env")"     # the value infra.sh gives the JVMs (-Dstack.dir)
issuer_port="${DEV_ISSUER_PORT:-19080}"
services=(intake:3001 legal-status:3002 shelter-capacity:3003 notifications:3004)
ports=("$issuer_port" 3001 3002 3003 3004)
# The broker and database first: a failure dumps logs in this order, and
# what a CI report keeps is the end, where the services' lines then are.
components=()
if [ -z "${KAFKA_BROKERS:-}" ]; then ports+=("${KAFKA_PORT:-19092}" "${KAFKA_CONTROLLER_PORT:-19093}"); components+=(kafka); fi
if [ -z "${MONGODB_URI:-}" ]; then ports+=("${MONGO_PORT:-27117}"); components+=(mongo); fi
components+=(dev-issuer intake legal-status shelter-capacity notifications)

start=$SECONDS
failures=0
stack_started=0
tmp="$(mktemp -d)"

log() { echo "[stack-smoke] $*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

log_files() { # component -> its log files
  case "$1" in
    kafka) echo "$stack_dir/kafka/format.log" "$stack_dir/kafka/kafka.log" ;;
    mongo) echo "$stack_dir/mongo/mongo.log" ;;
    *) echo "$stack_dir/logs/$1.log" ;;
  esac
}

# The node processes' logs grow across runs (the JVMs' are rewritten at each
# start); remember where this run begins so that a failure prints this run's
# lines, not an earlier run's.
declare -A log_offset
for c in "${components[@]}"; do
  case "$c" in kafka | mongo) continue ;; esac
  f="$(log_files "$c")"
  log_offset[$f]="$(stat -c %s "$f" 2>/dev/null || echo 0)"
done

dump_logs() { # component...
  local c f from
  for c in "$@"; do
    for f in $(log_files "$c"); do
      [ -f "$f" ] || { echo "----- $c: no log at $f" >&2; continue; }
      from="${log_offset[$f]:-0}"
      [ "$(stat -c %s "$f")" -ge "$from" ] || from=0   # truncated since
      if [ "$(stat -c %s "$f")" -eq "$from" ]; then echo "----- $c: nothing written to $f in this run" >&2; continue; fi
      echo "----- $c: last lines of $f" >&2
      tail -c +"$((from + 1))" "$f" | tail -n 60 >&2
    done
  done
  echo "-----" >&2
}

fail() { # message component...
  failures=$((failures + 1))
  log "FAIL: $1"
  shift
  [ $# -eq 0 ] || dump_logs "$@"
}

not_running_services() { # the node processes stack.sh started that have exited
  local c pidfile gone=()
  for c in "${components[@]}"; do
    pidfile="$stack_dir/$c.pid"
    case "$c" in kafka | mongo) continue ;; esac
    if [ ! -f "$pidfile" ] || ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then gone+=("$c"); fi
  done
  echo "${gone[*]:-none}"
}

stack_down() {
  local status=0
  stack_started=0
  npm run -s stack:down || status=$?
  return "$status"
}

cleanup() {
  local status=$?
  if [ "$stack_started" = 1 ]; then
    log "stopping the stack after an early exit"
    stack_down || true
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# http_status out-file method url [curl args...]: the status code ("000" when
# nothing answered); the body goes to out-file.
http_status() {
  local out="$1" method="$2" url="$3"
  shift 3
  curl -sS -o "$out" -w '%{http_code}' --max-time 10 -X "$method" "$@" "$url" 2>>"$tmp/curl.err" || true
}

# Someone else's process on a stack port (another checkout's stack, say) would
# make every check below meaningless, and `down` must not be run against it.
busy=()
for p in "${ports[@]}"; do if port_open "$p"; then busy+=("$p"); fi; done
if [ ${#busy[@]} -gt 0 ]; then
  log "FAIL: port(s) ${busy[*]} already in use before the stack starts; stop what holds them:"
  ss -ltnp 2>/dev/null | grep -E ":($(IFS='|'; echo "${busy[*]}"))\b" >&2 || true
  exit 1
fi

log "npm run stack"
stack_started=1
up_start=$SECONDS
if ! npm run stack; then
  fail "npm run stack exited non-zero after $((SECONDS - up_start)) s" "${components[@]}"
  log "FAIL: npm run stack exited non-zero; not running: $(not_running_services)"
  exit 1
fi
up_seconds=$((SECONDS - up_start))

checks_start=$SECONDS
for entry in "${services[@]}"; do
  name="${entry%%:*}" port="${entry##*:}"
  code="$(http_status "$tmp/ready" GET "http://127.0.0.1:$port/ready")"
  if [ "$code" = 200 ]; then log "ok: $name /ready 200"; else fail "$name GET /ready answered $code: $(head -c 500 "$tmp/ready" 2>/dev/null)" "$name"; fi
done

code="$(http_status "$tmp/jwks" GET "http://127.0.0.1:$issuer_port/dev-issuer/.well-known/jwks.json")"
if [ "$code" = 200 ] && node -e '
  const { keys } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => k.kid && k.kty)) process.exit(1);
' "$tmp/jwks"; then
  log "ok: issuer JWKS"
else
  fail "issuer JWKS answered $code: $(head -c 500 "$tmp/jwks" 2>/dev/null)" dev-issuer
fi

# README's token command, then an authenticated write and read on intake: a
# 401 without the token shows the endpoint does check it.
token_check() {
  local token code case_id
  if ! token="$(DEV_ISSUER_STATE_DIR="$stack_env/dev-issuer" npm run -s token -- --org org_demo --roles intake_worker --sub stack_smoke 2>"$tmp/token.err")"; then
    fail "npm run token failed: $(cat "$tmp/token.err")" dev-issuer
    return
  fi
  local body='{"routing":{"country":"MX","regionCode":"MX-CHP","needCategories":["legal"],"urgency":"routine","languages":["es"]}}'
  code="$(http_status "$tmp/anon" POST http://127.0.0.1:3001/cases -H 'content-type: application/json' -d "$body")"
  [ "$code" = 401 ] || { fail "intake POST /cases without a token answered $code, expected 401" intake; return; }
  code="$(http_status "$tmp/open" POST http://127.0.0.1:3001/cases -H 'content-type: application/json' -H "authorization: Bearer $token" -d "$body")"
  [ "$code" = 201 ] || { fail "intake POST /cases with a minted token answered $code: $(head -c 500 "$tmp/open")" intake dev-issuer; return; }
  case_id="$(node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).caseId ?? ""))' "$tmp/open")"
  code="$(http_status "$tmp/read" GET "http://127.0.0.1:3001/cases/$case_id" -H "authorization: Bearer $token")"
  [ "$code" = 200 ] || { fail "intake GET /cases/$case_id with a minted token answered $code: $(head -c 500 "$tmp/read")" intake; return; }
  log "ok: a token from npm run token opens and reads a case on intake"
}
token_check
checks_seconds=$((SECONDS - checks_start))

# What `down` has to stop, to look for afterwards.
declare -A started_pids
for f in "$stack_dir"/*.pid; do
  if [ -f "$f" ]; then started_pids[$(basename "$f" .pid)]="$(cat "$f")"; fi
done

log "npm run stack:down"
down_start=$SECONDS
stack_down || fail "npm run stack:down exited non-zero"
down_seconds=$((SECONDS - down_start))

# Anything left: a pid that down should have stopped, or any java/node process
# started from this state directory (stack.sh exports STACK_DIR to everything
# it starts; infra.sh passes -Dstack.dir to the JVMs), or a port still served.
leftovers=()
for name in "${!started_pids[@]}"; do
  pid="${started_pids[$name]}"
  if kill -0 "$pid" 2>/dev/null; then
    leftovers+=("$pid")
    fail "$name (pid $pid) still runs after stack:down" "$name"
  fi
done
for dir in /proc/[0-9]*; do
  pid="${dir#/proc/}"
  case "$(cat "$dir/comm" 2>/dev/null)" in java | node) ;; *) continue ;; esac
  if grep -zqxF "STACK_DIR=$stack_env" "$dir/environ" 2>/dev/null || grep -zqxF -- "-Dstack.dir=$stack_dir" "$dir/cmdline" 2>/dev/null; then
    if [[ " ${leftovers[*]} " == *" $pid "* ]]; then continue; fi
    leftovers+=("$pid")
    fail "process of the stack left after stack:down: pid $pid: $(tr '\0' ' ' <"$dir/cmdline" | head -c 300)"
  fi
done
for p in "${ports[@]}"; do
  if port_open "$p"; then fail "port $p still accepts connections after stack:down: $(ss -ltnp 2>/dev/null | grep -E ":$p\b" || true)"; fi
done
if [ ${#leftovers[@]} -gt 0 ]; then
  # Reported above; not left behind for the next run. Only processes this
  # state directory started are in the list.
  kill -KILL "${leftovers[@]}" 2>/dev/null || true
fi

timing="up ${up_seconds} s, checks ${checks_seconds} s, down ${down_seconds} s, total $((SECONDS - start)) s"
if [ "$failures" -gt 0 ]; then
  log "stack smoke test FAILED: $failures failure(s) ($timing)"
  exit 1
fi
log "stack smoke test passed ($timing)"

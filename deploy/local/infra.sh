#!/usr/bin/env bash
# Starts and stops the local Kafka broker (KRaft, single node) and the MongoDB
# wire-protocol server. Idempotent: `up` leaves running processes alone, `down`
# stops only what this state directory started.
#
#   infra.sh up|down|status [kafka|mongo]...   (default: both)
#   infra.sh kill kafka                          SIGKILL, for failure tests
#
# Environment: STACK_DIR (state: data, logs, pid files; default .stack/dev),
# KAFKA_PORT (19092), KAFKA_CONTROLLER_PORT (19093), MONGO_PORT (27117),
# MONGO_JAVA_OPTS (JVM options of the MongoDB server; default -Xms128m -Xmx1g).
#
# The broker accepts only authenticated clients (SASL/SCRAM-SHA-512), one
# principal per service plus `admin` (the broker's own and the tests' and
# operators'), with random passwords generated on the first start into
# $STACK_DIR/kafka/credentials/<principal> (mode 0600). docs/operations.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/local"
state="$(realpath -m "${STACK_DIR:-$root/.stack/dev}")"
jars="${JAR_CACHE_DIR:-$root/.cache/jars}"
kafka_port="${KAFKA_PORT:-19092}"
controller_port="${KAFKA_CONTROLLER_PORT:-19093}"
mongo_port="${MONGO_PORT:-27117}"
mkdir -p "$state"

log() { echo "[infra] $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A pid file counts only while its process is alive and is still ours (the pid
# may have been reused after a reboot).
running_pid() {
  local name="$1" pidfile="$state/$1.pid" pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$state"; then
    echo "$pid"
    return 0
  fi
  rm -f "$pidfile"
  return 1
}

wait_for() {
  local what="$1" seconds="$2" check="$3" pid="$4" logfile="$5"
  local deadline=$((SECONDS + seconds))
  until eval "$check"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$what exited during start-up; last lines of $logfile:"
      tail -n 30 "$logfile" >&2 || true
      return 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "$what not ready after ${seconds}s; last lines of $logfile:"
      tail -n 30 "$logfile" >&2 || true
      return 1
    fi
    sleep 0.2
  done
}

# One principal per service (each may write only its own topics; the ACLs are
# applied by deploy/local/kafka-acls, see docs/operations.md) and admin.
principals=(admin intake legal-status shelter-capacity notifications)

# A password per principal, made once per state directory and kept: the broker
# stores only SCRAM hashes of them, at format time.
ensure_credentials() {
  local dir="$1/credentials" name
  (umask 077 && mkdir -p "$dir")
  for name in "${principals[@]}"; do
    [ -s "$dir/$name" ] && continue
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$dir/$name.tmp" && mv "$dir/$name.tmp" "$dir/$name")
  done
}

password_of() { cat "$state/kafka/credentials/$1"; }

kafka_up() {
  if running_pid kafka >/dev/null; then log "kafka already running on 127.0.0.1:$kafka_port"; return 0; fi
  if port_open "$kafka_port"; then log "port $kafka_port is taken by another process"; return 1; fi
  "$here/fetch-jars.sh" kafka
  local dir="$state/kafka" cp="$jars/kafka/*" admin_password
  mkdir -p "$dir"
  # Data formatted before the broker required SASL holds no SCRAM users and
  # cannot gain them offline; the local broker's data is disposable, so start over.
  if [ -f "$dir/data/meta.properties" ] && [ ! -d "$dir/credentials" ]; then
    log "kafka data predates SASL; reformatting the local broker's storage (its topics are lost)"
    rm -rf "$dir/data"
  fi
  mkdir -p "$dir/data"
  ensure_credentials "$dir"
  admin_password="$(password_of admin)"
  # Holds the admin password: readable by this user only.
  rm -f "$dir/server.properties" && (umask 077 && : >"$dir/server.properties")
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=SASL_PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=SASL_PLAINTEXT://127.0.0.1:$kafka_port
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_PLAINTEXT
# Clients: SCRAM, whose users live in the cluster metadata (made at format time).
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
# The controller cannot use SCRAM (it serves the metadata SCRAM reads), so it
# takes PLAIN with the admin password: no anonymous client reaches it either.
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="$admin_password" user_admin="$admin_password";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin
allow.everyone.if.no.acl.found=false
log.dirs=$dir/data
num.partitions=3
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
PROPS
  if [ ! -f "$dir/data/meta.properties" ]; then
    local uuid
    uuid="$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
    local scram=() name
    for name in "${principals[@]}"; do scram+=(--add-scram "SCRAM-SHA-512=[name=$name,password=$(password_of "$name")]"); done
    java -cp "$cp" kafka.tools.StorageTool format -t "$uuid" -c "$dir/server.properties" "${scram[@]}" >"$dir/format.log" 2>&1
  fi
  : >"$dir/kafka.log"
  log "starting kafka on 127.0.0.1:$kafka_port"
  setsid nohup java -Xms256m -Xmx512m -XX:+UseG1GC -Dlog4j.configuration="file:$here/jvm/log4j.properties" \
    -Dstack.dir="$state" -cp "$cp" kafka.Kafka "$dir/server.properties" >"$dir/kafka.log" 2>&1 </dev/null &
  echo $! >"$state/kafka.pid"
  wait_for kafka 90 "grep -q 'Kafka Server started' '$dir/kafka.log' && port_open $kafka_port" "$!" "$dir/kafka.log"
  log "kafka ready on 127.0.0.1:$kafka_port"
}

mongo_up() {
  if running_pid mongo >/dev/null; then log "mongo already running on 127.0.0.1:$mongo_port"; return 0; fi
  if port_open "$mongo_port"; then log "port $mongo_port is taken by another process"; return 1; fi
  "$here/fetch-jars.sh" mongo
  local dir="$state/mongo"
  mkdir -p "$dir"
  log "starting mongo-java-server on 127.0.0.1:$mongo_port"
  setsid nohup java ${MONGO_JAVA_OPTS:--Xms128m -Xmx1g} -Dstack.dir="$state" -cp "$jars/mongo/*" \
    "$here/jvm/MongoLauncher.java" "$mongo_port" >"$dir/mongo.log" 2>&1 </dev/null &
  echo $! >"$state/mongo.pid"
  wait_for mongo 60 "port_open $mongo_port" "$!" "$dir/mongo.log"
  log "mongo ready on 127.0.0.1:$mongo_port"
}

stop() {
  local name="$1" signal="${2:-TERM}" pid
  pid="$(running_pid "$name")" || { log "$name not running"; return 0; }
  log "stopping $name (pid $pid, SIG$signal)"
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$state/$name.pid"; return 0; }
    sleep 0.2
  done
  log "$name did not stop in 30s; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$state/$name.pid"
}

status() {
  local name
  for name in "$@"; do
    if pid="$(running_pid "$name")"; then echo "$name running (pid $pid)"; else echo "$name stopped"; fi
  done
}

cmd="${1:-status}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(kafka mongo)

case "$cmd" in
  up) for t in "${targets[@]}"; do "${t}_up"; done ;;
  down) for t in "${targets[@]}"; do stop "$t"; done ;;
  kill) for t in "${targets[@]}"; do stop "$t" KILL; done ;;
  status) status "${targets[@]}" ;;
  *) echo "usage: infra.sh up|down|kill|status [kafka|mongo]..." >&2; exit 2 ;;
esac

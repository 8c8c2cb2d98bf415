#!/usr/bin/env bash
# Fail-over measurement: the ours app on the Redis store against a Redis Cluster or through Sentinel
# (.ci/redis-ha, on loopback), logged-in visitors under steady load, one primary killed with kill -9;
# reports how long requests failed, how they failed, and how many acknowledged writes were lost.
#
#   benchmarks/failover.sh cluster|sentinel defaults|recommended [--app-prop name=value ...]
#
# "defaults" is Spring Boot's Redis settings as they come; "recommended" adds the settings the README
# recommends for a short fail-over (see RECOMMENDED below). --app-prop adds any app property, e.g.
# --app-prop app.session.redis.wait-replicas=1. Bounded: about 60-90 s a run (MAX seconds of load
# after the kill at most); every process it starts (the app, the Redis nodes) is stopped at the end.
# Settings: VISITORS (32), WARMUP (5 s), QUIET (5 s of success ends the run), MAX (40 s),
# PORT (18097), OUT (benchmarks/results/failover-<topology>-<settings>.txt), BUILD=1 rebuilds the jar.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
JAR=$HERE/target/benchmarks-apps.jar
PORT=${PORT:-18097}
VISITORS=${VISITORS:-32}
WARMUP=${WARMUP:-5}
QUIET=${QUIET:-5}
MAX=${MAX:-40}
JAVA_OPTS=${JAVA_OPTS:-"-Xms512m -Xmx512m"}
CLUSTER_NODES=127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003,127.0.0.1:7004,127.0.0.1:7005
SENTINEL_NODES=127.0.0.1:26380,127.0.0.1:26381,127.0.0.1:26382
# Fail fast while a primary is gone (a 503 within a second, not Lettuce's 60 s default), and learn the
# new primary as soon as a connection drops or a command is redirected, with a periodic check besides.
RECOMMENDED=(--spring.data.redis.timeout=1s --spring.data.redis.connect-timeout=500ms
  --spring.data.redis.lettuce.cluster.refresh.adaptive=true --spring.data.redis.lettuce.cluster.refresh.period=1s)

log() { printf '[failover %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cli() { redis-cli -h 127.0.0.1 -p "$1" "${@:2}" 2>/dev/null; }

# kill-primary cluster|sentinel: kill -9 the primary that holds the first visitor's session
# (SESSION_IDS, from the load client); prints what it killed.
if [ "${1:-}" = kill-primary ]; then
  DIR=${REDIS_HA_DIR:-/tmp/sessionmap-redis-ha}
  if [ "$2" = cluster ]; then
    id=$(printf '%s\n' "$SESSION_IDS" | head -1)
    key="sessionmap-failover:session:{$(printf '%s' "$id" | sha256sum | cut -d' ' -f1)}"
    slot=$(cli 7000 cluster keyslot "$key")
    port=$(cli 7000 cluster nodes | awk -v slot="$slot" '$3 ~ /master/ && $8 == "connected" {
      for (i = 9; i <= NF; i++) { split($i, r, "-"); if (slot >= r[1] && slot <= (r[2] == "" ? r[1] : r[2])) { split($2, a, "[:@]"); print a[2] } } }' | head -1)
    what="cluster primary 127.0.0.1:$port (slot $slot of the first visitor's session)"
  else
    port=$(cli 26380 sentinel get-master-addr-by-name sessionmap | tail -1)
    what="sentinel primary 127.0.0.1:$port"
  fi
  pid=$(cat "$DIR/$port/redis.pid")
  grep -q redis-server "/proc/$pid/cmdline" || { echo "no redis-server of ours on $port"; exit 1; }
  kill -9 "$pid"
  at=$(date +%s%3N)
  echo "$what, pid $pid"
  echo "$at"
  exit 0
fi

TOPOLOGY=${1:-}
SETTINGS=${2:-}
shift 2 || true
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    --app-prop) EXTRA+=("--$2"); shift 2 ;;
    *) log "unknown argument $1"; exit 2 ;;
  esac
done
case "$TOPOLOGY" in
  cluster) REDIS=(--spring.data.redis.cluster.nodes=$CLUSTER_NODES) ;;
  sentinel) REDIS=(--spring.data.redis.sentinel.nodes=$SENTINEL_NODES --spring.data.redis.sentinel.master=sessionmap) ;;
  *) log "usage: $0 cluster|sentinel defaults|recommended [--app-prop name=value ...]"; exit 2 ;;
esac
case "$SETTINGS" in
  defaults) TUNING=() ;;
  recommended) TUNING=("${RECOMMENDED[@]}") ;;
  *) log "usage: $0 cluster|sentinel defaults|recommended [--app-prop name=value ...]"; exit 2 ;;
esac
SUFFIX=""
[ ${#EXTRA[@]} -gt 0 ] && SUFFIX=-$(printf '%s' "${EXTRA[*]}" | tr -c 'a-zA-Z0-9=.\n' '-' | sed 's/^-*//;s/-*$//')
OUT=${OUT:-$HERE/results/failover-$TOPOLOGY-$SETTINGS$SUFFIX.txt}
mkdir -p "$(dirname "$OUT")" "$HERE/target"
APP_LOG=$HERE/target/failover-app-$TOPOLOGY-$SETTINGS.log

if [ ! -f "$JAR" ] || [ "${BUILD:-0}" = 1 ]; then
  log "building $JAR"
  (cd "$ROOT" && ./mvnw -B -q -ntp -Pbenchmarks -pl benchmarks -am package -DskipTests) || exit 1
fi

APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$APP_PID" 2>/dev/null
  fi
  "$ROOT/.ci/redis-ha" stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A fresh set-up each run: the previous run's killed primary is gone for good.
"$ROOT/.ci/redis-ha" stop
"$ROOT/.ci/redis-ha" start "$TOPOLOGY" || exit 1
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && { log "port $PORT is in use; set PORT"; exit 1; }

APP_ARGS=(ours --app.session.store=redis --app.session.redis.namespace=sessionmap-failover
  --server.address=127.0.0.1 --server.port="$PORT" --spring.profiles.active=h2
  "${REDIS[@]}" "${TUNING[@]}" "${EXTRA[@]}")
log "starting the app: ${APP_ARGS[*]}"
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" "${APP_ARGS[@]}" >"$APP_LOG" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/noop" && break
  kill -0 "$APP_PID" 2>/dev/null || { tail -30 "$APP_LOG" >&2; log "the app did not start"; exit 1; }
  sleep 0.5
done

log "load: $VISITORS visitors, kill after $WARMUP s, at most $MAX s after it; output $OUT"
{
  echo "# benchmarks/failover.sh $TOPOLOGY $SETTINGS ${EXTRA[*]}"
  echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ), $(redis-server --version | cut -d' ' -f3), $(nproc) cores"
  echo "# app: ${APP_ARGS[*]}"
  echo "# redis: .ci/redis-ha (cluster-node-timeout / down-after-milliseconds ${REDIS_HA_NODE_TIMEOUT_MS:-2000} ms)"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" failover-load --url="http://127.0.0.1:$PORT" --visitors="$VISITORS" \
    --warmup="$WARMUP" --quiet="$QUIET" --max="$MAX" --kill="'$0' kill-primary $TOPOLOGY" 2>&1
  echo "# app log: 503s logged $(grep -c 'answering 503' "$APP_LOG"), other errors $(grep ' ERROR ' "$APP_LOG" | grep -vc 'answering 503')"
} | tee "$OUT"

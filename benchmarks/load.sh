#!/usr/bin/env bash
# Compares sessionmap with Spring Session JDBC and Tomcat's in-memory HttpSession under wrk load,
# on 127.0.0.1 only. See benchmarks/README.md for what each case means.
#
#   benchmarks/load.sh [all|sql|throughput|heap|profile]   (default: all; profile is never part of all)
#
# Settings (environment), with their defaults:
#   DURATION=10s  WARMUP=5s  RUNS=3        each measured case, its warm-up, runs per case (medians)
#   THREADS=2  CONNECTIONS=16  SESSIONS=256 wrk threads and connections, sessions of the spread cases
#   DBS="h2 postgres"                        databases; postgres is 127.0.0.1:5432, database test,
#                                            user postgres, schema sessionmap_bench (its own)
#   APPS="spring-session-jdbc http-session ours-datastore"
#                                            ours-<store> runs sessionmap with app.session.store=<store>;
#                                            ours-http-<store> the same behind the peers' HttpSession controller;
#                                            ours-<store>+metrics with Micrometer and sessionmap's metrics,
#                                            ours-<store>+micrometer with Micrometer but not sessionmap's metrics;
#                                            ours-<store>+atrest with app.session.encrypt-at-rest=true;
#                                            <app>+virtual with spring.threads.virtual.enabled=true (JAVA must be 21+);
#                                            ours-redis+wait<n> waits for <n> replicas per write (REDIS_URL: a
#                                            primary with replicas; default redis://127.0.0.1:6379)
#                                            <app>@<label> runs it from benchmarks/target/benchmarks-apps-<label>.jar,
#                                            to compare two builds in one run (ours-datastore@before ours-datastore@after)
#   CASES="counter-1 counter-<SESSIONS> counter-browser read-<SESSIONS> noop-cookie noop-none"   the cases
#                                            measured (counter-browser: CONNECTIONS visitors that follow their
#                                            Set-Cookie); also merge-1 and merge-<SESSIONS> (/hits, a merge)
#   HEAP_DB=postgres  HEAP_SESSIONS=100000  HEAP_BASE=1000   the heap check
#   JIT_WARMUP=120s                          at most this long, before the per-case warm-ups, every case in turn
#                                            in 2 s slices until the JIT compilers use under 5% of a core (0: off)
#   JAVA_OPTS="-Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch"   the same for every app
#   JAVA=java                                the java command for the apps (a JDK 21+ for +virtual)
#   APP_ARGS=""                              more arguments for every app (--spring.datasource.hikari.maximum-pool-size=32)
#   PORT=18080  OUT=benchmarks/target/load-<time>  BUILD=0 (1: rebuild the jar first)
#   SLICES=0                                 0: each app runs alone, its cases one after another. n > 0: every
#                                            app of a database runs at once (ports PORT, PORT+1, ...) and each
#                                            case is measured as n rounds of DURATION slices, the apps taking
#                                            turns, so a ratio compares figures taken in the same seconds
#   REDIS_NAMESPACE=sessionmap-bench         the key prefix of ours-redis on the shared 127.0.0.1:6379
#   PROFILE_APP=ours-secure-cookie  PROFILE_CASE=counter-$SESSIONS  PROFILE_EVENT=cpu (or alloc)
#   PROFILE_WARMUP=60s                       profile: one app and case on the first of DBS under async-profiler
#                                            (downloaded from Maven Central), DURATION long after the warm-ups:
#                                            the collapsed stacks and what each request cost by who did the work
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
MODE=${1:-all}

DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-5s}
RUNS=${RUNS:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
SESSIONS=${SESSIONS:-256}
DBS=${DBS:-"h2 postgres"}
APPS=${APPS:-"spring-session-jdbc http-session ours-datastore"}
HEAP_DB=${HEAP_DB:-postgres}
HEAP_SESSIONS=${HEAP_SESSIONS:-100000}
HEAP_BASE=${HEAP_BASE:-1000}
JAVA_OPTS=${JAVA_OPTS:-"-Xms1g -Xmx1g -XX:+UseG1GC -XX:+AlwaysPreTouch"}
JIT_WARMUP=${JIT_WARMUP:-120s}
PORT=${PORT:-18080}
JAVA=${JAVA:-java}
APP_ARGS=${APP_ARGS:-}
OUT=${OUT:-$HERE/target/load-$(date +%Y%m%d-%H%M%S)}
BUILD=${BUILD:-0}
SLICES=${SLICES:-0}
JAR=$HERE/target/benchmarks-apps.jar
BASE_URL="http://127.0.0.1:$PORT"
CASES=${CASES:-"counter-1 counter-$SESSIONS counter-browser read-$SESSIONS noop-cookie noop-none"}

# Extra arguments for one of our stores. Adding a store to the comparison: add ours-<store> to APPS,
# and a line here if the store needs settings.
# A secret made for this run only, never written down: the secure-cookie store needs one.
BENCH_SECRET=${BENCH_SECRET:-$(head -c 32 /dev/urandom | base64)}
REDIS_NAMESPACE=${REDIS_NAMESPACE:-sessionmap-bench}
store_args() {
  case "$1" in
    datastore) echo "" ;;
    # On PostgreSQL the cookie store keeps users' revocation epochs in a table; it is read only for
    # logged-in visitors, which the cases have none of.
    secure-cookie) echo "--app.session.secret=$BENCH_SECRET --app.session.revocation.initialize-schema=always" ;;
    redis) echo "--spring.data.redis.url=${REDIS_URL:-redis://127.0.0.1:6379} --app.session.redis.namespace=$REDIS_NAMESPACE" ;;
    *) echo "" ;;
  esac
}

# What the metrics variants exclude in place of application.properties' Micrometer list: an
# auto-configuration every sessionmap app leaves out already, and sessionmap's metrics.
EXCLUDED_ANYWAY=org.springframework.boot.session.autoconfigure.SessionsEndpointAutoConfiguration
SESSIONMAP_METRICS=dev.sessionmap.autoconfigure.SessionMetricsAutoConfiguration

log() { printf '[load %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- processes: every one we start is stopped by PID, also on error or Ctrl-C ----
APP_PID=""
stop_app() {
  local pid=$APP_PID
  [ -n "$pid" ] || return 0
  APP_PID=""
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
# The apps of an interleaved run (SLICES > 0), by name: their process and port.
declare -A APP_PIDS=() APP_PORTS=()
stop_apps() {
  local app
  for app in "${!APP_PIDS[@]}"; do
    APP_PID=${APP_PIDS[$app]}
    stop_app
    unset "APP_PIDS[$app]"
  done
  stop_app
}
trap stop_apps EXIT
trap 'log "interrupted"; exit 130' INT TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_app <app> <db> [extra args...]: starts it in the background and waits until it answers.
start_app() {
  local app=$1 db=$2; shift 2
  local jar=$JAR
  if [[ $app == *@* ]]; then
    jar=$HERE/target/benchmarks-apps-${app#*@}.jar
    [ -f "$jar" ] || die "no $jar for $app"
  fi
  local name=${app%@*} args=() store="" variant=""
  # ours-<store>+metrics: Micrometer (a meter and an observation registry) and sessionmap's metrics;
  # ours-<store>+micrometer: the same Micrometer with sessionmap's metrics left out.
  case "$name" in
    *+metrics) variant=--spring.autoconfigure.exclude=$EXCLUDED_ANYWAY name=${name%+metrics} ;;
    *+micrometer) variant=--spring.autoconfigure.exclude=$SESSIONMAP_METRICS name=${name%+micrometer} ;;
    *+wait[0-9]) variant=--app.session.redis.wait-replicas=${name##*+wait} name=${name%+wait[0-9]} ;;
    *+virtual) variant=--spring.threads.virtual.enabled=true name=${name%+virtual} ;;
    *+atrest) variant="--app.session.encrypt-at-rest=true --app.session.secret=$BENCH_SECRET" name=${name%+atrest} ;;
  esac
  case "$name" in
    ours-http-*) store=${name#ours-http-} name=ours-http ;;
    ours-*) store=${name#ours-} name=ours ;;
  esac
  if [ -n "$store" ]; then
    read -r -a args <<<"--app.session.store=$store $(store_args "$store") $variant"
  fi
  BASE_URL="http://127.0.0.1:$PORT"
  port_open "$PORT" && die "port $PORT is in use; set PORT"
  local logfile="$OUT/logs/$app-$db-$(date +%H%M%S).log"
  # shellcheck disable=SC2086
  "$JAVA" $JAVA_OPTS -jar "$jar" "$name" --spring.profiles.active="$db" --server.address=127.0.0.1 \
    --server.port="$PORT" "${args[@]}" $APP_ARGS "$@" >"$logfile" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 180); do
    if curl -fs -o /dev/null "$BASE_URL/noop"; then return 0; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      tail -n 40 "$logfile" >&2
      APP_PID=""
      die "$app on $db did not start (log: $logfile)"
    fi
    sleep 1
  done
  die "$app on $db did not answer within 180 s (log: $logfile)"
}

# create_sessions <count> <file>: <count> fresh sessions, one "name=value" cookie per line.
create_sessions() {
  local count=$1 file=$2 args=()
  for _ in $(seq 1 "$count"); do args+=(-o /dev/null "$BASE_URL/counter"); done
  curl -s -D - "${args[@]}" | tr -d '\r' | sed -n -E 's/^[Ss]et-[Cc]ookie: *([^;]*).*/\1/p' >"$file"
  local made
  made=$(wc -l <"$file")
  [ "$made" -eq "$count" ] || die "asked for $count sessions, got $made cookies"
}

# fresh_sessions <dir>: the cookie files of the cases: $SESSIONS new sessions, the first of them alone,
# and none.
fresh_sessions() {
  create_sessions "$SESSIONS" "$1/spread.txt"
  head -n 1 "$1/spread.txt" >"$1/one.txt"
  : >"$1/none.txt"
}

# ---- throughput ----
# wrk_case <duration> <case> <cookie dir>: prints "requests/s non-2xx socket-errors requests".
wrk_case() {
  local duration=$1 name=$2 dir=$3 path cookies threads=$THREADS script=$HERE/sessions.lua
  case "$name" in
    counter-1) path=/counter cookies=$dir/one.txt ;;
    # One visitor per connection, each sending back the cookie the last response set, as a browser does.
    counter-browser)
      [ "$SESSIONS" -ge "$CONNECTIONS" ] || die "counter-browser needs a session per connection: SESSIONS >= CONNECTIONS"
      path=/counter cookies=$dir/spread.txt threads=$CONNECTIONS script=$HERE/browser.lua ;;
    counter-*) path=/counter cookies=$dir/spread.txt ;;
    merge-1) path=/hits cookies=$dir/one.txt ;;
    merge-*) path=/hits cookies=$dir/spread.txt ;;
    read-*) path=/read cookies=$dir/spread.txt ;;
    noop-cookie) path=/noop cookies=$dir/spread.txt ;;
    noop-none) path=/noop cookies=$dir/none.txt ;;
    *) die "unknown case $name" ;;
  esac
  wrk -t"$threads" -c"$CONNECTIONS" -d"$duration" -s "$script" "$BASE_URL$path" -- "$cookies" |
    tee -a "$OUT/wrk.log" |
    awk '/Requests\/sec/ { rps = $2 }
         /Non-2xx/ { bad = $NF }
         /Socket errors/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
         / requests in / { requests = $1 }
         END { printf "%s %d %d %d\n", rps, bad, errors, requests }'
}

# app_allocated_bytes: the heap bytes every thread of the app has allocated so far (/bench/alloc). The
# request that asks is counted too: a few hundred bytes against a case's millions of requests.
app_allocated_bytes() { curl -fs "$BASE_URL/bench/alloc"; }

# app_cpu_ticks: the CPU time the running app has used so far (user + system), in clock ticks.
app_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; }

# jit_ticks: the CPU time the app's JIT compiler threads have used so far, in clock ticks.
jit_ticks() {
  local task sum=0
  for task in /proc/"$APP_PID"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      C1\ Compiler* | C2\ Compiler*) sum=$((sum + $(awk '{ print $14 + $15 }' "$task/stat" 2>/dev/null || echo 0))) ;;
    esac
  done
  echo "$sum"
}

# jit_warmup <app> <db> <cookie dir> <cases>: every case in turn, 2 s each, until a round of them kept the
# JIT compilers under 5% of a core, or JIT_WARMUP has passed. Without it the first cases are measured
# while C2 still compiles: 20-30% of a core 30 s after start on /counter, which then runs at ~60% of its
# steady rate (and more so for an app with more code to compile).
jit_warmup() {
  local app=$1 db=$2 dir=$3 cases=$4 limit start round=0 ticks used name
  limit=$(seconds "$JIT_WARMUP")
  [ "$limit" -gt 0 ] || return 0
  start=$SECONDS
  while [ $((SECONDS - start)) -lt "$limit" ]; do
    round=$((round + 1))
    ticks=$(jit_ticks)
    local began=$SECONDS
    for name in $cases; do wrk_case 2s "$name" "$dir" >/dev/null; done
    used=$(awk -v t="$(($(jit_ticks) - ticks))" -v hz="$(getconf CLK_TCK)" -v s="$((SECONDS - began))" 'BEGIN { printf "%.1f", (s > 0) ? 100 * t / hz / s : 0 }')
    echo "== jit warm-up $app $db round $round: compilers at $used% of a core" >>"$OUT/wrk.log"
    if awk -v u="$used" 'BEGIN { exit !(u < 5) }'; then break; fi
  done
  printf '%s\t%s\t%s\t%s\t%s\n' "$app" "$db" "$round" "$((SECONDS - start))" "$used" >>"$OUT/jit-warmup.tsv"
  log "  JIT warm-up: $round rounds, $((SECONDS - start)) s, compilers at $used% of a core in the last"
}

# ---- the database's own limit ----
# PostgreSQL alone, without any app: primary-key SELECTs, and SELECT + UPDATE pairs (the statements of a
# server-side /counter), by pgbench with wrk's client count, in each run, so each app's figure can be
# read as a share of what the database serves on this machine at that moment. PGBENCH=0 leaves it out.
PGBENCH=${PGBENCH:-1}
PGBENCH_DB=sessionmap_pgbench
pgbench_ready() {
  [ "$PGBENCH" = 1 ] && [[ " $DBS " == *" postgres "* ]] && command -v pgbench >/dev/null 2>&1
}

pgbench_prepare() {
  pgbench_ready || return 0
  if ! psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PGBENCH_DB'" postgres | grep -q 1; then
    psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $PGBENCH_DB" postgres
    log "pgbench: creating its tables in database $PGBENCH_DB (scale 10)"
    pgbench -q -i -s 10 -h 127.0.0.1 -U postgres "$PGBENCH_DB" >>"$OUT/pgbench.log" 2>&1
  fi
  printf '%s\n' '\set aid random(1, 100000 * :scale)' \
    'SELECT abalance FROM pgbench_accounts WHERE aid = :aid;' \
    'UPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;' >"$OUT/select-update.sql"
}

# pgbench_run <run>: appends "<run> select <tps>" and "<run> select-update <tps>" to pgbench.tsv.
pgbench_run() {
  pgbench_ready || return 0
  local kind tps measured
  measured=$(measured_seconds)
  for kind in select select-update; do
    local script=(-S)
    [ "$kind" = select ] || script=(-f "$OUT/select-update.sql")
    pgbench -n "${script[@]}" -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$(seconds "$WARMUP")" \
      -h 127.0.0.1 -U postgres "$PGBENCH_DB" >>"$OUT/pgbench.log" 2>&1
    tps=$(pgbench -n "${script[@]}" -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$measured" \
      -h 127.0.0.1 -U postgres "$PGBENCH_DB" 2>>"$OUT/pgbench.log" | tee -a "$OUT/pgbench.log" |
      awk '/^tps/ { print $3; exit }')
    printf '%s\t%s\t%s\n' "$1" "$kind" "$tps" >>"$OUT/pgbench.tsv"
    log "  pgbench $kind: $tps per second"
  done
}

# measured_seconds: how long an app is measured per case: DURATION, or with SLICES all its slices together.
measured_seconds() { echo $(( $(seconds "$DURATION") * (SLICES > 0 ? SLICES : 1) )); }

# reversed <words>: the words in reverse order.
reversed() { tr ' ' '\n' <<<"$1" | tac | paste -sd' ' -; }

# case_order <run>: CASES for odd runs, reversed for even ones, so no case always follows the same one (a
# case measured right after a database-heavy one pays for the database's and the JVM's leftover work).
case_order() { if [ $(($1 % 2)) -eq 1 ]; then echo "$CASES"; else reversed "$CASES"; fi; }

# record <run> <db> <app> <case> <requests/s> <non-2xx> <socket errors> <requests> <CPU ticks> <heap bytes>:
# one measured case, into throughput.tsv and the log.
record() {
  local run=$1 db=$2 app=$3 name=$4 rps=$5 bad=$6 errors=$7 requests=$8 ticks=$9 allocated=${10} cpu bytes
  # The app's own CPU time per request: unlike requests/s, hardly moved by other load on the machine.
  cpu=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.1f", (n > 0) ? t * 1e6 / hz / n : 0 }')
  # Heap bytes the whole JVM allocated per request, wrk's responses divided into the total.
  bytes=$(awk -v a="$allocated" -v n="$requests" 'BEGIN { printf "%.0f", (n > 0) ? a / n : 0 }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$db" "$app" "$name" "$rps" "$bad" "$errors" "$cpu" "$bytes" >>"$OUT/throughput.tsv"
  log "  $name, $app: $rps requests/s, $cpu µs of app CPU and $bytes bytes allocated per request${bad:+, non-2xx $bad}, socket errors $errors"
}

# use_app <app>: the app of an interleaved run that the next requests and readings go to.
use_app() {
  APP_PID=${APP_PIDS[$1]}
  BASE_URL="http://127.0.0.1:${APP_PORTS[$1]}"
}

# interleaved <run> <db> (SLICES > 0): every app at once, each case measured in SLICES rounds in which
# each app in turn gets one DURATION of wrk while the others wait idle, the order reversed every other
# round. Slow changes of the machine (other tenants, CPU steal, the database's background work) then
# fall on every app alike instead of on whichever app ran in that minute.
interleaved() {
  local run=$1 db=$2 app base=$PORT port=$PORT order name round rate
  for app in $APPS; do
    PORT=$port
    start_app "$app" "$db"
    APP_PIDS[$app]=$APP_PID APP_PORTS[$app]=$port
    APP_PID=""
    port=$((port + 1))
  done
  order=$(case_order "$run")
  for app in $APPS; do
    use_app "$app"
    mkdir -p "$OUT/cookies/$app-$db-$run"
    fresh_sessions "$OUT/cookies/$app-$db-$run"
    log "run $run/$RUNS, $db: $app"
    jit_warmup "$app" "$db" "$OUT/cookies/$app-$db-$run" "$order"
  done
  for name in $order; do
    declare -A requests=() elapsed=() ticks=() allocated=() bad=() errors=()
    for app in $APPS; do
      use_app "$app"
      fresh_sessions "$OUT/cookies/$app-$db-$run"
      echo "== warm-up $app $db $name" >>"$OUT/wrk.log"
      wrk_case "$WARMUP" "$name" "$OUT/cookies/$app-$db-$run" >/dev/null
      requests[$app]=0 elapsed[$app]=0 ticks[$app]=0 allocated[$app]=0 bad[$app]=0 errors[$app]=0
    done
    local apps=$APPS
    for round in $(seq 1 "$SLICES"); do
      for app in $apps; do
        use_app "$app"
        echo "== run $run $app $db $name, slice $round" >>"$OUT/wrk.log"
        local t a rps b e n
        t=$(app_cpu_ticks)
        a=$(app_allocated_bytes)
        read -r rps b e n <<<"$(wrk_case "$DURATION" "$name" "$OUT/cookies/$app-$db-$run")"
        ticks[$app]=$((${ticks[$app]} + $(app_cpu_ticks) - t))
        allocated[$app]=$((${allocated[$app]} + $(app_allocated_bytes) - a))
        requests[$app]=$((${requests[$app]} + n)) bad[$app]=$((${bad[$app]} + b)) errors[$app]=$((${errors[$app]} + e))
        # wrk's own time for the slice, from its count and rate
        elapsed[$app]=$(awk -v s="${elapsed[$app]}" -v n="$n" -v r="$rps" 'BEGIN { printf "%.6f", s + ((r > 0) ? n / r : 0) }')
      done
      apps=$(reversed "$apps")
    done
    for app in $APPS; do
      rate=$(awk -v n="${requests[$app]}" -v s="${elapsed[$app]}" 'BEGIN { printf "%.2f", (s > 0) ? n / s : 0 }')
      record "$run" "$db" "$app" "$name" "$rate" "${bad[$app]}" "${errors[$app]}" "${requests[$app]}" "${ticks[$app]}" "${allocated[$app]}"
    done
  done
  stop_apps
  PORT=$base
}

throughput() {
  local results=$OUT/throughput.tsv
  # With SLICES every app's warm-up and slices of a case pass before the first app's sessions are done with.
  local per_case=$(($(seconds "$WARMUP") + $(measured_seconds)))
  [ "$SLICES" -eq 0 ] || per_case=$(($(wc -w <<<"$APPS") * per_case))
  if [ "$per_case" -ge 55 ]; then
    log "warning: a case's sessions are used for about $per_case s, near a minute, the apps' touch interval: the last requests of a case touch them"
  fi
  : >"$results"
  : >"$OUT/pgbench.tsv"
  : >"$OUT/jit-warmup.tsv"
  pgbench_prepare
  for run in $(seq 1 "$RUNS"); do
    log "run $run/$RUNS: PostgreSQL alone"
    pgbench_run "$run"
    for db in $DBS; do
      if [ "$SLICES" -gt 0 ]; then
        interleaved "$run" "$db"
        continue
      fi
      for app in $APPS; do
        log "run $run/$RUNS, $db: $app"
        start_app "$app" "$db"
        local dir="$OUT/cookies/$app-$db-$run"
        mkdir -p "$dir"
        fresh_sessions "$dir"
        local order
        order=$(case_order "$run")
        jit_warmup "$app" "$db" "$dir" "$order"
        for name in $order; do
          # New sessions for each case, warmed up and measured at once: wrk sends the cookies it was given
          # and never the ones the app sends back, as a browser would. Once a session's last access is
          # older than app.session.touch-interval (1 minute), every request with it is a touch, which the
          # secure-cookie store pays for with a seal and a Set-Cookie, and which a browser would have made
          # once a minute. Each case's warm-up and measurement take less than that.
          fresh_sessions "$dir"
          echo "== warm-up $app $db $name" >>"$OUT/wrk.log"
          wrk_case "$WARMUP" "$name" "$dir" >/dev/null
          echo "== run $run $app $db $name" >>"$OUT/wrk.log"
          local ticks allocated rps bad errors requests
          ticks=$(app_cpu_ticks)
          allocated=$(app_allocated_bytes)
          read -r rps bad errors requests <<<"$(wrk_case "$DURATION" "$name" "$dir")"
          record "$run" "$db" "$app" "$name" "$rps" "$bad" "$errors" "$requests" \
            $(($(app_cpu_ticks) - ticks)) $(($(app_allocated_bytes) - allocated))
        done
        stop_app
      done
    done
  done
  throughput_table "$results" >"$OUT/throughput.md"
  if command -v gnuplot >/dev/null; then "$HERE/charts.sh" "$results" || log "no charts: charts.sh failed"; else log "no charts: gnuplot is missing (apt-get install gnuplot-nox, then benchmarks/charts.sh $OUT)"; fi
}

median() {
  sort -g | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print ""; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# value <file> <db> <app> <case> <column>: the median of that column over the runs.
value() {
  awk -F'\t' -v d="$2" -v a="$3" -v c="$4" -v col="$5" '$2 == d && $3 == a && $4 == c { print $col }' "$1" | median
}

# run_ratios <file> <db> <app> <peer> <case>: "lowest – median – highest" of app / peer, run by run.
run_ratios() {
  local ratios
  ratios=$(awk -F'\t' -v d="$2" -v a="$3" -v p="$4" -v c="$5" '
    $2 == d && $4 == c && $3 == a { mine[$1] = $5 }
    $2 == d && $4 == c && $3 == p { theirs[$1] = $5 }
    END { for (r in mine) if ((r in theirs) && theirs[r] > 0) printf "%.4f\n", mine[r] / theirs[r] }' "$1" | sort -g)
  [ -n "$ratios" ] || { echo "-"; return; }
  awk -v med="$(median <<<"$ratios")" 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f – %.2f – %.2f", lo, med, hi }' <<<"$ratios"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2fx", a / b }'; }

# median_table <file> <column>: a table of that column's median per database, case and app.
median_table() {
  local db name app line
  echo
  echo "| database | case |$(for app in $APPS; do printf ' %s |' "$app"; done)"
  echo "| --- | --- |$(for _ in $APPS; do printf ' ---: |'; done)"
  for db in $DBS; do
    for name in $CASES; do
      line="| $db | $name |"
      for app in $APPS; do line+=" $(value "$1" "$db" "$app" "$name" "$2") |"; done
      echo "$line"
    done
  done
}

throughput_table() {
  local results=$1 ours=() peers=() app
  for app in $APPS; do if [[ $app == ours-* ]]; then ours+=("$app"); else peers+=("$app"); fi; done
  local browser=""
  [[ " $CASES " != *" counter-browser "* ]] || browser="; counter-browser -t$CONNECTIONS"
  local each="$DURATION each"
  [ "$SLICES" -eq 0 ] || each="each case $SLICES slices of $DURATION per app, the apps taking turns"
  echo "Requests per second, median of $RUNS alternating runs ($each, wrk -t$THREADS -c$CONNECTIONS$browser):"
  echo
  local header="| database | case |" rule="| --- | --- |"
  for app in $APPS; do header+=" $app |"; rule+=" ---: |"; done
  for o in "${ours[@]}"; do for p in "${peers[@]}"; do header+=" $o / $p |"; rule+=" ---: |"; done; done
  echo "$header"
  echo "$rule"
  local db name line rps
  declare -A med
  for db in $DBS; do
    for name in $CASES; do
      line="| $db | $name |"
      for app in $APPS; do
        rps=$(value "$results" "$db" "$app" "$name" 5)
        med[$app]=$rps
        line+=" $(awk -v r="$rps" 'BEGIN { if (r == "") print "-"; else printf "%.0f", r }') |"
      done
      for o in "${ours[@]}"; do for p in "${peers[@]}"; do line+=" $(ratio "${med[$o]}" "${med[$p]}") |"; done; done
      echo "$line"
    done
  done
  if [ "${#ours[@]}" -gt 0 ] && [ "${#peers[@]}" -gt 0 ]; then
    echo
    echo "Each ratio run by run (both figures from the same run): lowest, median and highest of the $RUNS runs:"
    echo
    header="| database | case |" rule="| --- | --- |"
    for o in "${ours[@]}"; do for p in "${peers[@]}"; do header+=" $o / $p |"; rule+=" ---: |"; done; done
    echo "$header"
    echo "$rule"
    for db in $DBS; do
      for name in $CASES; do
        line="| $db | $name |"
        for o in "${ours[@]}"; do for p in "${peers[@]}"; do line+=" $(run_ratios "$results" "$db" "$o" "$p" "$name") |"; done; done
        echo "$line"
      done
    done
  fi
  local pairs=() app
  for app in $APPS; do
    if [[ $app == *+virtual && " $APPS " == *" ${app%+virtual} "* ]]; then pairs+=("$app"); fi
  done
  if [ "${#pairs[@]}" -gt 0 ]; then
    echo
    echo "Virtual threads against platform threads, requests/s of <app>+virtual / <app> run by run: lowest, median, highest"
    echo "(below 0.95: virtual threads more than 5% slower):"
    echo
    echo "| database | case |$(for app in "${pairs[@]}"; do printf ' %s |' "$app"; done)"
    echo "| --- | --- |$(for _ in "${pairs[@]}"; do printf ' ---: |'; done)"
    for db in $DBS; do
      for name in $CASES; do
        line="| $db | $name |"
        for app in "${pairs[@]}"; do line+=" $(run_ratios "$results" "$db" "$app" "${app%+virtual}" "$name") |"; done
        echo "$line"
      done
    done
  fi
  echo
  echo "The app's CPU time per request in µs (user + system, from /proc), median of $RUNS runs:"
  median_table "$results" 8
  echo
  echo "Bytes the app's JVM allocated on the heap per request (all threads, from ThreadMXBean), median of $RUNS runs:"
  median_table "$results" 9
  echo
  echo "/noop with a session cookie as a share of /noop without one (target: at least 0.95):"
  echo
  echo "| database |$(for app in $APPS; do printf ' %s |' "$app"; done)"
  echo "| --- |$(for _ in $APPS; do printf ' ---: |'; done)"
  for db in $DBS; do
    line="| $db |"
    for app in $APPS; do
      line+=" $(ratio "$(value "$results" "$db" "$app" noop-cookie 5)" "$(value "$results" "$db" "$app" noop-none 5)") |"
    done
    echo "$line"
  done
  if [ -s "$OUT/pgbench.tsv" ]; then
    local select pair
    select=$(awk -F'\t' '$2 == "select" { print $3 }' "$OUT/pgbench.tsv" | median)
    pair=$(awk -F'\t' '$2 == "select-update" { print $3 }' "$OUT/pgbench.tsv" | median)
    echo
    echo "PostgreSQL alone (pgbench -c$CONNECTIONS -j$THREADS, prepared, median of the runs): $(printf '%.0f' "$select") primary-key SELECTs/s,"
    echo "$(printf '%.0f' "$pair") SELECT + UPDATE pairs/s. Each app's postgres figure as a share of that limit (/read and /noop"
    echo "against SELECTs, /counter and /hits against pairs):"
    echo
    echo "| case |$(for app in $APPS; do printf ' %s |' "$app"; done)"
    echo "| --- |$(for _ in $APPS; do printf ' ---: |'; done)"
    for name in $CASES; do
      local limit=$select
      case "$name" in counter-* | merge-*) limit=$pair ;; esac
      line="| $name |"
      for app in $APPS; do
        line+=" $(awk -v r="$(value "$results" postgres "$app" "$name" 5)" -v l="$limit" 'BEGIN { if (r == "" || l == "" || l == 0) print "-"; else printf "%.0f%%", 100 * r / l }') |"
      done
      echo "$line"
    done
  fi
  local failures
  failures=$(awk -F'\t' '$6 > 0 || $7 > 0 { printf "- run %s, %s, %s, %s: %s non-2xx responses, %s socket errors\n", $1, $2, $3, $4, $6, $7 }' "$results")
  echo
  if [ -n "$failures" ]; then echo "Errors during measurement:"; echo "$failures"; else echo "No non-2xx responses and no socket errors."; fi
}

# ---- SQL per request ----
# probe <name> <path> [cookie]: runs one request marked for counting and prints how many statements
# it ran and their verbs; the cookie it set, if any, goes to $OUT/probe-cookie.
probe() {
  local name=$1 path=$2 cookie=${3:-} headers
  if [ -n "$cookie" ]; then
    headers=$(curl -s -D - -o /dev/null -H "X-Bench-Probe: $name" -H "Cookie: $cookie" "$BASE_URL$path")
  else
    headers=$(curl -s -D - -o /dev/null -H "X-Bench-Probe: $name" "$BASE_URL$path")
  fi
  printf '%s' "$headers" | tr -d '\r' | sed -n -E 's/^[Ss]et-[Cc]ookie: *([^;]*).*/\1/p' | head -n 1 >"$OUT/probe-cookie"
  local statements
  statements=$(curl -fs "$BASE_URL/bench/sql/$name")
  printf '%s\n' "$statements" >>"$OUT/sql-statements.log"
  local verbs
  verbs=$(printf '%s\n' "$statements" | awk 'NF { print toupper($1) }' | paste -sd' ' -)
  local count
  count=$(printf '%s\n' "$statements" | awk 'NF' | wc -l)
  printf '%s' "$count${verbs:+ ($verbs)}"
}

sql_counts() {
  local table=$OUT/sql.tsv app db
  : >"$table"
  for db in $DBS; do
    for app in $APPS; do
      [ "$app" = http-session ] && continue
      log "SQL per request, $db: $app"
      start_app "$app" "$db" --bench.count-sql=true
      echo "== $app $db" >>"$OUT/sql-statements.log"
      local new change reads noop none cookie
      new=$(probe new /counter)
      cookie=$(cat "$OUT/probe-cookie")
      [ -n "$cookie" ] || die "$app on $db set no cookie on its first /counter"
      change=$(probe change /counter "$cookie")
      reads=$(probe read /read "$cookie")
      noop=$(probe noop-cookie /noop "$cookie")
      none=$(probe noop-none /noop)
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$db" "$app" "$new" "$change" "$reads" "$noop" "$none" >>"$table"
      stop_app
    done
  done
  {
    echo "SQL statements per request (counted through the app's DataSource, not timed):"
    echo
    echo "| database | app | /counter, new session | /counter, existing | /read | /noop with cookie | /noop without |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
    awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$table"
  } >"$OUT/sql.md"
}

# ---- heap ----
# make_sessions <count>: about <count> requests without a cookie, each creating a session. wrk runs
# for its whole duration even when its threads stop early, so it runs in short rounds until enough
# responses came back (at most 10 minutes).
make_sessions() {
  local want=$1 made=0 left per answered
  for _ in $(seq 1 120); do
    left=$((want - made))
    [ "$left" -gt 0 ] || return 0
    per=$(( (left + THREADS - 1) / THREADS ))
    answered=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$HERE/create-sessions.lua" "$BASE_URL/counter" -- "$per" |
      tee -a "$OUT/wrk.log" | awk '/requests in/ { print $1 }')
    made=$((made + ${answered:-0}))
  done
  die "could not create $want sessions in 10 minutes"
}

heap_value() { curl -fs "$BASE_URL/bench/heap"; }

heap() {
  local table=$OUT/heap.tsv app
  : >"$table"
  for app in $APPS; do
    log "heap, $HEAP_DB: $app ($HEAP_BASE, then $HEAP_SESSIONS sessions)"
    start_app "$app" "$HEAP_DB"
    make_sessions "$HEAP_BASE"
    local before after
    before=$(heap_value)
    make_sessions $((HEAP_SESSIONS - HEAP_BASE))
    after=$(heap_value)
    log "  before: $before; after: $after"
    printf '%s\t%s\t%s\n' "$app" "$before" "$after" >>"$table"
    stop_app
  done
  {
    echo "Heap in use after a full GC (JAVA_OPTS=$JAVA_OPTS), sessions created over HTTP on $HEAP_DB:"
    echo
    echo "| app | sessions | heap MB | sessions | heap MB | growth MB | bytes per added session |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    awk -F'\t' '{
      split($2, b, /[ =]/); split($3, a, /[ =]/)
      # b[2] heap, b[4] sessions (-1: the store keeps none the app can count)
      added = a[4] - b[4]
      per = (added > 0) ? sprintf("%.0f", (a[2] - b[2]) / added) : "-"
      printf "| %s | %s | %.1f | %s | %.1f | %+.1f | %s |\n", $1, b[4], b[2] / 1048576, a[4], a[2] / 1048576, (a[2] - b[2]) / 1048576, per
    }' "$table"
  } >"$OUT/heap.md"
}

# ---- profile ----
ASYNC_PROFILER_VERSION=4.2
PROFILE_APP=${PROFILE_APP:-ours-secure-cookie}
PROFILE_CASE=${PROFILE_CASE:-counter-$SESSIONS}
PROFILE_EVENT=${PROFILE_EVENT:-cpu}
PROFILE_WARMUP=${PROFILE_WARMUP:-60s}

# profiler_library: the path of async-profiler's agent for this machine, downloaded once into target/.
profiler_library() {
  local version=$ASYNC_PROFILER_VERSION dir arch
  dir=$HERE/target/async-profiler-$version
  case "$(uname -m)" in
    x86_64) arch=linux-x64 ;;
    aarch64) arch=linux-arm64 ;;
    *) die "async-profiler has no build for $(uname -m)" ;;
  esac
  if [ ! -f "$dir/$arch/libasyncProfiler.so" ]; then
    log "downloading async-profiler $version from Maven Central"
    mkdir -p "$dir"
    curl -fsSL -o "$dir/async-profiler.jar" \
      "https://repo.maven.apache.org/maven2/tools/profiler/async-profiler/$version/async-profiler-$version-$arch.jar" \
      || die "could not download async-profiler $version"
    (cd "$dir" && jar xf async-profiler.jar "$arch/libasyncProfiler.so") || die "could not unpack async-profiler"
  fi
  echo "$dir/$arch/libasyncProfiler.so"
}

# profiler_command <library> <options>: sends the running agent a command through jcmd. jcmd exits 0 even when
# the agent refuses one, so its "return code" line is what tells; and it reads an unquoted "a=b" as a named
# option of its own, so the agent's options go in quotes.
profiler_command() {
  local answer
  answer=$(jcmd "$APP_PID" JVMTI.agent_load "$1" "\"$2\"" 2>&1)
  echo "$answer" >>"$OUT/profiler.log"
  grep -q '^return code: 0$' <<<"$answer"
}

# profile: PROFILE_APP under PROFILE_CASE's load, profiled for DURATION. The agent is loaded idle when the
# app starts and only switched on and off through jcmd: loaded into a running JVM instead, it left the
# in-memory app 20% slower for the rest of its life. Fresh sessions after the long warm-up, so that none
# is older than the touch interval (a /read with an old cookie is a write).
profile() {
  local app=$PROFILE_APP name=$PROFILE_CASE event=$PROFILE_EVENT db=${DBS%% *} library options
  case "$event" in
    cpu) options="start,event=cpu,interval=1ms" ;;
    alloc) options="start,event=alloc" ;;
    *) die "PROFILE_EVENT must be cpu or alloc, not '$event'" ;;
  esac
  library=$(profiler_library)
  local dir=$OUT/cookies/$app-$db stacks=$OUT/$app-$name-$event.collapsed
  mkdir -p "$dir"
  log "profile ($event): $app on $db, $name; warm-up $PROFILE_WARMUP, then $WARMUP with fresh sessions, then $DURATION profiled"
  JAVA_OPTS="$JAVA_OPTS -agentpath:$library" start_app "$app" "$db"
  fresh_sessions "$dir"
  wrk_case "$PROFILE_WARMUP" "$name" "$dir" >/dev/null
  fresh_sessions "$dir"
  wrk_case "$WARMUP" "$name" "$dir" >/dev/null
  profiler_command "$library" "$options" || die "the profiler did not start (see $OUT/profiler.log)"
  local rps bad errors requests
  read -r rps bad errors requests <<<"$(wrk_case "$DURATION" "$name" "$dir")"
  profiler_command "$library" "stop,collapsed,total,file=$stacks" || die "the profiler did not stop (see $OUT/profiler.log)"
  stop_app
  [ -s "$stacks" ] || die "the profiler wrote no stacks (see $OUT/profiler.log)"
  log "  $rps requests/s while profiled, non-2xx $bad, socket errors $errors"
  python3 "$HERE/profile-attribution.py" "$stacks" "$requests" "$event" | tee "$OUT/profile.md"
  echo
  echo "Raw stacks: $stacks (flame graphs: async-profiler's converter, or any collapsed-stack viewer)"
}

# ---- set-up ----
seconds() { local v=$1; case "$v" in *m) echo $(( ${v%m} * 60 ));; *s) echo "${v%s}";; *) echo "$v";; esac; }

prepare() {
  if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      log "installing wrk (Debian package)"
      apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
    else
      die "wrk is missing: sudo apt-get install wrk"
    fi
  fi
  if [ "$BUILD" = 1 ] || [ ! -f "$JAR" ]; then
    log "building $JAR"
    (cd "$ROOT" && ./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests)
  fi
  if [[ " $DBS $HEAP_DB " == *" postgres "* ]] && ! port_open 5432; then
    die "PostgreSQL is not reachable on 127.0.0.1:5432; start it, or set DBS=h2 HEAP_DB=h2"
  fi
  mkdir -p "$OUT/logs"
  {
    echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) at commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "on $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)," \
      "$("$JAVA" -version 2>&1 | head -n 1), $(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "JAVA_OPTS=\"$JAVA_OPTS\" DURATION=$DURATION WARMUP=$WARMUP RUNS=$RUNS THREADS=$THREADS CONNECTIONS=$CONNECTIONS"
  } >"$OUT/machine.txt"
}

estimate() {
  # An app start with its sessions and JIT warm-up: about 70 s (the warm-up stops after 20-60 s).
  local apps dbs cases start=70
  apps=$(wc -w <<<"$APPS"); dbs=$(wc -w <<<"$DBS"); cases=$(wc -w <<<"$CASES")
  local per_start=$(( start + cases * ($(seconds "$WARMUP") + $(measured_seconds)) ))
  echo $(( RUNS * dbs * apps * per_start ))
}

prepare
case "$MODE" in
  all | throughput) log "throughput: about $(( ($(estimate) + 59) / 60 )) min ($RUNS runs x $DBS x $APPS)" ;;
esac
case "$MODE" in
  sql) sql_counts ;;
  throughput) throughput ;;
  heap) heap ;;
  profile) profile ;;
  all) sql_counts; throughput; heap ;;
  *) die "unknown mode '$MODE': use all, sql, throughput, heap or profile" ;;
esac

echo
cat "$OUT/machine.txt"
for part in sql throughput heap; do
  if [ -f "$OUT/$part.md" ]; then echo; cat "$OUT/$part.md"; fi
done
echo
echo "Raw figures and logs: $OUT"

#!/usr/bin/env bash
# Benchmark harness (not part of ./mvnw verify). Builds the service and the JMH benchmarks, starts a
# private Redis, runs every scenario from processes of its own and writes docs/benchmarks/results.json,
# docs/benchmarks/README.md and the latency chart (SVG). Each target is reported as a ratio to a
# baseline measured in the same run on this machine.
#   store    JMH (get-session, rate check, charge) on memory/sqlite/postgres/redis at 1k sessions, and on
#            memory/redis at 10k and 100k (cost growth); redis-benchmark runs the same Lua scripts
#            (EVALSHA) at the same concurrency; memory per live session on memory and redis
#   session  GET /api/v1/session vs GET /api/v1/case (no store, no auth) at 64 connections (wrk)
#   login    logins/s of 32 clients over 3 accounts vs raw bcrypt verifications/s at the same cost on the
#            same cores; counts 401 (must be 0: right passwords only), 429 and 503
#   chat     C WebSocket sessions at 1 msg/s each (open loop) and closed loop (Node driver); the
#            largest C runs CHAT_SOAK_S seconds with the GC log read for the heap after each collection
# Usage:
#   bench/run.sh                                         # everything, ~40 minutes
#   QUICK=1 bench/run.sh                                 # short pass (~8 minutes): figures are rough
# Knobs: DURATION_S (per wrk/chat scenario, default 30), WARMUP_S (default 30), CHAT_SIZES
# (default "100 1000 10000"), CHAT_SOAK_S (largest chat size, default 600), SKIP_STORE=1 (reuse the
# store results already in target/bench).
# Needs: a JDK 17+, redis-server and redis-benchmark, wrk, Node 20+, python3 (Debian:
# apt-get install redis-server wrk nodejs python3). PostgreSQL: POSTGRES_TEST_URL or an embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${QUICK:-}" ]; then
  DURATION_S=${DURATION_S:-10}; WARMUP_S=${WARMUP_S:-10}; CHAT_SIZES=${CHAT_SIZES:-"100 1000"}
  CHAT_SOAK_S=${CHAT_SOAK_S:-30}; JMH_QUICK="-wi 1 -w 1 -i 2 -r 1"; RB_REQUESTS=${RB_REQUESTS:-50000}
fi
DURATION_S=${DURATION_S:-30}
WARMUP_S=${WARMUP_S:-30}
CHAT_SIZES=${CHAT_SIZES:-"100 1000 10000"}
CHAT_SOAK_S=${CHAT_SOAK_S:-600}
WORK=target/bench
OUT=docs/benchmarks
# SKIP_STORE=1 keeps the store results of the previous run in $WORK and redoes the service scenarios.
if [ -z "${SKIP_STORE:-}" ]; then rm -rf "$WORK"; else rm -f "$WORK"/chat_* "$WORK"/gc.log "$WORK"/soak_window.json; fi
mkdir -p "$WORK" "$OUT"
for tool in redis-server redis-benchmark redis-cli wrk node python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian: apt-get install redis-server wrk nodejs)"; exit 1; }
done
echo "== build (service + JMH benchmarks)"
./mvnw -B -q -Pbench package -DskipTests dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/classpath.txt"
BENCH_CP="target/test-classes:target/classes:$(cat "$WORK/classpath.txt")"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port); HTTP_PORT=$(free_port); MANAGEMENT_PORT=$(free_port)
REDIS_URI="redis://127.0.0.1:$REDIS_PORT"
REDIS_DIR=$(mktemp -d)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$REDIS_DIR" --daemonize yes \
  --logfile "$REDIS_DIR/redis.log"
APP_PID=
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

if [ -z "${SKIP_STORE:-}" ]; then
  echo "== store: JMH on every backend at 1k sessions"
  java -cp "$BENCH_CP" -Dbench.redis="$REDIS_URI" -Dbench.out="$WORK/store-latency" org.openjdk.jmh.Main 'io.dx0.session.bench.StoreBenchmark' \
    -p backend=memory,sqlite,postgres,redis -p sessions=1000 ${JMH_QUICK:-} \
    -rf json -rff "$WORK/jmh-store.json" | grep -E '^(Benchmark|StoreBenchmark)' || true
  # The last trial was redis at 1k sessions: they are still in Redis, under the same keys.
  echo "== store: redis-benchmark, the same scripts by EVALSHA, -c 8, over the same 1k sessions"
  [ "$(redis-cli -p "$REDIS_PORT" dbsize)" -ge 1000 ] || { echo "expected the 1k benchmark sessions in Redis"; exit 1; }
  # The service prepends the session hash's field names (SessionField.luaTable()) to every script: the same here.
  fields() {
    grep -oE '^    [A-Z_]+\("[a-z]+"' src/main/java/io/dx0/session/storage/redis/SessionField.java \
      | sed -E "s/^    ([A-Z_]+)\(\"([a-z]+)\"/\1 = '\2'/" | paste -sd, - | sed 's/,/, /g; s/^/local F = { /; s/$/ }/'
  }
  load() { redis-cli -p "$REDIS_PORT" script load "$(fields; cat src/main/resources/redis/lib.lua "src/main/resources/redis/$1.lua")"; }
  S='bench:s:{__rand_int__}'
  rb() {
    local name=$1; shift
    redis-benchmark -p "$REDIS_PORT" -c 8 -n "${RB_REQUESTS:-300000}" -r 1000 --csv "$@" | tail -1 > "$WORK/rb_$name.csv"
    echo "$name: $(cat "$WORK/rb_$name.csv")"
  }
  # getSession: touch.lua; rateCheck: use.lua recording, limit never reached, 1 s window; charge: charge.lua
  rb getSession EVALSHA "$(load touch)" 1 "$S" 3600000 360000
  rb rateCheck EVALSHA "$(load use)" 2 "$S" "$S:rl" 3600000 360000 2147483647 1000 1
  rb charge EVALSHA "$(load charge)" 2 "$S" "$S:ik" 1 '' ''

  echo "== store: cost growth, memory and redis at 10k and 100k sessions"
  java -cp "$BENCH_CP" -Dbench.redis="$REDIS_URI" -Dbench.out="$WORK/store-latency" org.openjdk.jmh.Main 'io.dx0.session.bench.StoreBenchmark' \
    -p backend=memory,redis -p sessions=10000,100000 ${JMH_QUICK:-} \
    -rf json -rff "$WORK/jmh-growth.json" | grep -E '^(Benchmark|StoreBenchmark)' || true

  echo "== memory per live session (100k sessions)"
  java -Xmx2g -cp "$BENCH_CP" io.dx0.session.bench.MemoryPerSession 100000 "$REDIS_URI" | tail -1 > "$WORK/memory.json"
  cat "$WORK/memory.json"
  redis-cli -p "$REDIS_PORT" flushall >/dev/null
fi

echo "== service"
# The prod profile refuses the secrets and password hashes committed here: make fresh ones for this run.
# ann and warden are cost 4 on purpose (thousands of chat sessions log in quickly): the floor is lowered knowingly.
BCRYPT_CP=$(ls target/quarkus-app/lib/main/at.favre.lib.bcrypt-*.jar target/quarkus-app/lib/main/at.favre.lib.bytes-*.jar | tr '\n' ':')
FRESH_USERS=$(mktemp --suffix=.yml)
java -cp "$BCRYPT_CP" bench/harness/FreshUsers.java bench/users.yml "$FRESH_USERS" wonderland pw-2a
FRESH_SECRET=$(head -c 48 /dev/urandom | base64 -w0)
SESSION_BACKEND=redis QUARKUS_REDIS_HOSTS="$REDIS_URI" QUARKUS_HTTP_PORT=$HTTP_PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
SESSION_USERS_FILE="$FRESH_USERS" SESSION_JWT_SECRET="$FRESH_SECRET" SESSION_USERS_MIN_BCRYPT_COST=4 \
SESSION_RATE_LIMIT_MESSAGES=100000 SESSION_MAX_SESSIONS_PER_USER=1000000 \
SESSION_WS_MAX_CONNECTIONS_PER_SESSION=5 QUARKUS_LOG_CATEGORY__IO_DX0__LEVEL=WARN \
  java -Xmx1g -Xlog:gc:file="$WORK/gc.log":uptime -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -sf "localhost:$MANAGEMENT_PORT/q/health/ready" >/dev/null && break; sleep 1; done
BASE="http://127.0.0.1:$HTTP_PORT"

# CPU seconds used by the service so far (utime + stime), and its RSS in bytes.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$APP_PID/stat"; }
rss() { awk '/VmRSS/ {print $2 * 1024}' "/proc/$APP_PID/status"; }
# measure NAME CMD...: runs CMD, keeps its last output line (JSON) with the service's CPU and peak RSS.
measure() {
  local name=$1; shift
  local c0 c1 start end
  c0=$(cpu); start=$(date +%s.%N)
  ( while sleep 5; do rss >> "$WORK/$name.rss"; done ) & local sampler=$!
  "$@" | tail -1 > "$WORK/$name.raw.json"
  kill "$sampler"; rss >> "$WORK/$name.rss"
  c1=$(cpu); end=$(date +%s.%N)
  python3 - "$WORK/$name.raw.json" "$c0" "$c1" "$start" "$end" "$WORK/$name.rss" "$WORK/$name.json" <<'EOF'
import json, sys
raw, c0, c1, t0, t1, rss, out = sys.argv[1:]
d = json.load(open(raw))
d["service_cpu_cores"] = (float(c1) - float(c0)) / (float(t1) - float(t0))
d["service_rss_bytes"] = max(int(l) for l in open(rss) if l.strip())
json.dump(d, open(out, "w"))
EOF
  echo "$name: $(cat "$WORK/$name.json")"
}
wrk_run() { wrk -t2 -c"$1" -d"$2s" -s bench/harness/report.lua "$3"; }

TOKEN=$(curl -s -XPOST "$BASE/api/v1/login" -H 'Content-Type: application/json' -d '{"username":"ann","password":"pw-2a"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
LOGIN_BODY='{"username":"alice","password":"wonderland"}'

echo "== warm-up (${WARMUP_S}s per path: the JIT compiles what is measured before it is measured)"
WRK_TOKEN=$TOKEN wrk_run 64 "$WARMUP_S" "$BASE/api/v1/session" >/dev/null
wrk_run 64 "$WARMUP_S" "$BASE/api/v1/case" >/dev/null
WRK_BODY=$LOGIN_BODY WRK_LOGIN_USERS=3 wrk_run 32 "$WARMUP_S" "$BASE/api/v1/login" >/dev/null
BASE=$BASE SESSIONS=100 MODE=closed DURATION_S=$WARMUP_S node --experimental-websocket bench/harness/chat.mjs >/dev/null

echo "== session vs no-op"
WRK_TOKEN=$TOKEN measure session wrk_run 64 "$DURATION_S" "$BASE/api/v1/session"
measure noop wrk_run 64 "$DURATION_S" "$BASE/api/v1/case"

echo "== login vs raw bcrypt (32 clients over 3 accounts, right passwords only: every answer must be 200)"
WRK_BODY=$LOGIN_BODY WRK_LOGIN_USERS=3 measure login wrk_run 32 "$DURATION_S" "$BASE/api/v1/login"
measure bcrypt java -cp "$BCRYPT_CP" bench/harness/BcryptRate.java \
  "$(awk '/alice:/{f=1} f && /password:/ {print $2; exit}' bench/users.yml)" wonderland "$DURATION_S"

echo "== chat"
BASE=$BASE SESSIONS=100 MODE=closed DURATION_S=$DURATION_S measure chat_closed_100 node --experimental-websocket bench/harness/chat.mjs
LARGEST=$(echo "$CHAT_SIZES" | tr ' ' '\n' | sort -n | tail -1)
for c in $CHAT_SIZES; do
  d=$DURATION_S; [ "$c" = "$LARGEST" ] && d=$CHAT_SOAK_S
  [ "$c" = "$LARGEST" ] && GC_FROM=$(awk '{print $1}' /proc/uptime)
  BASE=$BASE SESSIONS=$c MODE=open DURATION_S=$d measure "chat_open_$c" node --max-old-space-size=4096 --experimental-websocket bench/harness/chat.mjs
done
# Uptime of the service when the largest chat run started, for reading the GC log of that run only.
[ -n "${GC_FROM:-}" ] && python3 - "$APP_PID" "$GC_FROM" "$WORK/soak_window.json" <<'EOF'
import json, os, sys
pid, started_at, out = sys.argv[1:]
hz = os.sysconf("SC_CLK_TCK")
start_ticks = int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[19])
json.dump({"service_uptime_s_at_start": float(started_at) - start_ticks / hz}, open(out, "w"))
EOF

python3 bench/harness/report.py "$WORK" "$OUT"

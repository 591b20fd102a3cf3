#!/usr/bin/env bash
# Benchmark harness: builds the service, starts a private Redis and the packaged service (prod
# profile, Redis backend), drives each scenario from separate processes (wrk, Node, a plain JVM)
# and writes docs/benchmarks/results.json, docs/benchmarks/README.md and a latency chart (SVG).
# Scenarios: session (vs a no-op endpoint), login (vs raw bcrypt), chat (open and closed loop).
# Each target is reported as a ratio to a baseline measured in the same run on this machine.
#   bench/run.sh                       # all scenarios, ~6 minutes
#   DURATION_S=10 CHAT_SIZES="100" bench/run.sh   # a quick pass
# Needs: a JDK 17+, redis-server, wrk, Node 20+ (Debian packages), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION_S=${DURATION_S:-20}
CHAT_SIZES=${CHAT_SIZES:-"100 1000 10000"}
WORK=target/bench
OUT=docs/benchmarks
mkdir -p "$WORK" "$OUT"
for tool in redis-server wrk node python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (Debian: apt-get install redis-server wrk nodejs)"; exit 1; }
done
./mvnw -B -q package -DskipTests

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port); HTTP_PORT=$(free_port)
REDIS_DIR=$(mktemp -d)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$REDIS_DIR" --daemonize yes \
  --logfile "$REDIS_DIR/redis.log"
SESSION_BACKEND=redis QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" QUARKUS_HTTP_PORT=$HTTP_PORT \
SESSION_USERS_FILE=bench/users.yml SESSION_JWT_SECRET=bench-secret-bench-secret-bench-secret-0123 \
SESSION_RATE_LIMIT_MESSAGES=100000 SESSION_LOGIN_MAX_FAILURES=100000000 SESSION_LOGIN_ACCOUNT_DELAY=1ms \
SESSION_WS_MAX_CONNECTIONS_PER_SESSION=5 QUARKUS_LOG_CATEGORY__IO_DX0__LEVEL=WARN \
  java -Xmx1g -jar target/quarkus-app/quarkus-run.jar > "$WORK/service.log" 2>&1 &
APP_PID=$!
cleanup() { kill "$APP_PID" 2>/dev/null || true; redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true; }
trap cleanup EXIT
for _ in $(seq 1 60); do curl -sf "localhost:$HTTP_PORT/q/health/ready" >/dev/null && break; sleep 1; done
BASE="http://127.0.0.1:$HTTP_PORT"

# CPU seconds used by the service so far (utime + stime), and its RSS in bytes.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$APP_PID/stat"; }
rss() { awk '/VmRSS/ {print $2 * 1024}' "/proc/$APP_PID/status"; }
# measure NAME CMD...: runs CMD, keeps its last output line (JSON) with the service's CPU and RSS.
measure() {
  local name=$1; shift
  local c0 c1 start end
  c0=$(cpu); start=$(date +%s.%N)
  "$@" | tail -1 > "$WORK/$name.raw.json"
  c1=$(cpu); end=$(date +%s.%N)
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["service_cpu_cores"]=(float(sys.argv[2])-float(sys.argv[3]))/(float(sys.argv[5])-float(sys.argv[4])); d["service_rss_bytes"]=int(sys.argv[6]); json.dump(d,open(sys.argv[7],"w"))' \
    "$WORK/$name.raw.json" "$c1" "$c0" "$start" "$end" "$(rss)" "$WORK/$name.json"
  echo "$name: $(cat "$WORK/$name.json")"
}
wrk_run() { wrk -t2 -c"$1" -d"${DURATION_S}s" -s bench/harness/report.lua "$2"; }

TOKEN=$(curl -s -XPOST "$BASE/api/v1/login" -H 'Content-Type: application/json' -d '{"username":"ann","password":"pw-2a"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
wrk_run 16 "$BASE/api/v1/case" >/dev/null    # warm-up

# session: GET /api/v1/session (token check + store touch + rate peek) vs GET /api/v1/case (no store, no auth)
WRK_TOKEN=$TOKEN measure session wrk_run 64 "$BASE/api/v1/session"
measure noop wrk_run 64 "$BASE/api/v1/case"

# login: logins/s vs raw bcrypt verifications/s at the same cost on the same cores
WRK_BODY='{"username":"alice","password":"wonderland"}' measure login wrk_run 8 "$BASE/api/v1/login"
BCRYPT_CP=$(ls target/quarkus-app/lib/main/at.favre.lib.bcrypt-*.jar target/quarkus-app/lib/main/at.favre.lib.bytes-*.jar | tr '\n' ':')
measure bcrypt java -cp "$BCRYPT_CP" bench/harness/BcryptRate.java \
  "$(awk '/alice:/{f=1} f && /password:/ {print $2; exit}' bench/users.yml)" wonderland "$DURATION_S"

# chat: open loop 1 msg/s per session, and closed loop, at each size
for c in $CHAT_SIZES; do
  BASE=$BASE SESSIONS=$c MODE=open DURATION_S=$DURATION_S measure "chat_open_$c" node --experimental-websocket bench/harness/chat.mjs
done
BASE=$BASE SESSIONS=100 MODE=closed DURATION_S=$DURATION_S measure chat_closed_100 node --experimental-websocket bench/harness/chat.mjs

python3 bench/harness/report.py "$WORK" "$OUT"

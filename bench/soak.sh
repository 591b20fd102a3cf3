#!/usr/bin/env bash
# Soak: the packaged service on a private Redis under steady chat + REST load for DURATION_S
# (default 1800 s), sampling live heap (after a full GC), RSS, open file descriptors and Redis keys every 30 s and
# checking at each sample that every Redis key carries a TTL. Not part of ./mvnw verify.
# All clients log in from 127.0.0.1 as three users, so the per-IP and per-account login guards
# are opened wide here (they reserve an attempt before hashing: concurrent logins would collide).
#   ./mvnw -B package -DskipTests && bench/soak.sh            # 30 minutes, 200 sessions
#   DURATION_S=300 SESSIONS=50 bench/soak.sh                  # a short run
# Output: target/soak/samples.csv, target/soak/summary.json (figures go into docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION_S=${DURATION_S:-1800}
SESSIONS=${SESSIONS:-200}
OUT=target/soak
mkdir -p "$OUT"
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port)
HTTP_PORT=$(free_port)
MANAGEMENT_PORT=$(free_port)
REDIS_DIR=$(mktemp -d)
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$REDIS_DIR" --daemonize yes \
  --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log"
cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null || true
  redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}
trap cleanup EXIT

# The prod profile refuses the secrets and password hashes committed here: make fresh ones for this run.
BCRYPT_CP=$(ls target/quarkus-app/lib/main/at.favre.lib.bcrypt-*.jar target/quarkus-app/lib/main/at.favre.lib.bytes-*.jar | tr '\n' ':')
FRESH_USERS=$(mktemp --suffix=.yml)
java -cp "$BCRYPT_CP" bench/harness/FreshUsers.java src/test/resources/test-users.yml "$FRESH_USERS" pw-2a pw-2b pw-2y secret-admin
FRESH_SECRET=$(head -c 48 /dev/urandom | base64 -w0)
SESSION_BACKEND=redis QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$REDIS_PORT" QUARKUS_HTTP_PORT=$HTTP_PORT QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT \
SESSION_USERS_FILE="$FRESH_USERS" SESSION_JWT_SECRET="$FRESH_SECRET" SESSION_USERS_MIN_BCRYPT_COST=4 \
SESSION_RATE_LIMIT_MESSAGES=120 SESSION_IDLE_TIMEOUT=2m SESSION_MAX_SESSIONS_PER_USER=1000000 \
SESSION_LOGIN_MAX_FAILURES=100000 SESSION_LOGIN_ACCOUNT_DELAY=1ms SESSION_LOGIN_ACCOUNT_MAX_DELAY=1ms \
  java -Xmx512m -jar target/quarkus-app/quarkus-run.jar > "$OUT/service.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -sf "localhost:$MANAGEMENT_PORT/q/health/ready" >/dev/null && break; sleep 1; done

sample() {
  local heap rss fds keys live
  # Live heap: a full collection first, so the figure is what is still referenced, not G1's tide.
  jcmd "$APP_PID" GC.run >/dev/null
  heap=$(curl -s "localhost:$MANAGEMENT_PORT/q/metrics" | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ {s+=$NF} END {printf "%d", s}')
  rss=$(awk '/VmRSS/ {print $2 * 1024}' "/proc/$APP_PID/status")
  fds=$(ls "/proc/$APP_PID/fd" | wc -l)
  keys=$(redis-cli -p "$REDIS_PORT" dbsize)
  live=$(curl -s "localhost:$MANAGEMENT_PORT/q/metrics" | awk '/^dx0_sessions_live/ {printf "%d", $2}')
  local scanned=0 no_ttl=0 key
  while read -r key; do
    [ -z "$key" ] && continue
    scanned=$((scanned + 1))
    if [ "$(redis-cli -p "$REDIS_PORT" pttl "$key")" = "-1" ]; then
      no_ttl=$((no_ttl + 1)); echo "no TTL: $key" >> "$OUT/no-ttl.txt"
    fi
  done < <(redis-cli -p "$REDIS_PORT" --scan)
  echo "$(date +%s),$heap,$rss,$fds,$keys,$live,$scanned,$no_ttl"
}

echo "epoch,live_heap_bytes,rss_bytes,open_fds,redis_keys,live_sessions,keys_scanned,keys_without_ttl" > "$OUT/samples.csv"
rm -f "$OUT/no-ttl.txt"
BASE="http://127.0.0.1:$HTTP_PORT" SESSIONS=$SESSIONS DURATION_S=$DURATION_S \
  node --experimental-websocket bench/soak/driver.mjs > "$OUT/driver.json" 2> "$OUT/driver.err" &
DRIVER=$!
while kill -0 "$DRIVER" 2>/dev/null; do sample >> "$OUT/samples.csv"; sleep 30; done
wait "$DRIVER" || true
sample >> "$OUT/samples.csv"

python3 - "$OUT" <<'PY'
import csv, json, sys
out = sys.argv[1]
rows = list(csv.DictReader(open(f"{out}/samples.csv")))
driver = json.loads(open(f"{out}/driver.json").read().strip().splitlines()[-1])
def span(col):
    vals = [int(r[col]) for r in rows if r[col]]
    n = len(vals); q = max(1, n // 4)
    return {"first_quarter_avg": sum(vals[:q]) / q, "last_quarter_avg": sum(vals[-q:]) / q, "min": min(vals), "max": max(vals)}
summary = {"samples": len(rows), "driver": driver,
           "keys_ttl_checked": sum(int(r["keys_scanned"]) for r in rows),
           "keys_without_ttl": sum(int(r["keys_without_ttl"]) for r in rows),
           **{c: span(c) for c in ["live_heap_bytes", "rss_bytes", "open_fds", "redis_keys", "live_sessions"]}}
json.dump(summary, open(f"{out}/summary.json", "w"), indent=2)
print(json.dumps(summary, indent=2))
PY

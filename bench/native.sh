#!/usr/bin/env bash
# The native executable beside the JVM jar, in one run (issue 37): for each, a fresh start on the memory
# backend measured to ready (its readiness probe polled every 5 ms), RSS at ready, then at once a closed
# loop of SESSIONS chat sockets for DURATION_S seconds (what a replica meets right after a rolling
# deploy): messages answered per second and refused (busy), server CPU for that load, RSS after it.
# Needs target/quarkus-app (./mvnw package) and target/*-runner (native/check). Writes
# docs/benchmarks/native.json and prints a table; image sizes are added when podman has the images
# (src/main/docker/check).   Usage: bench/native.sh   (env: SESSIONS=200 DURATION_S=20 ROUNDS=2)
set -euo pipefail
cd "$(dirname "$0")/.."
SESSIONS=${SESSIONS:-200}; DURATION_S=${DURATION_S:-20}; ROUNDS=${ROUNDS:-2}
RUNNER=$(ls target/*-runner | head -1)
OUT=$(mktemp -d)
BCRYPT_CP=$(ls target/quarkus-app/lib/main/at.favre.lib.bcrypt-*.jar target/quarkus-app/lib/main/at.favre.lib.bytes-*.jar | tr '\n' ':')
java -cp "$BCRYPT_CP" bench/harness/FreshUsers.java bench/users.yml "$OUT/users.yml" wonderland pw-2a > /dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_s() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }
rss_mib() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }

# measure NAME COMMAND...: one start and load; prints one JSON line
measure() {
  local name=$1; shift
  local hp mp pid t0 ready_ms rss0 cpu0 load cpu1 rss1
  hp=$(free_port); mp=$(free_port)
  t0=$(date +%s%N)
  SESSION_BACKEND=memory SESSION_USERS_FILE="$OUT/users.yml" SESSION_JWT_SECRET="$(head -c 48 /dev/urandom | base64 -w0)" \
  SESSION_USERS_MIN_BCRYPT_COST=4 SESSION_RATE_LIMIT_MESSAGES=1000000 SESSION_MAX_SESSIONS_PER_USER=1000000 \
  SESSION_LOGIN_MAX_FAILURES=100000 QUARKUS_HTTP_PORT=$hp QUARKUS_MANAGEMENT_PORT=$mp \
  QUARKUS_LOG_CATEGORY__DX0_SECURITY__LEVEL=WARN "$@" > "$OUT/$name.log" 2>&1 &
  pid=$!
  until python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$mp),1); s.sendall(b'GET /q/health/ready HTTP/1.0\r\n\r\n'); sys.exit(0 if s.recv(12).endswith(b' 200') else 1)" 2>/dev/null; do
    kill -0 $pid 2>/dev/null || { cat "$OUT/$name.log"; exit 1; }
    sleep 0.005
  done
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  rss0=$(rss_mib $pid); cpu0=$(cpu_s $pid)
  load=$(BASE="http://127.0.0.1:$hp" SESSIONS=$SESSIONS MODE=closed DURATION_S=$DURATION_S CHAT_USER=alice \
    CHAT_PASSWORD=wonderland node --experimental-websocket bench/harness/chat.mjs)
  cpu1=$(cpu_s $pid); rss1=$(rss_mib $pid)
  kill $pid; wait $pid 2>/dev/null || true
  python3 - "$name" "$ready_ms" "$rss0" "$rss1" "$cpu0" "$cpu1" "$load" <<'PY'
import json, sys
name, ready, rss0, rss1, cpu0, cpu1, load = sys.argv[1:]
l = json.loads(load)
print(json.dumps({"build": name, "ready_ms": int(ready), "rss_ready_mib": int(rss0), "rss_after_load_mib": int(rss1),
                  "cpu_s_load": round(float(cpu1) - float(cpu0), 1), "messages_per_s": round(l["per_second"]),
                  "answered": l["replies"], "refused": l["errors"], "p99_ms": l["p99_ms"]}))
PY
}

results=()
for round in $(seq 1 "$ROUNDS"); do
  results+=("$(measure jvm java -XX:MaxRAM=768m -XX:+UseG1GC -XX:MaxRAMPercentage=50 -XX:MaxDirectMemorySize=96m \
    -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k -jar target/quarkus-app/quarkus-run.jar)")
  results+=("$(measure native "$RUNNER" -Xmx384m)")
done
sizes={}
if command -v podman > /dev/null; then
  for tag in jvm native; do
    s=$(${PODMAN:-podman} image inspect "localhost/dx0/session-service:$tag" --format '{{.Size}}' 2>/dev/null || true)
    [ -n "$s" ] && sizes=$(python3 -c "import json,sys; d=json.loads(sys.argv[1]); d[sys.argv[2]]=round(int(sys.argv[3])/1e6); print(json.dumps(d))" "$sizes" "$tag" "$s")
  done
fi
printf '%s\n' "${results[@]}" > "$OUT/results.jsonl"
python3 - "$OUT/results.jsonl" "$SESSIONS" "$DURATION_S" "$sizes" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("| build | ready ms | RSS at ready MiB | RSS after load MiB | CPU s for the load | messages/s | refused | p99 ms |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    print("| {build} | {ready_ms} | {rss_ready_mib} | {rss_after_load_mib} | {cpu_s_load} | {messages_per_s} | {refused} of {total} | {p99_ms:.1f} |"
          .format(total=r["answered"] + r["refused"], **r))
json.dump({"sessions": int(sys.argv[2]), "duration_s": int(sys.argv[3]), "runs": rows, "image_mb": json.loads(sys.argv[4])},
          open("docs/benchmarks/native.json", "w"), indent=1)
PY
rm -rf "$OUT"

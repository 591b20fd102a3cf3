#!/usr/bin/env bash
# Past capacity (issue 15): the packaged service on a private Redis, its JVM sized as in the pod
# (-XX:MaxRAM=768m and Dockerfile.jvm's settings). Measures closed-loop chat capacity C over SOCKETS
# sockets (after a 20 s warm-up), then offers 0.5, 1, 2, 3 and 5 x C open loop over the same sockets; after each level it
# waits 10 s and probes at 0.5 x C for 10 s. Peak RSS is sampled every 200 ms. Needs
# target/quarkus-app (./mvnw -B package -DskipTests), redis-server, node 20+. D=seconds per level
# (default 30), SOCKETS (default 3000), LEVELS (default "0.5 1 2 3 5"; "" skips the chat phases).
# Then the login flood: 200 clients (LOGIN_CLIENTS) logging in with right passwords at bcrypt cost 10
# as fast as they are answered, each from its own address, for D seconds; then, the service stopped,
# the bcrypt floor: verifications/s on all cores at the same cost (bench/harness/BcryptRate.java).
# NMT=1 adds -XX:NativeMemoryTracking=summary and writes the JVM's own account of its memory after
# each level to target/overload/nmt-<level>.txt.
# Writes target/overload/results.jsonl (one JSON line per level); docs/benchmarks/overload.md has the table.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${D:-30}; SOCKETS=${SOCKETS:-3000}; LEVELS=${LEVELS-"0.5 1 2 3 5"}; LOGIN_CLIENTS=${LOGIN_CLIENTS:-200}
OUT=target/overload; mkdir -p "$OUT"; : > "$OUT/results.jsonl"; rm -f "$OUT/tokens.json"
JAVA_EXTRA=${NMT:+-XX:NativeMemoryTracking=summary}
. bench/harness/pod-service.sh
sample_peak() { local peak=0 r; while true; do r=$(rss_kib); [ "$r" -gt "$peak" ] && peak=$r && echo "$peak" > "$OUT/peak"; sleep 0.2; done; }
drive() { BASE="http://127.0.0.1:$HP" SESSIONS=$SOCKETS TOKENS_FILE="$OUT/tokens.json" node --experimental-websocket bench/harness/overload.mjs; }
if [ -n "$LEVELS" ]; then
echo "warm-up (closed loop, 20 s: the JIT, the pools and the limits settle)"
MODE=closed DURATION_S=20 drive > /dev/null
echo "capacity (closed loop, $SOCKETS sockets, ${D}s)"
CAP_JSON=$(MODE=closed DURATION_S=$D drive); echo "$CAP_JSON"
C=$(echo "$CAP_JSON" | python3 -c 'import json,sys; print(json.load(sys.stdin)["goodput_per_s"])')
echo "{\"level\":\"capacity\",\"rss_kib\":$(rss_kib),\"result\":$CAP_JSON}" >> "$OUT/results.jsonl"
for k in $LEVELS; do
  RATE=$(python3 -c "print(max(1, round($k * $C)))")
  echo 0 > "$OUT/peak"; sample_peak & SAMPLER=$!
  R=$(MODE=open RATE=$RATE DURATION_S=$D drive)
  kill $SAMPLER; wait $SAMPLER 2>/dev/null || true
  [ -n "${NMT:-}" ] && jcmd $APP VM.native_memory summary > "$OUT/nmt-$k.txt"
  sleep 10
  P=$(MODE=open RATE=$(python3 -c "print(max(1, round(0.5 * $C)))") DURATION_S=10 drive)
  echo "{\"level\":$k,\"capacity\":$C,\"peak_rss_kib\":$(cat "$OUT/peak"),\"result\":$R,\"probe_after\":$P}" | tee -a "$OUT/results.jsonl"
done
fi
echo "login flood ($LOGIN_CLIENTS clients, right passwords, bcrypt cost 10, ${D}s)"
echo 0 > "$OUT/peak"; sample_peak & SAMPLER=$!
L=$(BASE="http://127.0.0.1:$HP" CLIENTS=$LOGIN_CLIENTS DURATION_S=$D node bench/harness/loginflood.mjs)
kill $SAMPLER; wait $SAMPLER 2>/dev/null || true
kill -0 $APP && echo "service still up" || echo "SERVICE DIED"
# the service's own account of the login answers (time from request to response, by status)
curl -s "localhost:$MP/q/metrics" | grep -E '^http_server_requests_seconds_(count|sum|max)\{.*uri="/api/v1/login"' > "$OUT/login-metrics.txt" || true
kill $APP; wait $APP 2>/dev/null || true
echo "bcrypt floor (the service stopped, all cores)"
B=$(java -cp "$BCRYPT_CP" bench/harness/BcryptRate.java "$(awk '/bench01:/{f=1} f && /password:/ {print $2; exit}' "$FRESH_USERS")" wonderland "$D" | tail -1)
echo "{\"level\":\"login\",\"peak_rss_kib\":$(cat "$OUT/peak"),\"result\":$L,\"bcrypt\":$B}" | tee -a "$OUT/results.jsonl"

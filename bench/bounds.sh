#!/usr/bin/env bash
# Per-client bounds (issue 35) on the packaged service as in the pod (-XX:MaxRAM=768m, Redis): a polite
# client's GET /session while 60 trickled bodies and 100 zero-window HTTP/2 connections are held, while
# SOCKETS chat sockets never read (pings and questions), and around NOISE requests that prove nothing;
# then whether the admin API still finds a victim's failures and back-off. Needs target/quarkus-app
# (./mvnw -B package -DskipTests), redis-server, python3. D seconds per phase (default 20), SOCKETS
# (default 40), NOISE (default 100000). Writes target/bounds/results.jsonl; docs/benchmarks/bounds.md has
# the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${D:-20}; SOCKETS=${SOCKETS:-40}; NOISE=${NOISE:-100000}
OUT=target/bounds; mkdir -p "$OUT"; : > "$OUT/results.jsonl"
# the victim's back-off must outlast the noise phase to be looked for after it
export SESSION_LOGIN_ACCOUNT_DELAY=300s SESSION_LOGIN_ACCOUNT_MAX_DELAY=15m
. bench/harness/pod-service.sh
echo 0 > "$OUT/peak"
( while kill -0 $APP 2>/dev/null; do r=$(rss_kib); p=$(cat "$OUT/peak" 2>/dev/null || echo 0); [ "$r" -gt "${p:-0}" ] && echo "$r" > "$OUT/peak"; sleep 0.2; done ) &
SAMPLER=$!
echo "RSS at ready: $(( $(rss_kib) / 1024 )) MiB"
HP=$HP DURATION_S=$D SOCKETS=$SOCKETS NOISE=$NOISE RSS_FILE="$OUT/peak" python3 bench/harness/bounds.py "$@" \
  | tee -a "$OUT/results.jsonl"
kill -0 $APP && echo "service still up, RSS $(( $(rss_kib) / 1024 )) MiB" || echo "SERVICE DIED"
curl -s "localhost:$MP/q/metrics" | grep -E '^(jvm_buffer_memory_used_bytes\{.*direct|dx0_chat_sockets_cut_total|jvm_memory_used_bytes\{area="heap")' \
  | tee "$OUT/metrics.txt" || true
grep -c "OutOfMemoryError" "$OUT/service.log" | sed 's/^/OutOfMemoryError lines: /' || true

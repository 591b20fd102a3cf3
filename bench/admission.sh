#!/usr/bin/env bash
# Below capacity and at the login door (issue 25): the packaged service on a private Redis, its JVM sized
# as in the pod (-XX:MaxRAM=768m and Dockerfile.jvm's settings), the load generator sharing the cores.
#   cold      (always; it is the warm-up of the rest) a fresh replica's first 20 s under a closed loop of
#             200 sockets, answers and refusals per second
#   below     2,000 sockets opened all at once, then 1 msg/s each (open loop) for D s: busy, refused upgrades, p99
#   closed    closed loops of 100 and 200 sockets for D s: refusals against answers
#   storm     3,000 sockets opened all at once (a replica's sockets after a rolling restart): time to open all
#   shift     200 people log in at once, each from its own address, waiting Retry-After when told
#   flood     one address floods logins from 200 connections ignoring Retry-After while 20 bystanders log in
#             every 2 s from their own addresses, for D s
#   block     250 /64s of one /48 send 4 wrong logins at once each, again at every answer, for D s, while an
#             owner with its device token, an owner at its familiar place and a newcomer log in every 2 s
#   bcrypt    then, the service stopped, the JVM bcrypt floor at the same cost on all cores
# SCENARIOS picks some (default "below closed storm shift flood block"; cold and the floor always run).
# Needs target/quarkus-app (./mvnw -B package -DskipTests), redis-server, node 20+. D=seconds (default 30).
# Writes target/admission/results.jsonl (one JSON line per scenario); docs/benchmarks/admission.md has the table.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${D:-30}
OUT=target/admission; mkdir -p "$OUT"; : > "$OUT/results.jsonl"; rm -f "$OUT/tokens.json"
. bench/harness/pod-service.sh
drive() { BASE="http://127.0.0.1:$HP" TOKENS_FILE="$OUT/tokens.json" node --experimental-websocket bench/harness/overload.mjs; }
record() { echo "{\"scenario\":\"$1\",\"rss_kib\":$(rss_kib),\"service_counts\":$(service_counts),\"result\":$2}" | tee -a "$OUT/results.jsonl"; }
run() { [[ " ${SCENARIOS:-below closed storm shift flood block} " == *" $1 "* ]]; }
echo "cold: a fresh replica's first 20 s, closed loop of 200 sockets, measured from the first message (issue 39)"
record cold "$(SESSIONS=200 MODE=closed DURATION_S=20 WARMUP_MS=0 PER_SECOND=1 drive)"
if run below; then
  echo "below: 2,000 sockets at once, then 1 msg/s each"
  record below "$(SESSIONS=2000 OPEN_BATCH=2000 MODE=open RATE=2000 DURATION_S=$D drive)"
  sleep 5
fi
if run closed; then
  for n in 100 200; do
    echo "closed loop, $n sockets"
    record "closed-$n" "$(SESSIONS=$n MODE=closed DURATION_S=$D drive)"
  done
  sleep 5
fi
if run storm; then
  echo "storm: 3,000 sockets at once"
  record storm "$(SESSIONS=3000 OPEN_BATCH=3000 MODE=open RATE=1500 DURATION_S=10 drive)"
  sleep 5
fi
if run shift; then
  echo "shift change: 200 people at once"
  record shift "$(BASE="http://127.0.0.1:$HP" MODE=shift node bench/harness/logins.mjs)"
  sleep 5
fi
if run flood; then
  echo "one address floods, 20 bystanders (${D}s)"
  record flood "$(BASE="http://127.0.0.1:$HP" MODE=flood DURATION_S=$D node bench/harness/logins.mjs)"
fi
if run block; then
  sleep 5
  echo "a block of 250 /64s floods wrong logins; two owners and a newcomer log in (${D}s)"
  record block "$(BASE="http://127.0.0.1:$HP" MODE=block DURATION_S=$D node bench/harness/logins.mjs)"
  grep -c ' ERROR ' "$OUT/service.log" | sed 's/^/ERROR lines in the service log: /' || true
fi
kill -0 $APP && echo "service still up" || echo "SERVICE DIED"
kill $APP; wait $APP 2>/dev/null || true
echo "bcrypt floor (the service stopped, all cores)"
B=$(java -cp "$BCRYPT_CP" bench/harness/BcryptRate.java "$(awk '/bench01:/{f=1} f && /password:/ {print $2; exit}' "$FRESH_USERS")" wonderland 10 | tail -1)
echo "{\"scenario\":\"bcrypt\",\"result\":$B}" | tee -a "$OUT/results.jsonl"

#!/usr/bin/env bash
# What a refusal costs the server against an answer (issue 39), with a driver that is not the limit: the
# packaged service on a private Redis (bench/harness/pod-service.sh), driven by WORKERS Node processes
# (bench/harness/drivers.mjs) over SOCKETS chat sockets. After a 20 s closed-loop warm-up:
#   idle      the sockets opened and held for D s with (almost) nothing sent: the CPU every run spends
#             besides its messages (3,000 upgrades, the 5 s tail), taken off each run below
#   capacity  closed loop for D s: C, and the server's CPU per answered message at capacity
#   half      open loop at 0.5 x C: CPU per answer with nothing refused
#   flood     open loop at PER_SOCKET msg/s on every socket (3,000 x 10 = 30,000/s): answers, refusals,
#             goodput against C, answers p99, what was left unanswered, and the CPU a refusal costs:
#             (server CPU - idle's - answered x CPU per answer at half) / refused
# Server CPU is the service process's (utime + stime) over each run, the driver's own set-up (socket
# opening, 5 s tail) included the same way for every level; the drivers' CPU is reported beside it.
# Needs target/quarkus-app (./mvnw -B package -DskipTests), redis-server, node 22+. Env: D (default 20),
# SOCKETS (3000), WORKERS (2), PER_SOCKET (10); NATIVE=1 runs the native executable. Writes
# target/refusal-cost/results.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${D:-20}; SOCKETS=${SOCKETS:-3000}; WORKERS=${WORKERS:-2}; PER_SOCKET=${PER_SOCKET:-10}
OUT=target/refusal-cost; mkdir -p "$OUT"; : > "$OUT/results.jsonl"; rm -f "$OUT"/tokens.json.*
. bench/harness/pod-service.sh
. bench/harness/floor-server.sh # cpu_ms
drive() { BASE="http://127.0.0.1:$HP" SESSIONS=$SOCKETS TOKENS_FILE="$OUT/tokens.json" WORKERS=$WORKERS \
  node bench/harness/drivers.mjs; }
# measure LEVEL ENV...: one run; prints and records {level, server_cpu_ms, service counts after it, result}
measure() {
  local level=$1 before result after; shift
  before=$(cpu_ms "$APP"); result=$(export "$@"; drive); after=$(cpu_ms "$APP")
  echo "{\"level\":\"$level\",\"server_cpu_ms\":$((after - before)),\"service_counts\":$(service_counts),\"result\":$result}" \
    | tee -a "$OUT/results.jsonl"
}
echo "warm-up (closed loop, $SOCKETS sockets, 20 s)"
MODE=closed DURATION_S=20 drive > /dev/null
measure idle MODE=open RATE=1 DURATION_S="$D"
measure capacity MODE=closed DURATION_S="$D"
C=$(tail -1 "$OUT/results.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"]["goodput_per_s"])')
measure half MODE=open RATE=$((C / 2)) DURATION_S="$D"
measure flood MODE=open RATE=$((SOCKETS * PER_SOCKET)) DURATION_S="$D"
python3 - "$OUT/results.jsonl" <<'PY'
import json, sys
runs = {r["level"]: r for r in map(json.loads, open(sys.argv[1]))}
fixed = runs["idle"]["server_cpu_ms"] * 1000  # us spent by a run besides its messages
def per_answer(level):
    r = runs[level]
    return (r["server_cpu_ms"] * 1000 - fixed) / max(1, r["result"]["answered"])
cap, half, flood = runs["capacity"]["result"], runs["half"]["result"], runs["flood"]["result"]
at_half = per_answer("half")  # nothing refused at half: an answer's own cost
refusal = (runs["flood"]["server_cpu_ms"] * 1000 - fixed - flood["answered"] * at_half) / max(1, flood["refused"])
print(json.dumps({"C_per_s": cap["goodput_per_s"], "fixed_cpu_ms": fixed // 1000,
    "us_per_answer_half": round(at_half), "us_per_answer_capacity_with_its_refusals": round(per_answer("capacity")),
    "us_per_answer_flood_with_its_refusals": round(per_answer("flood")),
    "flood_offered_per_s": flood["offered_per_s"], "flood_sent": flood["sent"], "flood_goodput_share_of_C": round(flood["goodput_per_s"] / cap["goodput_per_s"], 2),
    "flood_answered": flood["answered"], "flood_refused": flood["refused"], "flood_unanswered": flood["unanswered"],
    "flood_answer_p99_ms": flood["answer_p99_ms"], "us_per_refusal": round(refusal),
    "refusal_over_answer": round(refusal / at_half, 2),
    "driver_cpu_ms": {k: runs[k]["result"]["driver_cpu_ms"] for k in runs},
    "server_cpu_ms": {k: runs[k]["server_cpu_ms"] for k in runs}}))
PY

#!/usr/bin/env bash
# The chat path against the floor of its stack (issue 29), back to back on the same driver, in one run:
# the floor (bench/harness/ChatFloor.java: bare Vert.x, one Lua round trip to Redis per message,
# the same 3-frame reply; DX0_FLOOR names another) and then the service (pod-sized, bench/harness/pod-service.sh),
# both on the same private Redis. Each gets a 20 s closed-loop warm-up of 200 sockets, then
#   closed    closed loop of 200 sockets for D s (the floor has no refusals to wait out)
#   open      2,000 sockets x 1 msg/s, open loop, for D s
# and the service also
#   impatient closed loop of 200 sockets resending the instant they read busy
#   closed-3000, impatient-3000  the same with 3,000 sockets, past what the line holds: patient, then impatient
# Prints one JSON line per measurement (with the server's CPU time over it) and the ratios: messages/s
# against the floor's, and CPU per message against the floor's (the driver, one Node thread on the
# same cores, can be what limits both); writes target/floor/results.jsonl.
# Needs target/quarkus-app (./mvnw -B package -DskipTests), redis-server, node 20+. D=seconds (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
D=${D:-20}
OUT=target/floor; mkdir -p "$OUT"; : > "$OUT/results.jsonl"; rm -f "$OUT"/tokens-*.json
. bench/harness/pod-service.sh
FP=$(free_port)
. bench/harness/floor-server.sh
start_floor "$FP" "$RP"
trap 'kill $APP $FLOOR_PID 2>/dev/null || true; redis-cli -p $RP shutdown nosave >/dev/null 2>&1 || true' EXIT
drive() { TOKENS_FILE="$OUT/tokens-$1.json" BASE="http://127.0.0.1:$2" node --experimental-websocket bench/harness/overload.mjs; }
# one measured run: the driver's figures and the server's CPU per answered message, the driver's
# set-up and 5 s tail included (the same for both servers)
measure() {
  local server=$1 run=$2 pid=$3; shift 3
  local before result after
  before=$(cpu_ms "$pid"); result=$(env "$@" bash -c 'drive "$0" "$1"' "$server" "$port"); after=$(cpu_ms "$pid")
  echo "{\"server\":\"$server\",\"run\":\"$run\",\"cpu_ms\":$((after - before)),\"result\":$result}" | tee -a "$OUT/results.jsonl"
}
export -f drive; export OUT
for server in floor service; do
  port=$([ $server = floor ] && echo "$FP" || echo "$HP")
  echo "$server: warm-up (closed loop, 200 sockets, 20 s; then 3,000 sessions logged in and opened once)"
  SESSIONS=200 MODE=closed DURATION_S=20 drive $server "$port" > /dev/null
  SESSIONS=3000 MODE=open RATE=300 DURATION_S=3 drive $server "$port" > /dev/null
  pid=$([ $server = floor ] && echo "$FLOOR_PID" || echo "$APP")
  measure $server closed "$pid" SESSIONS=200 MODE=closed DURATION_S=$D
  measure $server open "$pid" SESSIONS=2000 MODE=open RATE=2000 DURATION_S=$D
  if [ $server = service ]; then
    measure $server impatient "$pid" SESSIONS=200 MODE=closed IMPATIENT=1 DURATION_S=$D
    measure $server closed-3000 "$pid" SESSIONS=3000 MODE=closed DURATION_S=$D
    measure $server impatient-3000 "$pid" SESSIONS=3000 MODE=closed IMPATIENT=1 DURATION_S=$D
  fi
  [ $server = floor ] && kill $FLOOR_PID
done
python3 - "$OUT/results.jsonl" <<'PY'
import json, sys
rows = list(map(json.loads, open(sys.argv[1])))
r = {(d["server"], d["run"]): d["result"] for d in rows}
cpu = {(d["server"], d["run"]): d["cpu_ms"] * 1000 / max(1, d["result"]["answered"]) for d in rows}
floor, closed, impatient = r["floor", "closed"], r["service", "closed"], r["service", "impatient"]
print(json.dumps({
    "cpu_us_per_message": {k[0] + "/" + k[1]: round(v) for k, v in cpu.items()},
    "service_cost_vs_floor_closed": round(cpu["service", "closed"] / cpu["floor", "closed"], 2),
    "service_vs_floor_closed": round(closed["goodput_per_s"] / floor["goodput_per_s"], 3),
    "refused_per_answer_closed": round(closed["refused"] / max(1, closed["answered"]), 4),
    "refused_per_answer_open": round(r["service", "open"]["refused"] / max(1, r["service", "open"]["answered"]), 4),
    "impatient_vs_patient": round(impatient["goodput_per_s"] / closed["goodput_per_s"], 3),
    "impatient_vs_patient_3000": round(r["service", "impatient-3000"]["goodput_per_s"]
                                       / r["service", "closed-3000"]["goodput_per_s"], 3),
    "open_p99_ms": {"floor": r["floor", "open"]["answer_p99_ms"], "service": r["service", "open"]["answer_p99_ms"]}}))
PY

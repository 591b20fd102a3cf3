#!/usr/bin/env bash
# Where a chat message's CPU goes (issue 29): the packaged service, pod-sized, on a private Redis
# (bench/harness/pod-service.sh), driven by a closed loop of SESSIONS sockets (default 200; IMPATIENT=1
# resends the instant it reads busy) after a 20 s warm-up, with async-profiler 4.1 (Maven Central's jar,
# fetched into the local repository) sampling CPU, kernel included, for D s (default 20).
# Writes target/profile/<name>.collapsed (name: closed-<SESSIONS> or impatient-<SESSIONS>), the driver's
# figures and the service's CPU over the run, then the per-stage table of bench/harness/chat_stages.py.
# Needs target/quarkus-app (./mvnw -B package -DskipTests), redis-server, node 20+; for kernel frames
# kernel.perf_event_paranoid <= 1. PROFILE=off drives the same run without the profiler (its overhead).
# SERVER=floor profiles bench/harness/ChatFloor.java (DX0_FLOOR names another) instead, on the same
# private Redis and driver, so each stage can be set against what the floor spends on it.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${D:-20}; SESSIONS=${SESSIONS:-200}; IMPATIENT=${IMPATIENT:-0}
SERVER=${SERVER:-service}
NAME=$([ "$SERVER" = floor ] && echo floor- || true)$([ "$IMPATIENT" = 1 ] && echo impatient || echo closed)-$SESSIONS
OUT=target/profile; mkdir -p "$OUT"; rm -f "$OUT/tokens.json"
REPO=$(./mvnw -q -B help:evaluate -Dexpression=settings.localRepository -DforceStdout)
JAR="$REPO/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar"
[ -f "$JAR" ] || ./mvnw -q -B dependency:get -Dartifact=tools.profiler:async-profiler:4.1
LIB="$OUT/async-profiler/linux-x64/libasyncProfiler.so"
[ -f "$LIB" ] || (mkdir -p "$OUT/async-profiler" && cd "$OUT/async-profiler" && unzip -oq "$JAR" 'linux-x64/*')
# frames between safepoints too, so a sample lands on the method it was in, not the next safepoint's
JAVA_EXTRA="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
. bench/harness/pod-service.sh
. bench/harness/floor-server.sh
if [ "$SERVER" = floor ]; then
  kill $APP; wait $APP 2>/dev/null || true
  HP=$(free_port)
  start_floor "$HP" "$RP" $JAVA_EXTRA
  APP=$FLOOR_PID
fi
drive() { BASE="http://127.0.0.1:$HP" TOKENS_FILE="$OUT/tokens.json" node --experimental-websocket bench/harness/overload.mjs; }
echo "warm-up (closed loop, $SESSIONS sockets, 20 s)" >&2
SESSIONS=$SESSIONS MODE=closed DURATION_S=20 drive > /dev/null
agent() { jcmd "$APP" JVMTI.agent_load "$(realpath "$LIB")" "\"$1\"" > /dev/null; }
[ "${PROFILE:-on}" = off ] || agent "start,event=cpu,interval=1ms"
before=$(cpu_ms "$APP")
result=$(SESSIONS=$SESSIONS MODE=closed IMPATIENT=$IMPATIENT DURATION_S=$D drive)
after=$(cpu_ms "$APP")
[ "${PROFILE:-on}" = off ] || agent "stop,file=$(realpath "$OUT")/$NAME.collapsed,collapsed"
echo "{\"run\":\"$NAME\",\"profiled\":\"${PROFILE:-on}\",\"cpu_ms\":$((after - before)),\"result\":$result}" | tee "$OUT/$NAME.json"
[ "${PROFILE:-on}" = off ] || python3 bench/harness/chat_stages.py "$OUT/$NAME.collapsed" "$OUT/$NAME.json"

#!/usr/bin/env bash
# What tracing costs (issue 41), in one run, on Redis, the JVM sized as in the pod: for each build, a fresh
# start, a 10 s warm-up, then a closed loop of SESSIONS chat sockets for DURATION_S seconds (messages/s,
# p99, server CPU per message) and 8 clients logging in with right passwords at bcrypt cost 10 for
# DURATION_S seconds (logins/s, server CPU per login). Builds: `off` (the default: no exporter), `on`
# (every request traced, sent to a stand-in OTLP/HTTP collector, bench/harness/otlp_sink.py), and, when
# BASELINE_JAR names the quarkus-run.jar of a build without the OpenTelemetry extension, `none`.
# Needs target/quarkus-app (./mvnw package), redis-server, node 20+. ROUNDS (default 2) alternates builds.
# Writes docs/benchmarks/tracing.json and prints a table.
set -euo pipefail
cd "$(dirname "$0")/.."
SESSIONS=${SESSIONS:-200}; DURATION_S=${DURATION_S:-20}; ROUNDS=${ROUNDS:-2}
OUT=$(mktemp -d)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_s() { awk '{print ($14 + $15) / 100}' "/proc/$1/stat"; }
BCRYPT_CP=$(ls target/quarkus-app/lib/main/at.favre.lib.bcrypt-*.jar target/quarkus-app/lib/main/at.favre.lib.bytes-*.jar | tr '\n' ':')
java -cp "$BCRYPT_CP" bench/harness/FreshUsers.java bench/users.yml "$OUT/users.yml" wonderland pw-2a > /dev/null
RP=$(free_port); SINK_PORT=$(free_port)
redis-server --port "$RP" --bind 127.0.0.1 --save '' --appendonly no --dir "$OUT" --daemonize yes --logfile "$OUT/r.log"
trap 'redis-cli -p $RP shutdown nosave >/dev/null 2>&1 || true; rm -rf "$OUT"' EXIT

# measure NAME JAR [ENV=VALUE...]: prints one JSON line
measure() {
  local name=$1 jar=$2; shift 2
  local hp mp pid sink=""
  hp=$(free_port); mp=$(free_port)
  redis-cli -p "$RP" flushall > /dev/null
  if [ "$name" = on ]; then python3 bench/harness/otlp_sink.py "$SINK_PORT" > "$OUT/sink.json" & sink=$!; fi
  env "$@" SESSION_BACKEND=redis QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$RP" SESSION_USERS_FILE="$OUT/users.yml" \
    SESSION_JWT_SECRET="$(head -c 48 /dev/urandom | base64 -w0)" SESSION_USERS_MIN_BCRYPT_COST=4 \
    SESSION_RATE_LIMIT_MESSAGES=1000000 SESSION_MAX_SESSIONS_PER_USER=1000000 SESSION_LOGIN_MAX_FAILURES=100000 \
    QUARKUS_HTTP_PORT=$hp QUARKUS_MANAGEMENT_PORT=$mp QUARKUS_LOG_CATEGORY__DX0_SECURITY__LEVEL=WARN \
    java -XX:MaxRAM=768m -XX:+UseG1GC -XX:MaxRAMPercentage=50 -XX:MaxDirectMemorySize=96m -XX:MaxMetaspaceSize=128m \
      -XX:ReservedCodeCacheSize=64m -Xss512k -jar "$jar" > "$OUT/$name.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf "localhost:$mp/q/health/ready" > /dev/null && break; sleep 0.2; done
  BASE="http://127.0.0.1:$hp" SESSIONS=$SESSIONS MODE=closed DURATION_S=10 CHAT_USER=alice CHAT_PASSWORD=wonderland \
    node --experimental-websocket bench/harness/chat.mjs > /dev/null
  local c0 chat c1 login c2
  c0=$(cpu_s $pid)
  chat=$(BASE="http://127.0.0.1:$hp" SESSIONS=$SESSIONS MODE=closed DURATION_S=$DURATION_S CHAT_USER=alice \
    CHAT_PASSWORD=wonderland node --experimental-websocket bench/harness/chat.mjs)
  c1=$(cpu_s $pid)
  login=$(BASE="http://127.0.0.1:$hp" CLIENTS=8 DURATION_S=$DURATION_S node bench/harness/loginflood.mjs)
  c2=$(cpu_s $pid)
  kill $pid; wait $pid 2>/dev/null || true
  local sent='{}'
  if [ -n "$sink" ]; then kill $sink; wait $sink 2>/dev/null || true; sent=$(cat "$OUT/sink.json"); fi
  python3 - "$name" "$c0" "$c1" "$c2" "$chat" "$login" "$sent" <<'PY'
import json, sys
name, c0, c1, c2, chat, login, sent = sys.argv[1:]
chat, login, sent = json.loads(chat), json.loads(login), json.loads(sent)
chat_cpu, login_cpu = float(c1) - float(c0), float(c2) - float(c1)
logins = sum(login["statuses"].values())  # every answer of the run, its warm-up too, as the CPU is
print(json.dumps({"build": name, "messages_per_s": round(chat["per_second"]), "p99_ms": chat["p99_ms"],
                  "cpu_us_per_message": round(chat_cpu * 1e6 / max(1, chat["replies"])),
                  "logins_per_s": login["successes_per_s"], "cpu_ms_per_login": round(login_cpu * 1e3 / max(1, logins), 1),
                  "otlp_requests": sent.get("requests"), "otlp_mb": round(sent.get("bytes", 0) / 1e6, 1) if sent else None}))
PY
}

JAR=target/quarkus-app/quarkus-run.jar
results=()
for round in $(seq 1 "$ROUNDS"); do
  [ -n "${BASELINE_JAR:-}" ] && results+=("$(measure none "$BASELINE_JAR" X=1)")
  results+=("$(measure off "$JAR" X=1)")
  results+=("$(measure on "$JAR" QUARKUS_OTEL_SDK_DISABLED=false QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf \
    QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT")")
  printf '%s\n' "${results[@]: -3}"
done
printf '%s\n' "${results[@]}" > "$OUT/results.jsonl"
python3 - "$OUT/results.jsonl" "$SESSIONS" "$DURATION_S" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("| build | messages/s | p99 ms | server CPU µs per message | logins/s | server CPU ms per login | OTLP requests (MB) |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    print("| {build} | {messages_per_s} | {p99_ms:.1f} | {cpu_us_per_message} | {logins_per_s} | {cpu_ms_per_login} | {otlp} |".format(
        otlp="-" if r["otlp_requests"] is None else f'{r["otlp_requests"]} ({r["otlp_mb"]})', **r))
json.dump({"sessions": int(sys.argv[2]), "duration_s": int(sys.argv[3]), "runs": rows},
          open("docs/benchmarks/tracing.json", "w"), indent=1)
PY

#!/usr/bin/env bash
# Store round trips one login waits for, one after another (issue 36): the packaged service on a private
# Redis reached directly, then through bench/harness/delay_proxy.py holding each chunk DELAY_MS (default 5)
# in each direction; logins one at a time (bench/harness/login_roundtrips.py, as ann of bench/users.yml: cost 4, so bcrypt
# adds about a millisecond). The median's growth divided by the added round-trip time (2 x DELAY_MS) is the
# number of sequential round trips. Needs target/quarkus-app (./mvnw -B package -DskipTests), redis-server,
# python3. APP_DIR=another build to compare; ROUNDS (default 100).
set -euo pipefail
cd "$(dirname "$0")/.."
APP_DIR=${APP_DIR:-target/quarkus-app}
ROUNDS=${ROUNDS:-100}
DELAY_MS=${DELAY_MS:-5}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
RP=$(free_port); PP=$(free_port)
RD=$(mktemp -d)
redis-server --port "$RP" --bind 127.0.0.1 --save '' --appendonly no --dir "$RD" --daemonize yes --logfile "$RD/r.log"
python3 bench/harness/delay_proxy.py "$PP" "$RP" "$DELAY_MS" &
PROXY=$!
BCRYPT_CP=$(ls "$APP_DIR"/lib/main/at.favre.lib.bcrypt-*.jar "$APP_DIR"/lib/main/at.favre.lib.bytes-*.jar | tr '\n' ':')
USERS=$(mktemp --suffix=.yml)
java -cp "$BCRYPT_CP" bench/harness/FreshUsers.java bench/users.yml "$USERS" wonderland pw-2a
APP=
trap 'kill $PROXY 2>/dev/null || true; [ -z "$APP" ] || kill $APP 2>/dev/null || true; redis-cli -p $RP shutdown nosave >/dev/null 2>&1 || true' EXIT
measure() { # $1: the Redis port the service talks to
  local hp mp; hp=$(free_port); mp=$(free_port)
  redis-cli -p "$RP" flushall > /dev/null
  SESSION_BACKEND=redis QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$1" QUARKUS_HTTP_PORT=$hp QUARKUS_MANAGEMENT_PORT=$mp \
  SESSION_USERS_FILE="$USERS" SESSION_JWT_SECRET="$(head -c 48 /dev/urandom | base64 -w0)" SESSION_USERS_MIN_BCRYPT_COST=4 \
  SESSION_MAX_SESSIONS_PER_USER=1000000 SESSION_LOGIN_TRUSTED_PROXIES=127.0.0.1/32 QUARKUS_LOG_CATEGORY__IO_DX0__LEVEL=WARN \
  QUARKUS_LOG_CATEGORY__DX0_SECURITY__LEVEL=WARN java -jar "$APP_DIR/quarkus-run.jar" > target/login-roundtrips-service.log 2>&1 &
  APP=$!
  for _ in $(seq 1 60); do curl -sf "localhost:$mp/q/health/ready" >/dev/null && break; sleep 1; done
  python3 bench/harness/login_roundtrips.py "$hp" "$ROUNDS"
  kill $APP; wait $APP 2>/dev/null || true; APP=
}
DIRECT=$(measure "$RP")
DELAYED=$(measure "$PP")
python3 - "$DIRECT" "$DELAYED" "$DELAY_MS" <<'PY'
import json, sys
direct, delayed, delay = json.loads(sys.argv[1]), json.loads(sys.argv[2]), float(sys.argv[3])
print(json.dumps({kind: {"p50_ms": direct[kind], "p50_ms_store_%gms_away" % (2 * delay): delayed[kind],
                         "sequential_round_trips": round((delayed[kind] - direct[kind]) / (2 * delay), 1)}
                  for kind in direct}))
PY

#!/usr/bin/env bash
# The login scenario of bench/run.sh on its own, in about a minute: the packaged service on a private
# Redis with bench/users.yml, 32 wrk clients over 3 accounts (right passwords only), then the raw bcrypt
# rate at the same cost on the same cores. Needs target/quarkus-app (./mvnw -B package -DskipTests),
# redis-server, wrk. D=seconds per phase (default 20); APP_DIR=another build to compare;
# CLIENTS=wrk connections (default 32; 200 for a flood past capacity).
set -euo pipefail
cd "$(dirname "$0")/.."
D=${D:-20}
APP_DIR=${APP_DIR:-target/quarkus-app}
CLIENTS=${CLIENTS:-32}
RP=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
HP=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
MP=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
RD=$(mktemp -d)
redis-server --port $RP --bind 127.0.0.1 --save '' --appendonly no --dir $RD --daemonize yes --logfile $RD/r.log
# The prod profile refuses the secrets and password hashes committed here: make fresh ones for this run.
BCRYPT_CP=$(ls "$APP_DIR"/lib/main/at.favre.lib.bcrypt-*.jar "$APP_DIR"/lib/main/at.favre.lib.bytes-*.jar | tr '\n' ':')
FRESH_USERS=$(mktemp --suffix=.yml)
java -cp "$BCRYPT_CP" bench/harness/FreshUsers.java bench/users.yml "$FRESH_USERS" wonderland pw-2a
FRESH_SECRET=$(head -c 48 /dev/urandom | base64 -w0)
SESSION_BACKEND=redis QUARKUS_REDIS_HOSTS=redis://127.0.0.1:$RP QUARKUS_HTTP_PORT=$HP QUARKUS_MANAGEMENT_PORT=$MP SESSION_USERS_FILE="$FRESH_USERS" \
SESSION_JWT_SECRET="$FRESH_SECRET" SESSION_RATE_LIMIT_MESSAGES=100000 SESSION_MAX_SESSIONS_PER_USER=1000000 \
QUARKUS_LOG_CATEGORY__IO_DX0__LEVEL=WARN java -Xmx1g -jar "$APP_DIR/quarkus-run.jar" > target/login-only-service.log 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; redis-cli -p $RP shutdown nosave >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 60); do curl -sf "localhost:$MP/q/health/ready" >/dev/null && break; sleep 1; done
BODY='{"username":"alice","password":"wonderland"}'
WRK_BODY=$BODY WRK_LOGIN_USERS=3 wrk -t2 -c"$CLIENTS" --timeout 10s -d${D}s -s bench/harness/report.lua http://127.0.0.1:$HP/api/v1/login >/dev/null
echo "login:"; WRK_BODY=$BODY WRK_LOGIN_USERS=3 wrk -t2 -c"$CLIENTS" --timeout 10s -d${D}s -s bench/harness/report.lua http://127.0.0.1:$HP/api/v1/login | tail -1
kill $APP; wait $APP 2>/dev/null || true
echo "bcrypt:"; java -cp "$BCRYPT_CP" bench/harness/BcryptRate.java "$(awk '/alice:/{f=1} f && /password:/ {print $2; exit}' bench/users.yml)" wonderland $D | tail -1

#!/usr/bin/env bash
# Starts the packaged service (memory backend, bundled demo users: bcrypt cost 10) and measures
# the median login latency of an unknown user against a wrong password, 500 interleaved attempts
# each. Usage: ./mvnw -B package -DskipTests && bench/login-timing.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
port=18090
# The prod profile refuses the password hashes committed here: the demo users, hashed anew.
BCRYPT_CP=$(ls target/quarkus-app/lib/main/at.favre.lib.bcrypt-*.jar target/quarkus-app/lib/main/at.favre.lib.bytes-*.jar | tr '\n' ':')
FRESH_USERS=$(mktemp --suffix=.yml)
java -cp "$BCRYPT_CP" bench/harness/FreshUsers.java src/main/resources/demo-users.yml "$FRESH_USERS" wonderland change-me-now
SESSION_BACKEND=memory \
SESSION_USERS_FILE="$FRESH_USERS" \
SESSION_JWT_SECRET="$(head -c 48 /dev/urandom | base64)" \
SESSION_LOGIN_TRUSTED_PROXIES=127.0.0.1/32 \
SESSION_LOGIN_ACCOUNT_DELAY=1ms SESSION_LOGIN_ACCOUNT_MAX_DELAY=1ms \
QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$((port + 1)) \
java -jar target/quarkus-app/quarkus-run.jar > target/login-timing-service.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$((port + 1))/q/health/ready" > /dev/null && break
  sleep 0.5
done
python3 bench/login_timing.py 127.0.0.1 $port "${1:-500}" alice

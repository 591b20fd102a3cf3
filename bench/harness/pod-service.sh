# Sourced by bench/overload.sh and bench/admission.sh: the packaged service on a private Redis, its JVM
# sized as in the pod (-XX:MaxRAM=768m and Dockerfile.jvm's settings), trusting 127.0.0.1 as its proxy
# so each bench client can be its own address, with fresh hashes of bench/users.yml (the prod profile
# refuses committed ones). Expects OUT (the output folder) and optionally JAVA_EXTRA, or NATIVE=1 to run
# the native executable (target/*-runner, from native/check) with -Xmx384m instead; sets RP, HP, MP
# (Redis, HTTP and management ports), APP (the service's pid), FRESH_USERS, BCRYPT_CP and rss_kib.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
RP=$(free_port); HP=$(free_port); MP=$(free_port)
RD=$(mktemp -d)
redis-server --port "$RP" --bind 127.0.0.1 --save '' --appendonly no --dir "$RD" --daemonize yes --logfile "$RD/r.log"
BCRYPT_CP=$(ls target/quarkus-app/lib/main/at.favre.lib.bcrypt-*.jar target/quarkus-app/lib/main/at.favre.lib.bytes-*.jar | tr '\n' ':')
FRESH_USERS=$(mktemp --suffix=.yml)
java -cp "$BCRYPT_CP" bench/harness/FreshUsers.java bench/users.yml "$FRESH_USERS" wonderland pw-2a
# the chat user is cost 4 so thousands of sessions log in quickly: allowed for the bench
if [ -n "${NATIVE:-}" ]; then
  SERVICE=("$(ls target/*-runner | head -1)" -Xmx384m)
else
  # shellcheck disable=SC2206 # JAVA_EXTRA is a list of options
  SERVICE=(java ${JAVA_EXTRA:-} -XX:MaxRAM=768m -XX:MaxRAMPercentage=50 -XX:MaxDirectMemorySize=96m
    -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -Xss512k -jar target/quarkus-app/quarkus-run.jar)
fi
SESSION_BACKEND=redis QUARKUS_REDIS_HOSTS="redis://127.0.0.1:$RP" QUARKUS_HTTP_PORT=$HP QUARKUS_MANAGEMENT_PORT=$MP \
SESSION_USERS_FILE="$FRESH_USERS" SESSION_JWT_SECRET="$(head -c 48 /dev/urandom | base64 -w0)" \
SESSION_RATE_LIMIT_MESSAGES=1000000 SESSION_MAX_SESSIONS_PER_USER=1000000 SESSION_USERS_MIN_BCRYPT_COST=4 \
SESSION_LOGIN_MAX_FAILURES=100000 SESSION_LOGIN_TRUSTED_PROXIES=127.0.0.1/32 QUARKUS_LOG_CATEGORY__DX0_SECURITY__LEVEL=WARN QUARKUS_LOG_CATEGORY__IO_DX0__LEVEL=WARN \
  "${SERVICE[@]}" > "$OUT/service.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; [ -z "${SAMPLER:-}" ] || kill $SAMPLER 2>/dev/null || true; redis-cli -p $RP shutdown nosave >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 60); do curl -sf "localhost:$MP/q/health/ready" >/dev/null && break; sleep 1; done
rss_kib() { awk '/VmRSS/ {print $2}' /proc/$APP/status; }
# the service's own counts so far: admission refusals by path and reason ("chat/limit"), logins by outcome
# ("success"), chat sockets cut by reason ("cut/too_many_frames")
service_counts() { curl -s "localhost:$MP/q/metrics" | python3 -c '
import re, sys, json
out = {}
for line in sys.stdin:
    m = re.match(r"dx0_admission_refusals_total\{path=\"(\w+)\",reason=\"(\w+)\",?\} (\S+)", line) \
        or re.match(r"dx0_logins_total\{outcome=\"(\w+)\",?\} (\S+)", line) \
        or re.match(r"dx0_chat_sockets_cut_(total)\{reason=\"(\w+)\",?\} (\S+)", line)
    if m:
        key = "/".join(m.groups()[:-1])
        out[key.replace("total/", "cut/")] = int(float(m.groups()[-1]))
print(json.dumps(out))'; }

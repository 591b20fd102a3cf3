# Sourced by bench/floor.sh and bench/profile-chat.sh: the floor of the chat path
# (bench/harness/ChatFloor.java, written for this project; DX0_FLOOR names another) and the CPU time a
# process has used.
# start_floor PORT REDIS_PORT [JVM options...] starts it on the service's own Vert.x, Netty and Redis
# client jars (target/quarkus-app), logs to $OUT/floor.log, waits until it listens and sets FLOOR_PID.
start_floor() {
  local port=$1 redis=$2; shift 2
  local cp
  cp=$(ls target/quarkus-app/lib/main/{io.vertx.vertx-core,io.netty.netty,com.fasterxml.jackson.core.jackson-core,io.vertx.vertx-redis-client}-*.jar | tr '\n' ':')
  java "$@" -XX:MaxRAM=768m -cp "$cp" "${DX0_FLOOR:-bench/harness/ChatFloor.java}" "$port" "$redis" 3 > "$OUT/floor.log" 2>&1 &
  FLOOR_PID=$!
  for _ in $(seq 1 30); do grep -q "chat floor on" "$OUT/floor.log" && break; sleep 1; done
}
# CPU time process $1 has used, in ms (utime + stime from /proc, at 100 ticks/s)
cpu_ms() { awk '{print ($14 + $15) * 10}' "/proc/$1/stat"; }

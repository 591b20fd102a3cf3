"""Takes an async-profiler collapsed CPU profile of the chat path apart per stage (issue 29).

    python3 chat_stages.py PROFILE.collapsed [RUN.json]

Each sample goes to the stage of the deepest frame that names one (a write's system call belongs to the
write, a Redis reply's parsing to the store call, though both run inside a Netty read). A socket write is
the store's when a Redis connection sent it, the frame write's when a WebSocket did; samples with no such
frame go to the Netty event loop (selects, the task queue, flushes at the end of a read) or to the JVM's
own threads (GC, JIT).
With RUN.json (bench/profile-chat.sh's line: the server's CPU time and the messages answered) each stage
is also given in CPU microseconds per answered message.
"""
import json
import re
import sys

# (stage, pattern over one frame); the deepest frame matching any pattern decides
STAGES = [
    ("frame parse (client JSON)", r"ChatExchange\.parse|ChatMessage|ChatAction"),
    ("identity and session lookup", r"io/quarkus/security|SecurityIdentity|io/dx0/session/security/"),
    ("admission (permit, line)", r"io/dx0/session/overload/|com/netflix/concurrency"),
    ("store call (Lua script, Redis client, its socket writes)", r"io/vertx/redis|io/quarkus/redis|io/dx0/session/store/"),
    ("hand-backs between loops (tasks, wake-ups) and deadlines",
     r"CallerContext|VertxImpl\.(set|cancel)Timer|VertxImpl\.scheduleTimeout|runOnContext|ContextInternal\.(execute|emit)|"
     r"Selector(Impl)?\.wakeup"),
    ("conversation handler and pricing", r"io/dx0/session/(conversation|service|budget|chat)/|ChatExchange\.(answer|reply)"),
    ("reply serialisation (JSON out)", r"ServerFrame|JsonTextMessageCodec|jackson/databind/ser|jackson/core/json/.*Generator"),
    ("frame write (encode, flush, write syscall)",
     r"sendText|writeTextMessage|WebSocketImpl(Base)?\.write|WebSocket08FrameEncoder"),
    ("metrics (Micrometer, timers)", r"io/micrometer|StoreCallTimer|io/dx0/.*Metrics|binder/vertx"),
    ("Quarkus WebSocket dispatch (context, request scope)",
     r"io/quarkus/websockets/next/runtime/(Endpoints|WebSocketEndpointBase|ContextSupport|Concurrency)|"
     r"io/smallrye/context|io/quarkus/arc/impl/(RequestContext|ManagedContext)|ChatEndpoint"),
    ("frame read (decode, read syscall)", r"WebSocket08FrameDecoder|SocketDispatcher\.read|IOUtil\.read"),
]
COMPILED = [(name, re.compile(pattern)) for name, pattern in STAGES]
JVM = re.compile(r"^(G1|GC|Compile|C2|C1|Parse|PhaseI|Thread::|VM_|SafepointSynchronize|Java_java_lang|JVM_)|CompileBroker|::")


def stage_of(frames):
    for frame in reversed(frames):
        if frame.endswith("_[k]"):
            continue
        for name, pattern in COMPILED:
            if pattern.search(frame):
                return name
    joined = ";".join(frames)
    if "java/lang/Thread.run" in joined or "io/netty" in joined:
        return "event loop (select, task queue, other Java)"
    if JVM.search(joined):
        return "JVM (GC, JIT compiler, safepoints)"
    return "other"


def main():
    totals, all_samples = {}, 0
    with open(sys.argv[1]) as profile:
        for line in profile:
            stack, count = line.rstrip("\n").rsplit(" ", 1)
            name = stage_of(stack.split(";"))
            totals[name] = totals.get(name, 0) + int(count)
            all_samples += int(count)
    per_message = None
    if len(sys.argv) > 2:
        run = json.load(open(sys.argv[2]))
        per_message = run["cpu_ms"] * 1000 / max(1, run["result"]["answered"])
    print(f"| stage | share of CPU samples |" + (" µs per answered message |" if per_message else ""))
    print("|---|---|" + ("---|" if per_message else ""))
    for name, count in sorted(totals.items(), key=lambda kv: -kv[1]):
        share = count / all_samples
        row = f"| {name} | {share:.1%} |"
        if per_message:
            row += f" {share * per_message:.0f} |"
        print(row)
    print(f"| all ({all_samples} samples) | 100 % |" + (f" {per_message:.0f} |" if per_message else ""))


if __name__ == "__main__":
    main()

"""Turns what bench/run.sh measured into results.json, a Markdown report and an SVG latency chart.
Usage: report.py <work dir> <output dir>. No plotting library: the chart is written as SVG by hand."""
import csv
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
from datetime import datetime, timezone

work, out = sys.argv[1], sys.argv[2]
SOAK_TARGET_S = 600


def load(name):
    path = os.path.join(work, name)
    return json.load(open(path)) if os.path.exists(path) else None


def wrk(name):
    d = load(name + ".json")
    if d is None:
        return None
    seconds = d["duration_us"] / 1e6
    # Throughput counts answered requests only: an error answer is not a login or a session read.
    return {"per_second": (d["requests"] - d["non_2xx"]) / seconds, "requests": d["requests"],
            "errors": d["socket_errors"] + d["non_2xx"],
            "p50_ms": d["p50_us"] / 1000, "p99_ms": d["p99_us"] / 1000, "p999_ms": d["p999_us"] / 1000,
            "max_ms": d["max_us"] / 1000, "service_cpu_cores": d["service_cpu_cores"],
            "service_rss_mib": d["service_rss_bytes"] / 2**20,
            "status_401": d.get("status_401", 0), "status_429": d.get("status_429", 0),
            "status_503": d.get("status_503", 0)}


def chat(name):
    d = dict(load(name + ".json"))
    d["service_rss_mib"] = d.pop("service_rss_bytes") / 2**20
    return d


def jmh(name):
    """{(op, backend, sessions): {"per_second", "p50_ms", "p99_ms", "p999_ms"}}: JMH throughput, and the
    latency of every call from the benchmark's own HDR histograms (store-latency/*.json)."""
    rows = {}
    for r in load(name) or []:
        key = (r["benchmark"].rsplit(".", 1)[1], r["params"]["backend"], int(r["params"]["sessions"]))
        m = r["primaryMetric"]
        rows[key] = {"per_second": m["score"]}
        lat = load(f"store-latency/latency-{key[0]}-{key[1]}-{key[2]}.json")
        if lat:
            rows[key].update({k: lat[k] for k in ("p50_ms", "p99_ms", "p999_ms", "calls")})
    return rows


def redis_benchmark():
    """{op: {"per_second", "p50_ms", "p99_ms"}} from redis-benchmark --csv lines."""
    found = {}
    for op in ("getSession", "rateCheck", "charge"):
        path = os.path.join(work, f"rb_{op}.csv")
        if os.path.exists(path):
            row = next(csv.reader(open(path)))
            found[op] = {"per_second": float(row[1]), "p50_ms": float(row[4]), "p99_ms": float(row[6])}
    return found


def heap_after_gc(since_uptime_s):
    """(uptime s, heap MiB after the collection) for each GC of the service since the soak started."""
    path = os.path.join(work, "gc.log")
    if not os.path.exists(path) or since_uptime_s is None:
        return []
    points = []
    for line in open(path):
        m = re.match(r"\[(\d+\.\d+)s\].*Pause.*?(\d+)M->(\d+)M\(\d+M\)", line)
        if m and float(m.group(1)) >= since_uptime_s:
            points.append((float(m.group(1)) - since_uptime_s, int(m.group(3))))
    return points


scenarios = {"session": wrk("session"), "noop": wrk("noop"), "login": wrk("login")}
bcrypt = load("bcrypt.json")
chats = {f[:-5]: chat(f[:-5]) for f in sorted(os.listdir(work))
         if f.startswith("chat_") and f.endswith(".json") and not f.endswith(".raw.json")}
store = jmh("jmh-store.json")
growth = {**{k: v for k, v in store.items() if k[1] in ("memory", "redis")}, **jmh("jmh-growth.json")}
baseline = redis_benchmark()
memory = load("memory.json")
window = load("soak_window.json")
heap = heap_after_gc(window["service_uptime_s_at_start"] if window else None)

targets = []
def target(text, measured, met):
    targets.append({"target": text, "measured": measured, "met": bool(met)})

if scenarios["session"] and scenarios["noop"]:
    r = scenarios["session"]["per_second"] / scenarios["noop"]["per_second"]
    target("session >= 50 % of the no-op endpoint's throughput",
           f"{r:.1%} ({scenarios['session']['per_second']:,.0f} vs {scenarios['noop']['per_second']:,.0f} /s)", r >= 0.5)
if scenarios["login"] and bcrypt:
    r = scenarios["login"]["per_second"] / bcrypt["per_second"]
    target("login >= 80 % of the raw bcrypt rate (32 clients over 3 accounts)",
           f"{r:.1%} ({scenarios['login']['per_second']:,.1f} vs {bcrypt['per_second']:,.1f} /s)", r >= 0.8)
    refused = scenarios["login"]["status_401"]
    target("no right password answered 401", f"{refused} × 401, {scenarios['login']['status_429']} × 429, "
           f"{scenarios['login']['status_503']} × 503 in {scenarios['login']['requests']:,} logins", refused == 0)
for op in ("getSession", "rateCheck", "charge"):
    ours, theirs = store.get((op, "redis", 1000)), baseline.get(op)
    if ours and theirs:
        r = ours["per_second"] / theirs["per_second"]
        target(f"store {op} on Redis: p99 < 1 ms", f"{ours['p99_ms']:.3f} ms (redis-benchmark {theirs['p99_ms']:.3f} ms)",
               ours["p99_ms"] < 1)
        target(f"store {op} on Redis: >= 50 % of redis-benchmark, same script, -c 8",
               f"{r:.1%} ({ours['per_second']:,.0f} vs {theirs['per_second']:,.0f} /s)", r >= 0.5)
open_chats = [c for c in chats.values() if c["mode"] == "open"]
if open_chats:
    c = max(open_chats, key=lambda c: c["sessions"])
    offered = c["sessions"]
    carried = c["replies"] / c["offered"] if c.get("offered") else c["replies"] / max(1, c["sent"])
    ok = (c["errors"] == 0 and c["unexpected_closes"] == 0 and c["p99_ms"] is not None and c["p99_ms"] < 5
          and c["service_rss_mib"] < 1024 and carried >= 0.99)
    target(f"chat {offered:,} sessions at 1 msg/s: no errors, p99 < 5 ms, RSS < 1 GiB",
           f"{c['per_second']:,.0f} replies/s, {carried:.0%} of the {offered:,}/s offered; errors {c['errors']}, "
           f"closes {c['unexpected_closes']}, p99 {c['p99_ms']:.2f} ms, RSS {c['service_rss_mib']:.0f} MiB", ok)
    if len(heap) >= 4:
        span = heap[-1][0]
        quarter = max(1, len(heap) // 4)
        first = statistics.median(h for _, h in heap[:quarter])
        last = statistics.median(h for _, h in heap[-quarter:])
        target(f"heap flat over {SOAK_TARGET_S // 60} minutes ({offered:,} sessions)",
               f"median after-GC heap {first} MiB over the first quarter of collections, {last} MiB over the last, {span / 60:.1f} min "
               f"({len(heap)} collections)", last <= first * 1.1 + 8 and span >= SOAK_TARGET_S * 0.95)

commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
result = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "commit": commit,
          "machine": {"cores": os.cpu_count(), "platform": platform.platform()},
          "scenarios": scenarios, "bcrypt_floor": bcrypt, "chat": chats,
          "store": [{"op": k[0], "backend": k[1], "sessions": k[2], **v} for k, v in sorted(store.items())],
          "store_growth": [{"op": k[0], "backend": k[1], "sessions": k[2], **v} for k, v in sorted(growth.items())],
          "redis_benchmark": baseline, "memory_per_session": memory,
          "soak_heap_after_gc_mib": heap, "targets": targets}
json.dump(result, open(os.path.join(out, "results.json"), "w"), indent=2)

# SVG: p50 / p99 / p99.9 per scenario and per Redis store operation, log scale.
rows = [(k, v) for k, v in list(scenarios.items()) + list(chats.items()) if v and v.get("p50_ms") is not None]
rows += [(f"store {op} (redis)", store[(op, "redis", 1000)]) for op in ("getSession", "rateCheck", "charge")
         if (op, "redis", 1000) in store and "p50_ms" in store[(op, "redis", 1000)]]
rows += [(f"redis-benchmark {op}", {**v, "p999_ms": None}) for op, v in baseline.items()]
if rows:
    W, rowh, left = 820, 30, 230
    H = 60 + rowh * len(rows)
    lo = 0.01
    hi = max(1.0, max((v.get("p999_ms") or v["p99_ms"]) for _, v in rows) * 1.5)
    def x(ms):
        return left + (W - left - 20) * (math.log10(max(lo, ms)) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="10" y="20" font-size="14">Latency (ms, log scale): p50 ● p99 ◆ p99.9 ▲ — {result["when"]}</text>']
    tick = lo
    while tick <= hi:
        svg.append(f'<line x1="{x(tick):.1f}" y1="30" x2="{x(tick):.1f}" y2="{H-20}" stroke="#ddd"/>'
                   f'<text x="{x(tick):.1f}" y="{H-5}" text-anchor="middle">{tick:g}</text>')
        tick *= 10
    svg.append(f'<line x1="{x(5):.1f}" y1="30" x2="{x(5):.1f}" y2="{H-20}" stroke="#d62728" stroke-dasharray="4"/>')
    svg.append(f'<line x1="{x(1):.1f}" y1="30" x2="{x(1):.1f}" y2="{H-20}" stroke="#9467bd" stroke-dasharray="4"/>')
    for i, (name, v) in enumerate(rows):
        y = 45 + i * rowh
        end = v.get("p999_ms") or v["p99_ms"]
        svg.append(f'<text x="10" y="{y+4}">{name}</text>')
        svg.append(f'<line x1="{x(v["p50_ms"]):.1f}" y1="{y}" x2="{x(end):.1f}" y2="{y}" stroke="#888"/>')
        svg.append(f'<circle cx="{x(v["p50_ms"]):.1f}" cy="{y}" r="5" fill="#1f77b4"/>')
        svg.append(f'<rect x="{x(v["p99_ms"])-5:.1f}" y="{y-5}" width="10" height="10" fill="#ff7f0e" '
                   f'transform="rotate(45 {x(v["p99_ms"]):.1f} {y})"/>')
        if v.get("p999_ms"):
            px = x(v["p999_ms"])
            svg.append(f'<polygon points="{px-6:.1f},{y+5} {px+6:.1f},{y+5} {px:.1f},{y-6}" fill="#d62728"/>')
    svg.append("</svg>")
    open(os.path.join(out, "latency.svg"), "w").write("\n".join(svg))


def fmt(v, nd=2):
    return "—" if v is None else (f"{v:,.{nd}f}" if isinstance(v, float) else f"{v:,}")


md = ["# Benchmarks — latest run", "",
      f"{result['when']}, commit `{commit}`, {os.cpu_count()} cores; service, Redis, PostgreSQL and the load generators "
      "share the machine (loopback). Reproduce: `bench/run.sh` (its header lists the knobs). "
      "Raw figures: [results.json](results.json). What was profiled and changed to get here: [profiling.md](profiling.md).", "",
      "## Targets, as ratios to baselines measured in the same run", "",
      "| target | measured | met |", "|---|---|---|"]
md += [f"| {t['target']} | {t['measured']} | {'yes' if t['met'] else '**no**'} |" for t in targets]
md += ["", "## Scenarios (service on Redis)", "",
       "| scenario | throughput /s | p50 ms | p99 ms | p99.9 ms | errors | service CPU (cores) | service RSS MiB (peak) |",
       "|---|---|---|---|---|---|---|---|"]
for name, v in scenarios.items():
    if v:
        md.append(f"| {name} | {fmt(v['per_second'],0)} | {fmt(v['p50_ms'])} | {fmt(v['p99_ms'])} | {fmt(v['p999_ms'])} "
                  f"| {v['errors']} | {fmt(v['service_cpu_cores'])} | {fmt(v['service_rss_mib'],0)} |")
if bcrypt:
    md.append(f"| raw bcrypt, {bcrypt['threads']} threads (floor of login) | {fmt(bcrypt['per_second'],1)} | | | | | | |")
for name, c in chats.items():
    md.append(f"| {name} ({c['sessions']:,} sessions, {c['mode']} loop, {c['duration_s']:.0f} s) | {fmt(c['per_second'],0)} "
              f"| {fmt(c['p50_ms'])} | {fmt(c['p99_ms'])} | {fmt(c['p999_ms'])} | {c['errors']} errors, "
              f"{c['unexpected_closes']} closes, {max(0, c['sent'] - c['replies'])} unanswered | {fmt(c['service_cpu_cores'])} "
              f"| {fmt(c['service_rss_mib'],0)} |")
md += ["", "`noop` is `GET /api/v1/case`: the same service, no token check, no store. Chat latency is send → final "
       "`done` frame, measured by the Node driver; throughput is replies per second.", ""]
if store:
    md += ["## Store operations (JMH, 8 calls in flight from one Vert.x event loop, 1,000 live sessions)", "",
           "| operation | backend | ops/s | p50 ms | p99 ms | p99.9 ms |", "|---|---|---|---|---|---|"]
    for (op, backend, n), v in sorted(store.items()):
        md.append(f"| {op} | {backend} | {fmt(v.get('per_second'),0)} | {fmt(v.get('p50_ms'),3)} | {fmt(v.get('p99_ms'),3)} "
                  f"| {fmt(v.get('p999_ms'),3)} |")
    for op, v in baseline.items():
        md.append(f"| {op}: `redis-benchmark -c 8` EVALSHA, same script | redis-server alone | {fmt(v['per_second'],0)} "
                  f"| {fmt(v['p50_ms'],3)} | {fmt(v['p99_ms'],3)} | |")
    md += ["", "getSession = `touch` (`touch.lua`), rateCheck = `use` recording a message (`use.lua`), charge = "
           "`charge.lua`. redis-benchmark's `__rand_int__` draws each key of a command on its own, so its rateCheck "
           "pairs one session's hash with another's rate log: the same work for Redis.", ""]
if growth:
    md += ["## Cost growth with the number of live sessions", "",
           "| operation | backend | 1k ops/s | 10k ops/s | 100k ops/s | 100k / 1k | p99 ms at 1k / 10k / 100k |",
           "|---|---|---|---|---|---|---|"]
    for op in ("getSession", "rateCheck", "charge"):
        for backend in ("memory", "redis"):
            cells = [growth.get((op, backend, n), {}) for n in (1000, 10000, 100000)]
            ratio = (cells[2]["per_second"] / cells[0]["per_second"]) if cells[0].get("per_second") and cells[2].get("per_second") else None
            md.append(f"| {op} | {backend} | " + " | ".join(fmt(c.get("per_second"), 0) for c in cells)
                      + f" | {'—' if ratio is None else f'{ratio:.2f}'} | "
                      + " / ".join(fmt(c.get("p99_ms"), 3) for c in cells) + " |")
    md += ["", "Redis does the same work per call whatever the number of keys (every script touches one "
           "session's keys by name). The memory backend's calls take a few microseconds at every size; "
           "at 100k sessions its map and entries no longer fit the CPU caches, which is what the lower "
           "figure shows.", ""]
if memory:
    md += ["## Memory per live session (100,000 sessions, each used once: a rate-limited message and a charge)", "",
           f"* memory backend: **{memory['memory_heap_bytes_per_session']:,} bytes** of live heap per session "
           "(heap after a full GC, before and after)."]
    if "redis_bytes_per_session" in memory:
        md += [f"* Redis: **{memory['redis_bytes_per_session']:,} bytes** per session (`used_memory` before and after, "
               f"indexes included); `MEMORY USAGE` of one session hash {memory['redis_memory_usage_session_hash']:,} B, "
               f"of its rate log {memory['redis_memory_usage_rate_log']:,} B."]
    md.append("")
if heap:
    md += [f"## Heap during the largest chat run", "",
           f"{len(heap)} collections; heap after each (MiB), from the start of the run: "
           + ", ".join(f"{t/60:.1f} min {h}" for t, h in heap[:: max(1, len(heap) // 20)]), ""]
md += ["![latency per scenario](latency.svg)", ""]
open(os.path.join(out, "README.md"), "w").write("\n".join(md))
print("\n".join(md))

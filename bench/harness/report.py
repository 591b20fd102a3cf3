"""Turns the scenario results of bench/run.sh into results.json, a Markdown report and an SVG chart."""
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone

work, out = sys.argv[1], sys.argv[2]


def load(name):
    path = os.path.join(work, name + ".json")
    return json.load(open(path)) if os.path.exists(path) else None


def wrk(name):
    d = load(name)
    if d is None:
        return None
    seconds = d["duration_us"] / 1e6
    return {"per_second": d["requests"] / seconds, "requests": d["requests"], "errors": d["socket_errors"] + d["non_2xx"],
            "p50_ms": d["p50_us"] / 1000, "p99_ms": d["p99_us"] / 1000, "p999_ms": d["p999_us"] / 1000,
            "max_ms": d["max_us"] / 1000, "service_cpu_cores": d["service_cpu_cores"],
            "service_rss_mib": d["service_rss_bytes"] / 2**20}


def chat(name):
    d = load(name)
    if d is None:
        return None
    d = dict(d)
    d["service_rss_mib"] = d.pop("service_rss_bytes") / 2**20
    return d


scenarios = {"session": wrk("session"), "noop": wrk("noop"), "login": wrk("login")}
bcrypt = load("bcrypt")
chats = {f[:-5]: chat(f[:-5]) for f in sorted(os.listdir(work)) if f.startswith("chat_") and f.endswith(".json")
         and not f.endswith(".raw.json")}
targets = []
if scenarios["session"] and scenarios["noop"]:
    r = scenarios["session"]["per_second"] / scenarios["noop"]["per_second"]
    targets.append({"target": "session >= 50 % of the no-op endpoint's throughput", "measured": round(r * 100, 1),
                    "unit": "%", "met": r >= 0.5})
if scenarios["login"] and bcrypt:
    r = scenarios["login"]["per_second"] / bcrypt["per_second"]
    targets.append({"target": "login >= 80 % of the raw bcrypt rate", "measured": round(r * 100, 1), "unit": "%",
                    "met": r >= 0.8})
for name, c in chats.items():
    if c and c["mode"] == "open":
        ok = c["errors"] == 0 and c["p99_ms"] is not None and c["p99_ms"] < 5 and c["service_rss_mib"] < 1024
        targets.append({"target": f"chat {c['sessions']} sessions at 1 msg/s: no errors, p99 < 5 ms, RSS < 1 GiB",
                        "measured": f"errors {c['errors']}, p99 {c['p99_ms']:.2f} ms, RSS {c['service_rss_mib']:.0f} MiB",
                        "unit": "", "met": ok})

commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
result = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds"), "commit": commit,
          "machine": {"cores": os.cpu_count(), "platform": platform.platform()},
          "scenarios": scenarios, "bcrypt_floor": bcrypt, "chat": chats, "targets": targets}
json.dump(result, open(os.path.join(out, "results.json"), "w"), indent=2)

# SVG: p50 / p99 / p99.9 per scenario, log scale, no plotting library needed.
rows = [(k, v) for k, v in list(scenarios.items()) + list(chats.items()) if v and v.get("p50_ms") is not None]
import math
W, rowh, left = 760, 34, 170
H = 60 + rowh * len(rows)
lo, hi = 0.01, max(1.0, max(v["p999_ms"] or v["p99_ms"] for _, v in rows) * 1.5)
def x(ms):
    ms = max(lo, ms)
    return left + (W - left - 20) * (math.log10(ms) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<text x="10" y="20" font-size="14">Latency per scenario (ms, log scale): p50 ● p99 ◆ p99.9 ▲ — {result["when"]}</text>']
tick = lo
while tick <= hi:
    svg.append(f'<line x1="{x(tick):.1f}" y1="30" x2="{x(tick):.1f}" y2="{H-20}" stroke="#ddd"/>'
               f'<text x="{x(tick):.1f}" y="{H-5}" text-anchor="middle">{tick:g}</text>')
    tick *= 10
for i, (name, v) in enumerate(rows):
    y = 45 + i * rowh
    svg.append(f'<text x="10" y="{y+4}">{name}</text>')
    svg.append(f'<line x1="{x(v["p50_ms"]):.1f}" y1="{y}" x2="{x(v["p999_ms"] or v["p99_ms"]):.1f}" y2="{y}" stroke="#888"/>')
    svg.append(f'<circle cx="{x(v["p50_ms"]):.1f}" cy="{y}" r="5" fill="#1f77b4"/>')
    svg.append(f'<rect x="{x(v["p99_ms"])-5:.1f}" y="{y-5}" width="10" height="10" fill="#ff7f0e" transform="rotate(45 {x(v["p99_ms"]):.1f} {y})"/>')
    if v.get("p999_ms"):
        px = x(v["p999_ms"])
        svg.append(f'<polygon points="{px-6:.1f},{y+5} {px+6:.1f},{y+5} {px:.1f},{y-6}" fill="#d62728"/>')
svg.append("</svg>")
open(os.path.join(out, "latency.svg"), "w").write("\n".join(svg))

def fmt(v, nd=2):
    return "—" if v is None else (f"{v:,.{nd}f}" if isinstance(v, float) else f"{v:,}")

md = [f"# Benchmarks — latest run", "",
      f"{result['when']}, commit `{commit}`, {os.cpu_count()} cores; service, Redis and load generators on the same host.",
      "Reproduce: `bench/run.sh` (see its header). Raw figures: [results.json](results.json).", "",
      "## Targets as ratios to baselines measured in the same run", "",
      "| target | measured | met |", "|---|---|---|"]
for t in targets:
    md.append(f"| {t['target']} | {t['measured']}{t['unit']} | {'yes' if t['met'] else '**no**'} |")
md += ["", "## Scenarios", "", "| scenario | throughput /s | p50 ms | p99 ms | p99.9 ms | errors | service CPU (cores) | service RSS MiB |",
       "|---|---|---|---|---|---|---|---|"]
for name, v in scenarios.items():
    if v:
        md.append(f"| {name} | {fmt(v['per_second'],0)} | {fmt(v['p50_ms'])} | {fmt(v['p99_ms'])} | {fmt(v['p999_ms'])} | {v['errors']} | {fmt(v['service_cpu_cores'])} | {fmt(v['service_rss_mib'],0)} |")
if bcrypt:
    md.append(f"| raw bcrypt (floor of login) | {fmt(bcrypt['per_second'],0)} | | | | | | |")
for name, c in chats.items():
    md.append(f"| {name} ({c['sessions']} sessions, {c['mode']} loop) | {fmt(c['per_second'],0)} | {fmt(c['p50_ms'])} | {fmt(c['p99_ms'])} | {fmt(c['p999_ms'])} | {c['errors']} | {fmt(c['service_cpu_cores'])} | {fmt(c['service_rss_mib'],0)} |")
md += ["", "![latency per scenario](latency.svg)", ""]
open(os.path.join(out, "README.md"), "w").write("\n".join(md))
print("\n".join(md))

#!/usr/bin/env python3
"""Turns target/overload/results.jsonl (bench/overload.sh) into the table of docs/benchmarks/overload.md,
each figure checked against its issue-15 target. Usage: overload_report.py results.jsonl"""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
cap = next(r for r in rows if r.get("level") == "capacity")
levels = [r for r in rows if r.get("level") != "capacity"]
C = cap["result"]["goodput_per_s"]
base_p99 = next((r["result"]["answer_p99_ms"] for r in levels if r["level"] == 0.5), None)


def mark(ok):
    return "✅" if ok else "❌"


print(f"Closed-loop capacity C = **{C} msg/s** over {cap['result']['sessions']} sockets "
      f"(p50 {cap['result']['answer_p50_ms']} ms, p99 {cap['result']['answer_p99_ms']} ms).\n")
print("| offered | goodput (≥ 80 % C) | answer p99 (≤ 250 ms) | refused | refusal p99 (≤ 100 ms) | unanswered (0) "
      "| sockets dropped (0) | peak RSS (≤ 768 MiB) | p99 10 s after (≤ 2 × the 0.5 × C p99) |")
print("|---|---|---|---|---|---|---|---|---|")
for r in levels:
    x, p = r["result"], r["probe_after"]
    k = r["level"]
    good = x["goodput_per_s"]
    goal = min(k, 1) * 0.8 * C  # below capacity everything offered should be carried
    rss = r["peak_rss_kib"] / 1024
    after = p["answer_p99_ms"]
    print(f"| {k} × C ({x['offered_per_s']}/s) | {good}/s {mark(good >= goal)} | {x['answer_p99_ms']} ms "
          f"{mark(x['answer_p99_ms'] is not None and x['answer_p99_ms'] <= 250)} | {x['refused']} | "
          f"{x['refusal_p99_ms'] if x['refusal_p99_ms'] is not None else '—'} ms "
          f"{mark(x['refusal_p99_ms'] is None or x['refusal_p99_ms'] <= 100)} | {x['unanswered']} {mark(x['unanswered'] == 0)} | "
          f"{x['unexpected_closes']} {mark(x['unexpected_closes'] == 0)} | {rss:.0f} MiB {mark(rss <= 768)} | "
          f"{after} ms {mark(base_p99 is not None and after is not None and after <= 2 * max(base_p99, 1))} |")

#!/usr/bin/env python3
"""Turns target/overload/results.jsonl (bench/overload.sh) into the tables of docs/benchmarks/overload.md,
each figure checked against its issue-15 target. Usage: overload_report.py results.jsonl"""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]


def mark(ok):
    return "✅" if ok else "❌"


def chat(rows):
    cap = next(r for r in rows if r.get("level") == "capacity")
    levels = [r for r in rows if isinstance(r.get("level"), (int, float))]
    C = cap["result"]["goodput_per_s"]
    base_p99 = next((r["result"]["answer_p99_ms"] for r in levels if r["level"] == 0.5), None)
    print(f"Closed-loop capacity C = **{C} msg/s** over {cap['result']['sessions']} sockets "
          f"(p50 {cap['result']['answer_p50_ms']} ms, p99 {cap['result']['answer_p99_ms']} ms, "
          f"{cap['result']['refused']} busy refusals waited out).\n")
    print("| offered | goodput (≥ 80 % C) | answer p99 (≤ 250 ms) | refused | refusal p50 / p99 (≤ 100 ms) "
          "| driver delay p99 | unanswered (0) | sockets dropped (0) | peak RSS (≤ 768 MiB) "
          "| p99 10 s after (≤ 2 × the 0.5 × C p99) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in levels:
        x, p = r["result"], r["probe_after"]
        k = r["level"]
        good = x["goodput_per_s"]
        goal = min(k, 1) * 0.8 * C  # below capacity everything offered should be carried
        rss = r["peak_rss_kib"] / 1024
        after = p["answer_p99_ms"]
        refusal = x["refusal_p99_ms"]
        print(f"| {k} × C ({x['offered_per_s']}/s) | {good}/s {mark(good >= goal)} | {x['answer_p99_ms']} ms "
              f"{mark(x['answer_p99_ms'] is not None and x['answer_p99_ms'] <= 250)} | {x['refused']} | "
              f"{x.get('refusal_p50_ms', '—')} / {refusal if refusal is not None else '—'} ms "
              f"{mark(refusal is None or refusal <= 100)} | {x.get('driver_delay_p99_ms', '—')} ms | "
              f"{x['unanswered']} {mark(x['unanswered'] == 0)} | "
              f"{x['unexpected_closes']} {mark(x['unexpected_closes'] == 0)} | {rss:.0f} MiB {mark(rss <= 768)} | "
              f"{after} ms {mark(base_p99 is not None and after is not None and after <= 2 * max(base_p99, 1))} |")


def login(row):
    x, b = row["result"], row["bcrypt"]
    floor = b["per_second"]
    rss = row["peak_rss_kib"] / 1024
    print(f"\nLogin flood: {x['clients']} clients over {x['accounts']} accounts, right passwords at bcrypt cost 10, "
          f"{x['duration_s']:.0f} s; bcrypt floor measured after, the service stopped: **{floor:.1f} verifications/s** "
          f"on {b['threads']} threads.\n")
    print("| successes/s (≥ 60 % of the floor) | success p50 / p99 | refused (503) | refusal p50 / p99 (≤ 200 ms) "
          "| other answers | peak RSS (≤ 768 MiB) |")
    print("|---|---|---|---|---|---|")
    others = {k: v for k, v in x["statuses"].items() if k not in ("200", "503")}
    print(f"| {x['successes_per_s']}/s = {100 * x['successes_per_s'] / floor:.0f} % "
          f"{mark(x['successes_per_s'] >= 0.6 * floor)} | {x['success_p50_ms']} / {x['success_p99_ms']} ms | "
          f"{x['refused']} | {x['refusal_p50_ms']} / {x['refusal_p99_ms']} ms "
          f"{mark(x['refusal_p99_ms'] is None or x['refusal_p99_ms'] <= 200)} | {others or 'none'} | "
          f"{rss:.0f} MiB {mark(rss <= 768)} |")


if any(r.get("level") == "capacity" for r in rows):
    chat(rows)
for r in rows:
    if r.get("level") == "login":
        login(r)

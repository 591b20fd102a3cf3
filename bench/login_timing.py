#!/usr/bin/env python3
"""Median login latency for an unknown user vs a wrong password, interleaved.

Every attempt comes from its own X-Forwarded-For address (the service must trust 127.0.0.1 as a
proxy), so the per-IP lockout never answers before the password check."""
import http.client
import json
import statistics
import sys
import time

host, port = sys.argv[1], int(sys.argv[2])
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 500
known_user = sys.argv[4] if len(sys.argv) > 4 else "alice"


def attempt(conn, username, n):
    body = json.dumps({"username": username, "password": "definitely-wrong"})
    headers = {"Content-Type": "application/json", "X-Forwarded-For": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}
    start = time.perf_counter()
    conn.request("POST", "/api/v1/login", body, headers)
    response = conn.getresponse()
    payload = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    return response.status, payload, elapsed


conn = http.client.HTTPConnection(host, port)
for n in range(20):  # warm-up
    attempt(conn, "warmup", n)
unknown, wrong, bodies = [], [], set()
for i in range(rounds):
    for username, into in (("no-such-user", unknown), (known_user, wrong)):
        status, payload, ms = attempt(conn, username, 1000 + 2 * i + len(into) % 2)
        assert status == 401, (status, payload)
        bodies.add(payload)
        into.append(ms)

mu, mw = statistics.median(unknown), statistics.median(wrong)
print(json.dumps({
    "rounds": rounds,
    "median_ms_unknown_user": round(mu, 3),
    "median_ms_wrong_password": round(mw, 3),
    "difference_percent": round(abs(mu - mw) / max(mu, mw) * 100, 2),
    "distinct_response_bodies": len(bodies),
}, indent=2))

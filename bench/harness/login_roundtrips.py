#!/usr/bin/env python3
"""One login at a time, ROUNDS of each kind, and their median latency: a returning user at its familiar
place (no device token), the same with its device token, and the same user from an address never seen.
Prints one JSON line. Usage: login_roundtrips.py PORT ROUNDS"""
import http.client
import json
import statistics
import sys
import time

port, rounds = int(sys.argv[1]), int(sys.argv[2])
conn = http.client.HTTPConnection("127.0.0.1", port)


def login(username, address, device=None):
    body = {"username": username, "password": "pw-2a"}
    if device:
        body["device_token"] = device
    start = time.perf_counter()
    conn.request("POST", "/api/v1/login", json.dumps(body),
                 {"Content-Type": "application/json", "X-Forwarded-For": address})
    response = conn.getresponse()
    payload = response.read()
    if response.status != 200:
        raise SystemExit(f"login {username} from {address}: {response.status} {payload[:200]!r}")
    return (time.perf_counter() - start) * 1000, json.loads(payload)["device_token"]


_, device = login("ann", "10.20.0.1")
for n in range(20):  # warm-up
    login("ann", "10.20.0.1")
kinds = {"familiar_place": [], "device_token": [], "new_address": []}
for n in range(rounds):
    kinds["familiar_place"].append(login("ann", "10.20.0.1")[0])
    kinds["device_token"].append(login("ann", f"10.21.{n // 250}.{n % 250 + 1}", device)[0])
    kinds["new_address"].append(login("ann", f"10.22.{n // 250}.{n % 250 + 1}")[0])
print(json.dumps({k: round(statistics.median(v), 2) for k, v in kinds.items()}))

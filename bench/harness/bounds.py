"""Per-client bounds on the packaged service (issue 35), driven by bench/bounds.sh.

Each phase runs one attack for DURATION_S seconds while a polite client (4 connections, one request at a
time each) calls GET /api/v1/session with its token; the phase reports what the polite client got (status
counts, p50/p99/max latency) and what the attack did. Phases:

  quiet   no attack: the same client alone, the yardstick
  slow    60 connections trickling a POST /refresh body one byte a second (answered 408 at the body
          deadline, then sent again) and 100 connections opening cleartext HTTP/2 with a zero window
  unread  SOCKETS chat sockets that never read: half send pings as fast as the kernel takes them, half ask
          questions; each cut socket is opened again. Bytes pushed, sockets opened and cut, the server's
          peak RSS (sampled by bounds.sh into RSS_FILE) are reported
  noise   NOISE requests that prove nothing (random refresh tokens, logouts of no session, and one in 50 a
          login of an unknown name), each from its own IPv6 /64 (X-Forwarded-For; the bench trusts
          127.0.0.1); before it a victim's 5 wrong passwords put the account in back-off (bounds.sh makes
          it last 5 minutes); after it the admin API must still list the victim's failures and back-off

Prints one JSON line per phase. Only the standard library: raw sockets, so each attack is exactly what
it says on the wire.
"""
import asyncio
import base64
import json
import os
import random
import struct
import sys
import time

HOST = '127.0.0.1'
PORT = int(os.environ['HP'])
D = float(os.environ.get('DURATION_S', '20'))
SOCKETS = int(os.environ.get('SOCKETS', '40'))
NOISE = int(os.environ.get('NOISE', '100000'))
RSS_FILE = os.environ.get('RSS_FILE')


async def request(method, path, body=None, headers=None, reader_writer=None):
    """One HTTP/1.1 request on a new connection (or the one given); (status, body bytes, latency s)."""
    reader, writer = reader_writer or await asyncio.open_connection(HOST, PORT)
    data = json.dumps(body).encode() if body is not None else b''
    head = f'{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: {len(data)}\r\n'
    if body is not None:
        head += 'Content-Type: application/json\r\n'
    for k, v in (headers or {}).items():
        head += f'{k}: {v}\r\n'
    t0 = time.perf_counter()
    writer.write(head.encode() + b'\r\n' + data)
    await writer.drain()
    status_line = await reader.readline()
    length = 0
    while True:
        line = await reader.readline()
        if line in (b'\r\n', b''):
            break
        name, _, value = line.decode().partition(':')
        if name.lower() == 'content-length':
            length = int(value)
    payload = await reader.readexactly(length) if length else b''
    latency = time.perf_counter() - t0
    if reader_writer is None:
        writer.close()
    return int(status_line.split()[1]), payload, latency


async def login(user, password, address=None):
    headers = {'X-Forwarded-For': address} if address else {}
    while True:
        status, payload, _ = await request('POST', '/api/v1/login', {'username': user, 'password': password}, headers)
        if status == 200:
            return json.loads(payload)['access_token']
        if status not in (429, 503):
            return None
        await asyncio.sleep(0.2)


async def polite(token, stop):
    """4 keep-alive connections asking GET /session one at a time each until stop is set."""
    latencies, statuses = [], {}

    async def one():
        conn = await asyncio.open_connection(HOST, PORT)
        while not stop.is_set():
            try:
                status, _, latency = await request('GET', '/api/v1/session', headers={
                    'Authorization': f'Bearer {token}'}, reader_writer=conn)
            except (ConnectionError, asyncio.IncompleteReadError):
                statuses['reset'] = statuses.get('reset', 0) + 1
                conn = await asyncio.open_connection(HOST, PORT)
                continue
            statuses[status] = statuses.get(status, 0) + 1
            latencies.append(latency)
            await asyncio.sleep(0.01)
        conn[1].close()
    await asyncio.gather(*(one() for _ in range(4)))
    latencies.sort()
    pct = lambda p: round(latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000, 1) if latencies else None
    return {'requests': len(latencies), 'status': {str(k): v for k, v in statuses.items()},
            'p50_ms': pct(0.5), 'p99_ms': pct(0.99), 'max_ms': round(latencies[-1] * 1000, 1) if latencies else None}


async def with_polite(token, attack):
    stop = asyncio.Event()
    client = asyncio.create_task(polite(token, stop))
    attacked = await attack(stop)
    stop.set()
    return {'polite': await client, 'attack': attacked}


async def run_for_a_phase(stop, attackers):
    """Runs the attackers for DURATION_S seconds, then stops them (5 s to finish what they do)."""
    tasks = [asyncio.create_task(a) for a in attackers]
    await asyncio.sleep(D)
    stop.set()
    await asyncio.wait(tasks, timeout=5)
    for t in tasks:
        t.cancel()


async def quiet(stop):
    await asyncio.sleep(D)
    return {}


async def slow(stop):
    counts = {'trickled_bodies': 0, 'answers': {}, 'h2c_answers': {}}

    async def trickle():
        while not stop.is_set():
            try:
                reader, writer = await asyncio.open_connection(HOST, PORT)
                writer.write(b'POST /api/v1/refresh HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
                             b'Content-Length: 1000\r\n\r\n')
                counts['trickled_bodies'] += 1
                answer = asyncio.create_task(reader.readline())
                while not answer.done() and not stop.is_set():
                    writer.write(b' ')
                    await writer.drain()
                    await asyncio.wait([answer], timeout=1)
                if answer.done():
                    line = answer.result().split()
                    code = line[1].decode() if len(line) > 1 else 'closed'
                    counts['answers'][code] = counts['answers'].get(code, 0) + 1
                else:
                    answer.cancel()
                writer.close()
            except (ConnectionError, OSError):
                await asyncio.sleep(0.1)

    async def h2c():
        # the client preface, then SETTINGS with INITIAL_WINDOW_SIZE 0, then it waits and never reads on
        settings = struct.pack('>HI', 4, 0)
        frame = struct.pack('>I', len(settings))[1:] + bytes([4, 0]) + struct.pack('>I', 0) + settings
        while not stop.is_set():
            try:
                reader, writer = await asyncio.open_connection(HOST, PORT)
                writer.write(b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' + frame)
                await writer.drain()
                line = await asyncio.wait_for(reader.readline(), timeout=D)
                key = line.split()[1].decode() if len(line.split()) > 1 else 'closed'
                counts['h2c_answers'][key] = counts['h2c_answers'].get(key, 0) + 1
                await asyncio.wait_for(reader.read(), timeout=D)
                writer.close()
                await asyncio.sleep(1)  # and tries again
            except (ConnectionError, OSError, asyncio.TimeoutError):
                await asyncio.sleep(0.1)

    await run_for_a_phase(stop, [trickle() for _ in range(60)] + [h2c() for _ in range(100)])
    return counts


def masked(opcode, payload):
    mask = os.urandom(4)
    body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
    return bytes([0x80 | opcode, 0x80 | len(payload)]) + mask + body


async def unread(stop, tokens):
    ping = masked(0x9, os.urandom(125)) * 512  # 64 KiB of pings per write
    question = masked(0x1, json.dumps({'action': 'ask', 'content': 'What is the diagnosis?'}).encode()) * 64
    counts = {'opened': 0, 'cut': 0, 'refused_upgrades': 0, 'bytes_pushed': 0}

    async def attacker(token, frames):
        while not stop.is_set():
            try:
                reader, writer = await asyncio.open_connection(HOST, PORT, limit=4096)
                sock = writer.get_extra_info('socket')
                import socket as s
                sock.setsockopt(s.SOL_SOCKET, s.SO_RCVBUF, 4096)
                key = base64.b64encode(os.urandom(16)).decode()
                writer.write((f'GET /api/v1/ws?token={token} HTTP/1.1\r\nHost: {HOST}\r\nUpgrade: websocket\r\n'
                              f'Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n')
                             .encode())
                status = (await reader.readline()).split()
                if len(status) < 2 or status[1] != b'101':
                    counts['refused_upgrades'] += 1
                    writer.close()
                    await asyncio.sleep(0.5)
                    continue
                counts['opened'] += 1
                # never read again: push until the server cuts the connection
                while not stop.is_set():
                    writer.write(frames)
                    try:
                        await asyncio.wait_for(writer.drain(), timeout=2)
                    except asyncio.TimeoutError:
                        if writer.transport.is_closing() or reader.at_eof():
                            break
                        continue
                    counts['bytes_pushed'] += len(frames)
                counts['cut'] += 1 if not stop.is_set() else 0
                writer.close()
            except (ConnectionError, OSError):
                counts['cut'] += 1
                await asyncio.sleep(0.05)

    await run_for_a_phase(stop, [attacker(t, ping if i % 2 == 0 else question) for i, t in enumerate(tokens)])
    return counts


async def noise(stop, victim_address):
    sent, statuses = 0, {}
    queue = asyncio.Queue()
    for i in range(NOISE):
        queue.put_nowait(i)
    b64 = lambda n: base64.urlsafe_b64encode(os.urandom(n)).rstrip(b'=').decode()

    async def worker():
        nonlocal sent
        conn = await asyncio.open_connection(HOST, PORT)
        while not queue.empty():
            i = queue.get_nowait()
            address = f'2001:db8:{(i >> 16) & 0xffff:x}:{i & 0xffff:x}::1'
            kind = i % 50  # a login of an unknown name costs a bcrypt check: one in 50, the rest free refusals
            if kind == 0:
                call = ('POST', '/api/v1/login', {'username': f'nobody-{i}', 'password': 'x'})
            elif kind % 2:
                call = ('POST', '/api/v1/refresh', {'refresh_token': f'{b64(16)}.{b64(32)}'})
            else:
                call = ('POST', '/api/v1/logout', {'refresh_token': f'{b64(16)}.{b64(32)}'})
            try:
                status, _, _ = await request(*call, headers={'X-Forwarded-For': address}, reader_writer=conn)
            except (ConnectionError, asyncio.IncompleteReadError):
                conn = await asyncio.open_connection(HOST, PORT)
                continue
            statuses[status] = statuses.get(status, 0) + 1
            sent += 1
        conn[1].close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(32)))
    return {'requests': sent, 'seconds': round(time.perf_counter() - t0, 1),
            'status': {str(k): v for k, v in statuses.items()}}


async def evidence(victim):
    admin = await login('warden', 'pw-2a')
    auth = {'Authorization': f'Bearer {admin}'}
    _, events, _ = await request('GET', f'/api/v1/admin/events?user={victim}&type=login.failure', headers=auth)
    _, lockouts, _ = await request('GET', '/api/v1/admin/lockouts', headers=auth)
    events, lockouts = json.loads(events), json.loads(lockouts)
    return {'victim_failures_found': len(events['events']), 'events_complete': events['complete'],
            'victim_back_off_listed': any(l['subject'] == victim and l['scope'] == 'account'
                                          for l in lockouts['lockouts']),
            'lockouts_complete': lockouts['complete']}


async def main():
    phases = sys.argv[1:] or ['quiet', 'slow', 'unread', 'noise']
    token = await login('ann', 'pw-2a')
    for phase in phases:
        started = time.time()
        if phase == 'quiet':
            result = await with_polite(token, quiet)
        elif phase == 'slow':
            result = await with_polite(token, slow)
        elif phase == 'unread':
            tokens = [await login('ann', 'pw-2a') for _ in range(SOCKETS)]
            if RSS_FILE:
                open(RSS_FILE, 'w').write('0')
            result = await with_polite(token, lambda stop: unread(stop, tokens))
            if RSS_FILE:
                result['attack']['peak_rss_mib_during'] = round(int(open(RSS_FILE).read() or 0) / 1024)
        elif phase == 'noise':
            victim = 'bench01'
            for i in range(5):
                await request('POST', '/api/v1/login', {'username': victim, 'password': f'typo-{i}'},
                              {'X-Forwarded-For': f'192.0.2.{i + 1}'})
            before = await evidence(victim)
            result = await with_polite(token, lambda stop: noise(stop, None))
            result['evidence_before'] = before
            result['evidence_after'] = await evidence(victim)
        else:
            raise SystemExit(f'unknown phase {phase}')
        result['phase'] = phase
        result['seconds'] = round(time.time() - started, 1)
        print(json.dumps(result), flush=True)


asyncio.run(main())

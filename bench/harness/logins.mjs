// Logins as people make them (issue 25), against a service trusting 127.0.0.1 as its proxy so each
// client can be its own address (X-Forwarded-For). Right passwords only: a 401 is a defect.
// MODE=shift: PEOPLE (200) people log in at once, each from its own address as bench01..32 in turn,
//   waiting Retry-After whenever told; prints how long until all were in, and the logins/s that makes.
// MODE=flood: one address (FLOODERS=200 connections, bench01..16) logs in again the moment each answer
//   arrives, ignoring Retry-After, for DURATION_S; meanwhile BYSTANDERS (20) people, each from its own
//   address as bench17..32, log in every 2 s and keep trying (after Retry-After) for up to 10 s; prints
//   the bystanders' successes, failures and time to get in, and the flooder's logins/s.
import { pct, sleep } from './dx0client.mjs';

const BASE = process.env.BASE;
const MODE = process.env.MODE ?? 'shift';
const DURATION_MS = Number(process.env.DURATION_S ?? 30) * 1000;
const account = (n) => `bench${String(n).padStart(2, '0')}`;
const statuses = {};

async function login(username, address) {
  try {
    const r = await fetch(`${BASE}/api/v1/login`, { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
      body: JSON.stringify({ username, password: 'wonderland' }) });
    await r.arrayBuffer();
    return { status: r.status, retryAfterS: Number(r.headers.get('retry-after') ?? 0) };
  } catch (e) {
    return { status: 'failed', retryAfterS: 1 };
  }
}

/** Until in (or until giveUpAt): waits each Retry-After it is told. Returns ms to get in, or null. */
async function politely(username, address, giveUpAt = Infinity) {
  const t0 = performance.now();
  while (performance.now() < giveUpAt) {
    const { status, retryAfterS } = await login(username, address);
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status === 200) return performance.now() - t0;
    if (status === 401) return null;
    await sleep(Math.min(1000 * Math.max(retryAfterS, 0.05), Math.max(0, giveUpAt - performance.now())));
  }
  return null;
}

const ms = (x) => (x === null ? null : Math.round(x));
if (MODE === 'shift') {
  const people = Number(process.env.PEOPLE ?? 200);
  const start = performance.now();
  const times = await Promise.all(Array.from({ length: people }, (_, i) =>
    politely(account(i % 32 + 1), `10.2.${i >> 8}.${i & 255}`)));
  const allInS = (performance.now() - start) / 1000;
  const inTimes = times.filter((t) => t !== null);
  console.log(JSON.stringify({ mode: MODE, people, in: inTimes.length, all_in_s: Math.round(allInS * 10) / 10,
    logins_per_s: Math.round(10 * inTimes.length / allInS) / 10, p50_ms: ms(pct(inTimes, 50)),
    p95_ms: ms(pct(inTimes, 95)), statuses }));
} else {
  const flooders = Number(process.env.FLOODERS ?? 200);
  const bystanders = Number(process.env.BYSTANDERS ?? 20);
  const start = performance.now();
  const end = start + DURATION_MS;
  const flood = {};
  let flooderIn = 0;
  const floodLoops = Array.from({ length: flooders }, async (_, i) => {
    for (let k = 0; performance.now() < end; k++) {
      const { status } = await login(account((i + k) % 16 + 1), '10.9.9.9');
      flood[status] = (flood[status] ?? 0) + 1;
      if (status === 200) flooderIn++;
      if (status === 'failed') await sleep(10);
    }
  });
  const got = [];
  let failed = 0;
  const bystanderLoops = Array.from({ length: bystanders }, async (_, i) => {
    await sleep(Math.random() * 2000);
    while (performance.now() < end) {
      const next = performance.now() + 2000;
      const t = await politely(account(17 + (i % 16)), `10.3.0.${i + 1}`, performance.now() + 10000);
      if (t === null) failed++; else got.push(t);
      await sleep(Math.max(0, next - performance.now()));
    }
  });
  await Promise.all([...floodLoops, ...bystanderLoops]);
  const elapsed = (performance.now() - start) / 1000;
  console.log(JSON.stringify({ mode: MODE, duration_s: Math.round(elapsed), flooder_connections: flooders,
    flooder_logins: flooderIn, flooder_logins_per_s: Math.round(10 * flooderIn / elapsed) / 10, flooder_statuses: flood,
    bystanders, bystander_logins: got.length, bystander_failures: failed, bystander_p50_ms: ms(pct(got, 50)),
    bystander_p95_ms: ms(pct(got, 95)), bystander_max_ms: ms(got.length ? got.at(-1) : null),
    bystander_statuses: statuses }));
}
process.exit(0);

// Logins as people make them (issue 25), against a service trusting 127.0.0.1 as its proxy so each
// client can be its own address (X-Forwarded-For). Right passwords only: a 401 is a defect.
// MODE=shift: PEOPLE (200) people log in at once, each from its own address as bench01..32 in turn,
//   waiting Retry-After whenever told; prints how long until all were in, and the logins/s that makes.
// MODE=block: NETS (250) /64s of one /48 each send AT_ONCE (4) wrong logins at once, again the moment each
//   answer arrives, ignoring Retry-After, for DURATION_S: half at the two owners' accounts, half sprayed over
//   names no one has. Meanwhile, every 2 s, trying (after Retry-After) for up to 10 s each: bench17 with the
//   device token of an earlier login elsewhere, bench18 from its familiar place (where it logged in before),
//   and a newcomer (bench19..32) from an address never seen; prints each one's logins, refusals and times.
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

/** One login; {@code extra} adds to or overrides the body (a device token, a wrong password). */
async function login(username, address, extra = {}) {
  try {
    const r = await fetch(`${BASE}/api/v1/login`, { method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
      body: JSON.stringify({ username, password: 'wonderland', ...extra }) });
    const json = r.status === 200 ? await r.json() : (await r.arrayBuffer(), null);
    return { status: r.status, retryAfterS: Number(r.headers.get('retry-after') ?? 0), json };
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
} else if (MODE === 'block') {
  const nets = Number(process.env.NETS ?? 250);
  const atOnce = Number(process.env.AT_ONCE ?? 4);
  const end = performance.now() + DURATION_MS;
  const first = async (username, address) => {
    const { status, json } = await login(username, address);
    if (status !== 200) throw new Error(`${username} could not log in before the attack: ${status}`);
    return json.device_token;
  };
  const device = await first('bench17', '10.6.0.1');
  await first('bench18', '10.7.0.1');
  const flood = {};
  const attack = Array.from({ length: nets * atOnce }, async (_, i) => {
    const address = `2001:db8:77:${(i % nets).toString(16)}::${Math.floor(i / nets) + 1}`;
    for (let k = 0; performance.now() < end; k++) {
      const username = i % 2 === 0 ? `bench1${7 + (k % 2)}` : `nobody-${i}-${k}`;
      const { status } = await login(username, address, { password: 'guess' });
      if (status === 'failed') await sleep(10);
      flood[status] = (flood[status] ?? 0) + 1;
    }
  });
  const people = {
    device_owner: { username: () => 'bench17', address: () => `10.8.0.${1 + Math.floor(Math.random() * 250)}`,
      body: { device_token: device } },
    familiar_owner: { username: () => 'bench18', address: () => '10.7.0.1', body: {} },
    newcomer: { username: (n) => `bench${19 + (n % 14)}`, address: (n) => `10.9.${n >> 8}.${(n & 255) + 1}`, body: {} },
  };
  const seen = {};
  const tries = Object.entries(people).map(async ([who, p]) => {
    const mine = seen[who] = { in: [], gave_up: 0, statuses: {} };
    await sleep(2000); // the attack under way
    for (let n = 0; performance.now() < end; n++) {
      const next = performance.now() + 2000;
      const t0 = performance.now();
      let got = null;
      while (performance.now() < t0 + 10000) {
        const { status, retryAfterS } = await login(p.username(n), p.address(n), p.body);
        mine.statuses[status] = (mine.statuses[status] ?? 0) + 1;
        if (status === 200) { got = performance.now() - t0; break; }
        if (status === 401) break;
        await sleep(1000 * Math.max(retryAfterS, 0.05));
      }
      if (got === null) mine.gave_up++; else mine.in.push(got);
      await sleep(Math.max(0, next - performance.now()));
    }
  });
  await Promise.all([...attack, ...tries]);
  const report = Object.fromEntries(Object.entries(seen).map(([who, m]) => [who, { logins: m.in.length,
    gave_up: m.gave_up, refused_503: m.statuses[503] ?? 0, statuses: m.statuses, p50_ms: ms(pct(m.in, 50)),
    p95_ms: ms(pct(m.in, 95)), max_ms: ms(m.in.length ? Math.max(...m.in) : null) }]));
  console.log(JSON.stringify({ mode: MODE, duration_s: DURATION_MS / 1000, nets, at_once: atOnce,
    attack_statuses: flood, ...report }));
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

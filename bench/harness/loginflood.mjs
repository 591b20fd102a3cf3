// Login flood: CLIENTS clients, each logging in again the moment its previous answer arrives, right
// passwords only, for DURATION_S seconds (after 3 s of warm-up). Client i is one device behind its own
// address (X-Forwarded-For 10.1.x.y, the service trusting 127.0.0.1 as its proxy) and logs in as
// bench01..benchN in turn (ACCOUNTS, default 32). Prints one JSON line: successes/s, refusals (503)
// and their latency, anything else that came back (a 401 would be a right password refused).
const BASE = process.env.BASE;
const CLIENTS = Number(process.env.CLIENTS ?? 200);
const ACCOUNTS = Number(process.env.ACCOUNTS ?? 32);
const DURATION_MS = Number(process.env.DURATION_S ?? 30) * 1000;
const { pct } = await import('./dx0client.mjs');

const ok = [], refused = [], statuses = {};
let measuring = false, failures = 0;
const warmup = 3000;
const start = performance.now();
setTimeout(() => { measuring = true; }, warmup);
const end = start + warmup + DURATION_MS;

async function client(i) {
  const address = `10.1.${i >> 8}.${i & 255}`;
  for (let k = 0; performance.now() < end; k++) {
    const username = `bench${String((i + k) % ACCOUNTS + 1).padStart(2, '0')}`;
    const t0 = performance.now();
    let status;
    try {
      const r = await fetch(`${BASE}/api/v1/login`, { method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
        body: JSON.stringify({ username, password: 'wonderland' }) });
      await r.arrayBuffer();
      status = r.status;
    } catch (e) {
      status = 'failed';
    }
    if (!measuring) continue;
    const ms = performance.now() - t0;
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status === 200) ok.push(ms);
    else if (status === 503) refused.push(ms);
    else if (status === 'failed') failures++;
  }
}
await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
const elapsed = (performance.now() - start - warmup) / 1000;
const ms = (x) => (x === null ? null : Math.round(x));
console.log(JSON.stringify({ clients: CLIENTS, accounts: ACCOUNTS, duration_s: elapsed, statuses,
  successes_per_s: Math.round(10 * ok.length / elapsed) / 10, success_p50_ms: ms(pct(ok, 50)),
  success_p99_ms: ms(pct(ok, 99)), refused: refused.length, refusal_p50_ms: ms(pct(refused, 50)),
  refusal_p99_ms: ms(pct(refused, 99)), refusal_max_ms: ms(refused.length ? refused.at(-1) : null),
  connection_failures: failures }));
process.exit(0);

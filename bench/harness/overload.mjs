// Overload driver: SESSIONS WebSocket sessions; MODE=closed measures capacity (each socket sends its
// next message when the previous is answered); MODE=open offers RATE msg/s in all, spread evenly over
// the sockets, whatever the answers. A final {"done": true} frame answers the oldest message waiting
// on its socket (one in progress per socket); a refusal ({"code": "busy"}) the newest, which is the
// one refused. Prints one JSON line: goodput, latency of answers and of refusals, what was left
// unanswered 5 s after the load stopped, unexpected closes.
const BASE = process.env.BASE;
const C = Number(process.env.SESSIONS ?? 3000);
const MODE = process.env.MODE ?? 'open';
const RATE = Number(process.env.RATE ?? C);
const DURATION_MS = Number(process.env.DURATION_S ?? 30) * 1000;
const TOKENS = process.env.TOKENS_FILE;
const fs = await import('node:fs');

const answers = [], refusals = [];
let sent = 0, done = 0, busy = 0, otherErrors = 0, closed = 0, measuring = false;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function login() {
  for (;;) {
    const r = await fetch(`${BASE}/api/v1/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'ann', password: 'pw-2a' }) });
    if (r.status === 200) return (await r.json()).access_token;
    await sleep(50);
  }
}

// An upgrade refused (503 past the service's upgrade admission limit, as in a reconnect storm) is
// tried again after a short random pause, as a real client does.
async function open(token) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openOnce(token);
    } catch (e) {
      if (attempt === 100) throw e;
      await sleep(100 + Math.random() * 400);
    }
  }
}

async function openOnce(token) {
  const ws = new WebSocket(`${BASE.replace('http', 'ws')}/api/v1/ws?token=${token}`);
  ws.pending = [];
  ws.onmessage = (ev) => {
    const f = JSON.parse(ev.data);
    if (f.code === 'busy') {
      const t0 = ws.pending.pop();
      if (measuring && t0 !== undefined) { busy++; refusals.push(performance.now() - t0); }
      ws.onReply?.();
    } else if (f.error) {
      ws.pending.shift();
      if (measuring) otherErrors++;
      ws.onReply?.();
    } else if (f.done) {
      const t0 = ws.pending.shift();
      if (measuring && t0 !== undefined) { done++; answers.push(performance.now() - t0); }
      ws.onReply?.();
    }
  };
  ws.onclose = () => { if (!ws.closing) closed++; };
  await new Promise((res, rej) => { ws.onopen = res; ws.onerror = rej; });
  return ws;
}

function send(ws) {
  ws.pending.push(performance.now());
  if (measuring) sent++;
  ws.send('{"action":"question","content":"How long has the cough lasted?"}');
}

// Logging 3,000 sessions in takes a while: the tokens are kept for the next level of the same run.
let tokens = TOKENS && fs.existsSync(TOKENS) ? JSON.parse(fs.readFileSync(TOKENS, 'utf8')) : [];
while (tokens.length < C) tokens.push(await login());
if (TOKENS) fs.writeFileSync(TOKENS, JSON.stringify(tokens));
const sockets = [];
for (let i = 0; i < C; i += 200) sockets.push(...await Promise.all(tokens.slice(i, i + 200).map(open)));

const warmup = 2000;
const start = performance.now();
setTimeout(() => { measuring = true; }, warmup);
const end = start + warmup + DURATION_MS;
if (MODE === 'open') {
  const period = C * 1000 / RATE; // ms between two messages of one socket
  await Promise.all(sockets.map(async (ws, i) => {
    let next = start + (i / C) * period;
    while (next < end) {
      await sleep(Math.max(0, next - performance.now()));
      if (performance.now() >= end) break;
      send(ws);
      next += period;
    }
  }));
} else {
  await Promise.all(sockets.map(async (ws) => {
    while (performance.now() < end) {
      const replied = new Promise((r) => { ws.onReply = r; });
      send(ws);
      await Promise.race([replied, sleep(10000)]);
    }
  }));
}
const elapsed = (performance.now() - start - warmup) / 1000;
measuring = true;
await sleep(5000); // whatever is still unanswered 5 s after the load stopped is left hanging
const unanswered = sockets.reduce((n, ws) => n + ws.pending.length, 0);
sockets.forEach((ws) => { ws.closing = true; ws.close(); });
const pct = (xs, p) => { xs.sort((a, b) => a - b); return xs.length ? Math.round(xs[Math.min(xs.length - 1, Math.floor(p / 100 * xs.length))]) : null; };
console.log(JSON.stringify({ sessions: C, mode: MODE, offered_per_s: MODE === 'open' ? RATE : null, duration_s: elapsed,
  sent, answered: done, refused: busy, other_errors: otherErrors, unanswered, unexpected_closes: closed,
  goodput_per_s: Math.round(done / elapsed), answer_p50_ms: pct(answers, 50), answer_p99_ms: pct(answers, 99),
  refusal_p99_ms: pct(refusals, 99) }));
process.exit(0);

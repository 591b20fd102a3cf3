// Overload driver: SESSIONS WebSocket sessions; MODE=closed measures capacity (each socket sends its
// next message when the previous is answered, and after a busy refusal waits its retry_after_ms as
// the protocol asks, or with IMPATIENT=1 resends at once); MODE=open offers RATE msg/s in all, spread evenly over the sockets, whatever
// the answers. A final {"done": true} frame answers the oldest message waiting on its socket (one in
// progress per socket); a refusal ({"code": "busy"}) the newest, which is the one refused. Prints
// one JSON line: goodput, latency of answers and of refusals, what was left unanswered 5 s after the
// load stopped, unexpected closes, how long the sockets took to open and how many upgrades were refused
// on the way (each retried after 100-500 ms), and the driver's own event-loop delay while measuring (a frame
// that arrived is timed only when this one Node thread gets to it: its delay is part of every latency).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { closedLoop, login, openAll, openLoop, pct, sleep, upgrades, QUESTION } from './dx0client.mjs';

const BASE = process.env.BASE;
const C = Number(process.env.SESSIONS ?? 3000);
const MODE = process.env.MODE ?? 'open';
const RATE = Number(process.env.RATE ?? C);
const DURATION_MS = Number(process.env.DURATION_S ?? 30) * 1000;
const TOKENS = process.env.TOKENS_FILE;
const fs = await import('node:fs');

const answers = [], refusals = [];
let sent = 0, done = 0, busy = 0, otherErrors = 0, closed = 0, measuring = false, measuredFrom = 0;
// answers and refusals per second of the measurement (a cold replica's first seconds differ from its rest)
const perSecond = [];
const second = () => {
  const s = Math.floor((performance.now() - measuredFrom) / 1000);
  return (perSecond[s] ??= { answered: 0, refused: 0 });
};

function onFrame(ws, f) {
  if (f.code === 'busy') {
    const t0 = ws.pending.pop();
    if (measuring && t0 !== undefined) { busy++; refusals.push(performance.now() - t0); second().refused++; }
  } else if (f.error) {
    ws.pending.shift();
    if (measuring) otherErrors++;
  } else if (f.done) {
    const t0 = ws.pending.shift();
    if (measuring && t0 !== undefined) { done++; answers.push(performance.now() - t0); second().answered++; }
  } else {
    return;
  }
  ws.onReply?.(f);
}

function send(ws) {
  ws.pending.push(performance.now());
  if (measuring) sent++;
  ws.send(QUESTION);
}

// Logging 3,000 sessions in takes a while: the tokens are kept for the next level of the same run.
let tokens = TOKENS && fs.existsSync(TOKENS) ? JSON.parse(fs.readFileSync(TOKENS, 'utf8')) : [];
while (tokens.length < C) tokens.push(await login(BASE, process.env.CHAT_USER, process.env.CHAT_PASSWORD));
if (TOKENS) fs.writeFileSync(TOKENS, JSON.stringify(tokens));
// OPEN_BATCH=SESSIONS opens them all at once, as after a rolling restart (default: 200 at a time)
const opening = performance.now();
const sockets = await openAll(BASE, tokens.slice(0, C), onFrame, (ws) => { if (!ws.closing) closed++; },
  Number(process.env.OPEN_BATCH ?? 200));
const openMs = Math.round(performance.now() - opening);
sockets.forEach((ws) => { ws.pending = []; });
// BARRIER=1 (bench/harness/drivers.mjs): say "ready" once the sockets are open and start on a line from stdin,
// so several driver processes load the service at the same moment
if (process.env.BARRIER === '1') {
  console.log('ready');
  await new Promise((r) => process.stdin.once('data', r));
  process.stdin.pause();
}

// WARMUP_MS=0 measures from the first message (a fresh replica's first seconds); default 2 s unmeasured
const warmup = Number(process.env.WARMUP_MS ?? 2000);
const start = performance.now();
const lag = monitorEventLoopDelay({ resolution: 10 });
let cpuFrom = null;
const startMeasuring = () => { measuring = true; measuredFrom = performance.now(); lag.enable(); cpuFrom = process.cpuUsage(); };
if (warmup > 0) setTimeout(startMeasuring, warmup); else startMeasuring();
const end = start + warmup + DURATION_MS;
if (MODE === 'open') {
  await openLoop(sockets, start, end, C * 1000 / RATE, send); // RATE msg/s in all
} else {
  await closedLoop(sockets, end, 10000, send, process.env.IMPATIENT === '1');
}
const elapsed = (performance.now() - start - warmup) / 1000;
const driverCpu = process.cpuUsage(cpuFrom ?? undefined);
lag.disable();
measuring = true;
await sleep(5000); // whatever is still unanswered 5 s after the load stopped is left hanging
const unanswered = sockets.reduce((n, ws) => n + ws.pending.length, 0);
sockets.forEach((ws) => { ws.closing = true; ws.close(); });
const ms = (x) => (x === null ? null : Math.round(x));
function histogram(xs) {
  const h = {};
  for (const x of xs) { const k = Math.round(x); h[k] = (h[k] ?? 0) + 1; }
  return h;
}
console.log(JSON.stringify({ sessions: C, open_ms: openMs, upgrades_refused: upgrades.refused, mode: MODE, offered_per_s: MODE === 'open' ? RATE : null, duration_s: elapsed,
  sent, answered: done, refused: busy, other_errors: otherErrors, unanswered, unexpected_closes: closed,
  goodput_per_s: Math.round(done / elapsed), answer_p50_ms: ms(pct(answers, 50)), answer_p99_ms: ms(pct(answers, 99)),
  refusal_p50_ms: ms(pct(refusals, 50)), refusal_p99_ms: ms(pct(refusals, 99)),
  driver_delay_p99_ms: Math.round(lag.percentile(99) / 1e6),
  driver_cpu_ms: Math.round((driverCpu.user + driverCpu.system) / 1000),
  // HIST=1: latencies in whole ms -> count, for drivers.mjs to merge several processes' percentiles
  ...(process.env.HIST === '1' ? { hist_answers: histogram(answers), hist_refusals: histogram(refusals) } : {}),
  ...(process.env.PER_SECOND === '1' ? { per_second: Array.from(perSecond, (x) => x ?? { answered: 0, refused: 0 }) } : {}) }));
process.exit(0);

// Chat load: C WebSocket sessions on the service, open loop (each sends 1 message/s whatever the
// replies) or closed loop (each sends its next message when the previous reply is done; a busy
// refusal is retried after its retry_after_ms, as the protocol asks). Latency is send -> final
// {"done": true} frame; one socket answers in order, so a FIFO per socket pairs them. Prints one
// JSON line. Node 20+: node --experimental-websocket chat.mjs
import { closedLoop, login, openAll, openLoop, pct, sleep, QUESTION } from './dx0client.mjs';

const BASE = process.env.BASE;
const C = Number(process.env.SESSIONS ?? 100);
const MODE = process.env.MODE ?? 'open';
const DURATION_MS = Number(process.env.DURATION_S ?? 30) * 1000;
const USER = process.env.CHAT_USER ?? 'ann';
const PASSWORD = process.env.CHAT_PASSWORD ?? 'pw-2a';

const latencies = [];
let sent = 0, done = 0, errors = 0, closed = 0, measuring = false;

function onFrame(ws, f) {
  if (f.error) { errors++; ws.sentAt.shift(); ws.onReply?.(f); return; }
  if (f.done) {
    const t0 = ws.sentAt.shift();
    if (t0 !== undefined && measuring) latencies.push(performance.now() - t0);
    if (measuring) done++;
    ws.onReply?.(f);
  }
}

function send(ws) {
  ws.sentAt.push(performance.now());
  if (measuring) sent++;
  ws.send(QUESTION);
}

const tokens = [];
// One login at a time: the service's per-account back-off refuses a second login of one account
// while another is in flight (README, known limits), and every session here is the same account.
for (let i = 0; i < C; i++) {
  tokens.push(await login(BASE, USER, PASSWORD));
}
const sockets = await openAll(BASE, tokens, onFrame, () => { closed++; });
sockets.forEach((ws) => { ws.sentAt = []; });
const warmup = 3000;
const start = performance.now();
setTimeout(() => { measuring = true; }, warmup);
const end = start + warmup + DURATION_MS;

if (MODE === 'open') {
  await openLoop(sockets, start, end, 1000, send); // 1 msg/s per session, C msg/s in all
  await sleep(2000);
} else {
  await closedLoop(sockets, end, 5000, send);
}
const elapsed = (performance.now() - start - warmup) / 1000;
sockets.forEach((ws) => ws.close());
console.log(JSON.stringify({ sessions: C, mode: MODE, duration_s: elapsed, offered: MODE === 'open' ? C * DURATION_MS / 1000 : null, sent, replies: done, errors,
  unexpected_closes: closed, per_second: done / elapsed, p50_ms: pct(latencies, 50), p99_ms: pct(latencies, 99),
  p999_ms: pct(latencies, 99.9), max_ms: latencies.at(-1) ?? null }));
process.exit(0);

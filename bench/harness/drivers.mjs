// Several overload.mjs processes as one driver (issue 39): one Node process cannot offer 30,000
// messages/s and read the refusals while the service shares its cores. WORKERS processes each drive
// SESSIONS/WORKERS sockets at RATE/WORKERS msg/s (open loop) or in a closed loop, all started at the same
// moment once every one has its sockets open; prints one JSON line shaped as overload.mjs's, counts
// summed, percentiles from the merged latencies, and driver_cpu_ms: the CPU all driver processes
// spent while measuring (set it beside the server's). Env as overload.mjs's, plus WORKERS (default 2);
// TOKENS_FILE gets a suffix per worker.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const workers = Number(process.env.WORKERS ?? 2);
const sessions = Number(process.env.SESSIONS ?? 3000);
const rate = Number(process.env.RATE ?? sessions);
const script = fileURLToPath(new URL('./overload.mjs', import.meta.url));

const children = Array.from({ length: workers }, (_, i) => {
  const share = (total) => Math.floor(total / workers) + (i < total % workers ? 1 : 0);
  const env = { ...process.env, SESSIONS: String(share(sessions)), RATE: String(Math.max(1, share(rate))),
    BARRIER: '1', HIST: '1', ...(process.env.TOKENS_FILE ? { TOKENS_FILE: `${process.env.TOKENS_FILE}.${i}` } : {}) };
  const child = spawn(process.execPath, ['--experimental-websocket', script], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise((resolve) => lines.on('line', (line) => {
    if (line === 'ready') resolve();
    else if (line.startsWith('{')) child.result = JSON.parse(line);
  }));
  const exited = new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(
    new Error(`driver ${i} exited with ${code}`)))));
  return { child, ready, exited };
});
await Promise.all(children.map((c) => c.ready));
children.forEach((c) => c.child.stdin.end('go\n'));
await Promise.all(children.map((c) => c.exited));

const results = children.map((c) => c.child.result);
const sum = (key) => results.reduce((n, r) => n + (r[key] ?? 0), 0);
const merged = (key) => {
  const h = {};
  for (const r of results) for (const [k, n] of Object.entries(r[key])) h[k] = (h[k] ?? 0) + n;
  return Object.entries(h).map(([k, n]) => [Number(k), n]).sort((a, b) => a[0] - b[0]);
};
const percentile = (entries, p) => {
  const total = entries.reduce((n, [, c]) => n + c, 0);
  let seen = 0;
  for (const [k, c] of entries) {
    seen += c;
    if (seen > (p / 100) * total) return k;
  }
  return entries.length ? entries.at(-1)[0] : null;
};
const answers = merged('hist_answers');
const refusals = merged('hist_refusals');
const duration = Math.max(...results.map((r) => r.duration_s));
console.log(JSON.stringify({ workers, sessions, open_ms: Math.max(...results.map((r) => r.open_ms)),
  upgrades_refused: sum('upgrades_refused'), mode: results[0].mode, offered_per_s: results[0].mode === 'open' ? rate : null,
  duration_s: duration, sent: sum('sent'), answered: sum('answered'), refused: sum('refused'),
  other_errors: sum('other_errors'), unanswered: sum('unanswered'), unexpected_closes: sum('unexpected_closes'),
  goodput_per_s: Math.round(sum('answered') / duration), answer_p50_ms: percentile(answers, 50),
  answer_p99_ms: percentile(answers, 99), refusal_p50_ms: percentile(refusals, 50),
  refusal_p99_ms: percentile(refusals, 99), driver_delay_p99_ms: Math.max(...results.map((r) => r.driver_delay_p99_ms)),
  driver_cpu_ms: sum('driver_cpu_ms') }));

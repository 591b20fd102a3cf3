// Soak driver: steady chat and REST traffic against one service, counting every answer.
// Run by bench/soak.sh; needs Node 20+ (started with --experimental-websocket) and nothing else.
//   BASE=http://127.0.0.1:8080 SESSIONS=200 DURATION_S=1800 node --experimental-websocket driver.mjs
// Prints one JSON summary line at the end. "wrong" counts answers that break the contract
// (an unexpected status, a reply without its final frame, a budget that disagrees with the server).

const BASE = process.env.BASE ?? 'http://127.0.0.1:8080';
const SESSIONS = Number(process.env.SESSIONS ?? 200);
const DURATION_MS = Number(process.env.DURATION_S ?? 1800) * 1000;
const USERS = [['ann', 'pw-2a'], ['ben', 'pw-2b'], ['cy', 'pw-2y']];
const stats = { requests: 0, messages: 0, replies: 0, logins: 0, logouts: 0, charges: 0, reconnects: 0,
  errors: 0, wrong: 0, wrongSamples: [] };
const deadline = Date.now() + DURATION_MS;

function wrong(what) {
  stats.wrong++;
  if (stats.wrongSamples.length < 20) stats.wrongSamples.push(what);
}

async function call(method, path, body, token) {
  stats.requests++;
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(BASE + path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

async function client(i) {
  const [username, password] = USERS[i % USERS.length];
  await sleep(Math.random() * 1000);
  while (Date.now() < deadline) {
    const login = await call('POST', '/api/v1/login', { username, password });
    if (login.status !== 200) { wrong(`login ${login.status}`); await sleep(1000); continue; }
    stats.logins++;
    const { access_token: access, refresh_token: refresh } = login.json;
    let charged = 0;
    const ws = new WebSocket(`${BASE.replace('http', 'ws')}/api/v1/ws?token=${access}`);
    let pending = null;
    ws.onmessage = (ev) => {
      const f = JSON.parse(ev.data);
      if (f.error) { wrong(`frame error ${f.code}`); pending?.(); pending = null; return; }
      if (f.done) { stats.replies++; pending?.(); pending = null; }
    };
    const opened = await new Promise((res) => { ws.onopen = () => res(true); ws.onerror = () => res(false); });
    if (!opened) { stats.errors++; await sleep(1000); continue; }
    // One session lives 60-120 s, then logs out and a new one starts: steady churn of keys.
    const lifeEnd = Math.min(deadline, Date.now() + 60_000 + Math.random() * 60_000);
    for (let n = 0; Date.now() < lifeEnd; n++) {
      const started = Date.now();
      const replied = new Promise((res) => { pending = res; });
      stats.messages++;
      ws.send(JSON.stringify({ action: 'question', content: `How long has the cough lasted? (${n})` }));
      const ok = await Promise.race([replied.then(() => true), sleep(5000).then(() => false)]);
      if (!ok) wrong('no final frame within 5 s');
      if (n % 30 === 0) {
        const c = await call('POST', '/api/v1/session/charges', { amount: 0.01, idempotency_key: `k-${i}-${n}` }, access);
        if (c.status !== 200) wrong(`charge ${c.status}`); else { stats.charges++; charged += 1; }
        const s = await call('GET', '/api/v1/session', null, access);
        if (s.status !== 200) wrong(`session ${s.status}`);
        else if (Math.round(s.json.budget.spent * 100) !== charged) wrong(`spent ${s.json.budget.spent} != ${charged / 100}`);
      }
      await sleep(Math.max(0, 1000 - (Date.now() - started)));
    }
    ws.close();
    const out = await call('POST', '/api/v1/logout', { refresh_token: refresh });
    if (out.status !== 200) wrong(`logout ${out.status}`); else stats.logouts++;
    const after = await call('GET', '/api/v1/session', null, access);
    if (after.status !== 401) wrong(`session after logout ${after.status}`);
    stats.reconnects++;
  }
}

const clients = [];
for (let i = 0; i < SESSIONS; i++) clients.push(client(i).catch((e) => { stats.errors++; wrong(String(e)); }));
await Promise.all(clients);
console.log(JSON.stringify(stats));

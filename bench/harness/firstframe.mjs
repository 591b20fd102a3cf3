// Does the first message on a new socket always get an answer? Logs in, then N times: opens a chat
// socket, sends a question the moment it opens (as a script or bot would), and waits up to 5 s for
// any frame. ADR 0015: before its fix 3 of 150 went unanswered on the PostgreSQL backend with both
// cores busy. Node 20+:
//   node --experimental-websocket bench/harness/firstframe.mjs [N] [base] [user] [password]
import { login } from './dx0client.mjs';

const [n = '150', base = 'http://localhost:8080', user = 'alice', password = 'wonderland'] = process.argv.slice(2);
const token = await login(base, user, password);
let answered = 0;
let silent = 0;
for (let i = 0; i < Number(n); i++) {
  const got = await new Promise((resolve) => {
    const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/v1/ws?token=${encodeURIComponent(token)}`);
    const timer = setTimeout(() => { ws.close(); resolve(false); }, 5000);
    ws.onopen = () => ws.send(JSON.stringify({ action: 'question', content: 'fever?' }));
    ws.onmessage = () => { clearTimeout(timer); ws.close(); resolve(true); };
    ws.onerror = () => { clearTimeout(timer); resolve(false); };
  });
  if (got) answered++; else silent++;
}
console.log(JSON.stringify({ sockets: Number(n), answered, silent }));

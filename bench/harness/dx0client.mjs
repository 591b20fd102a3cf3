// What every bench driver does as a Dx0 client: log in, open a chat socket (retrying a refused
// upgrade as a real client does), and report percentiles. Node 20+ (global fetch and WebSocket).
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** An access token for the user; a refused login (busy, throttled) is tried again after 50 ms. */
export async function login(base, username = 'ann', password = 'pw-2a') {
  for (;;) {
    const r = await fetch(`${base}/api/v1/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }) });
    if (r.status === 200) return (await r.json()).access_token;
    await sleep(50);
  }
}

/**
 * An open chat socket whose frames go to onFrame(ws, frame). An upgrade refused (503 past the
 * service's upgrade admission limit, as in a reconnect storm) is tried again after a short random
 * pause, up to 100 times.
 */
export async function openChat(base, token, onFrame) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openOnce(base, token, onFrame);
    } catch (e) {
      if (attempt === 100) throw e;
      await sleep(100 + Math.random() * 400);
    }
  }
}

async function openOnce(base, token, onFrame) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/ws?token=${token}`);
  ws.onmessage = (ev) => onFrame(ws, JSON.parse(ev.data));
  await new Promise((res, rej) => { ws.onopen = res; ws.onerror = rej; });
  return ws;
}

/** Opens one socket per token, 200 at a time. */
export async function openAll(base, tokens, onFrame, onClose) {
  const sockets = [];
  for (let i = 0; i < tokens.length; i += 200) {
    sockets.push(...await Promise.all(tokens.slice(i, i + 200).map(async (t) => {
      const ws = await openChat(base, t, onFrame);
      ws.onclose = () => onClose(ws);
      return ws;
    })));
  }
  return sockets;
}

export const QUESTION = '{"action":"question","content":"How long has the cough lasted?"}';

/** The p-th percentile of xs (sorts xs); null when empty. */
export function pct(xs, p) {
  xs.sort((a, b) => a - b);
  return xs.length ? xs[Math.min(xs.length - 1, Math.floor(p / 100 * xs.length))] : null;
}

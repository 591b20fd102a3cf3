// What every bench driver does as a Dx0 client: log in, open a chat socket (retrying a refused
// upgrade as a real client does), and report percentiles. Node 20+ (global fetch and WebSocket).
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * An access token for the user. A login refused for now (429 throttled, 503 busy) is tried again after
 * its Retry-After; wrong credentials stop the run at once (retrying them would only lock the address).
 */
export async function login(base, username = 'ann', password = 'pw-2a') {
  for (;;) {
    const r = await fetch(`${base}/api/v1/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }) });
    if (r.status === 200) return (await r.json()).access_token;
    if (r.status !== 429 && r.status !== 503) {
      throw new Error(`login of ${username} refused with ${r.status}: ${await r.text()}`);
    }
    await r.arrayBuffer();
    await sleep(1000 * Number(r.headers.get('retry-after') ?? 0.05));
  }
}

/**
 * An open chat socket whose frames go to onFrame(ws, frame). An upgrade refused (503 past the
 * service's upgrade admission limit, as in a reconnect storm) is tried again after a short random
 * pause, up to 100 times.
 */
export const upgrades = { refused: 0 };

export async function openChat(base, token, onFrame) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await openOnce(base, token, onFrame);
    } catch (e) {
      upgrades.refused++;
      if (attempt === 100) throw e;
      await sleep(100 + Math.random() * 400);
    }
  }
}

async function openOnce(base, token, onFrame) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}/api/v1/ws?token=${token}`);
  ws.onmessage = (ev) => onFrame(ws, JSON.parse(ev.data));
  await new Promise((res, rej) => { ws.onopen = res; ws.onerror = (e) => rej(new Error(e.message ?? 'upgrade failed')); });
  return ws;
}

/** Opens one socket per token, batch at a time (all at once: a replica's sockets coming back after a restart). */
export async function openAll(base, tokens, onFrame, onClose, batch = 200) {
  const sockets = [];
  for (let i = 0; i < tokens.length; i += batch) {
    sockets.push(...await Promise.all(tokens.slice(i, i + batch).map(async (t) => {
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

/**
 * Open loop: socket i sends at start + (i / n) × period, then every period, whatever the answers,
 * until end. A message the driver could not send by the end (it is saturated) is not sent at all, so
 * the run ends on time and the report says how much of the offered load was carried.
 */
export async function openLoop(sockets, start, end, periodMs, send) {
  await Promise.all(sockets.map(async (ws, i) => {
    let next = start + (i / sockets.length) * periodMs;
    while (next < end) {
      await sleep(Math.max(0, next - performance.now()));
      if (performance.now() >= end) break;
      send(ws);
      next += periodMs;
    }
  }));
}

/**
 * Closed loop: each socket sends its next message when the previous is answered (ws.onReply is
 * called with the answering frame) or after timeoutMs; after a refusal it waits its retry_after_ms,
 * as the protocol asks (no longer than the run), unless impatient: then it resends at once. A socket
 * the server closed stops sending.
 */
export async function closedLoop(sockets, end, timeoutMs, send, impatient = false) {
  await Promise.all(sockets.map(async (ws) => {
    while (performance.now() < end && ws.readyState === WebSocket.OPEN) {
      const replied = new Promise((r) => { ws.onReply = r; });
      send(ws);
      const frame = await Promise.race([replied, sleep(timeoutMs)]);
      if (frame?.retry_after_ms && !impatient) await sleep(Math.min(frame.retry_after_ms, Math.max(0, end - performance.now())));
    }
  }));
}

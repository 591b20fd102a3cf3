// Dx0 session console: the chat for users; an overview, sessions, lockouts and security events for
// admins. Same-origin calls to the service's API only; tokens live in this tab's sessionStorage (never localStorage); every text
// from the server is written with textContent, never as HTML.

const $ = (id) => document.getElementById(id);
const TOKENS = 'dx0.tokens';
const THEME = 'dx0.theme';
const ENDED = 'Your session has ended: it was logged out, revoked or it expired. Log in again.';
const MAX_BACKOFF_MS = 30_000;

let tokens = null;          // { access, refresh, expiresAt }
let session = null;         // GET /api/v1/session
let socket = null;
let reply = null;           // the list item a streamed reply is written into
let refreshTimer = 0;
let reconnectTimer = 0;
let resumeTimer = 0;
let backoffMs = 500;
let ending = false;
let leaving = false;        // a logout this page asked for: its own socket's close is expected

class ApiError extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

// ---- Theme ------------------------------------------------------------------------------------

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
  $('theme').setAttribute('aria-pressed', String(theme === 'dark'));
}

function initTheme() {
  const saved = localStorage.getItem(THEME);
  const preferred = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  applyTheme(saved === 'dark' || saved === 'light' ? saved : preferred);
  $('theme').addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(THEME, next);
    applyTheme(next);
  });
}

// ---- HTTP -------------------------------------------------------------------------------------

function seconds(retryAfter, fallback = 1) {
  const n = Number.parseInt(retryAfter ?? '', 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function describe(status, problem, retryAfter) {
  const wait = seconds(retryAfter);
  switch (status) {
    case 429: return `Too many attempts. Try again in ${wait} s.`;
    case 503: return `The service is busy or its store is unavailable. Try again in ${wait} s.`;
    case 403: return 'You are not allowed to do this.';
    default: return problem?.detail || problem?.title || `The service answered ${status}.`;
  }
}

async function call(method, path, body, { auth = true, retried = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (auth && tokens) headers.Authorization = `Bearer ${tokens.access}`;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'The service cannot be reached. Check the connection and try again.');
  }
  if (res.status === 401 && auth && tokens && !retried && await refreshTokens()) {
    return call(method, path, body, { auth, retried: true });
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!res.ok) {
    if (res.status === 401 && auth) endSession(ENDED);
    throw new ApiError(res.status, describe(res.status, data, res.headers.get('Retry-After')),
      res.headers.get('Retry-After'));
  }
  return data;
}

// ---- Tokens -----------------------------------------------------------------------------------

// Tabs of one session (a duplicated tab starts with a copy of its original's sessionStorage) share
// one refresh token: each new pair is told to the others, a tab takes any newer pair of its session,
// and refreshes are taken in turn, so no tab ever presents a token another has rotated (which the
// service would take as a stolen token reused, ending the session for all of them).
const siblings = 'BroadcastChannel' in window ? new BroadcastChannel('dx0.tokens') : null;

function sessionIdOf(refreshToken) {
  return refreshToken.slice(0, refreshToken.indexOf('.'));
}

function adopt(pair) {
  tokens = pair;
  sessionStorage.setItem(TOKENS, JSON.stringify(tokens));
  scheduleRefresh();
}

siblings?.addEventListener('message', ({ data }) => {
  if (tokens && data?.refresh && sessionIdOf(data.refresh) === sessionIdOf(tokens.refresh)
      && data.expiresAt > tokens.expiresAt) {
    adopt(data);
  }
});

function keepTokens(answer) {
  adopt({
    access: answer.access_token,
    refresh: answer.refresh_token,
    expiresAt: Date.now() + answer.expires_in * 1000,
  });
  siblings?.postMessage(tokens);
}

/**
 * Refreshes a minute before the access token expires (or at 80 % of a shorter lifetime), less a
 * random part of up to 20 s (10 % of a shorter lifetime), so that tabs of one session rarely try at once.
 */
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  const left = tokens.expiresAt - Date.now();
  const jitter = Math.random() * Math.min(20_000, left * 0.1);
  const at = Math.max(1000, Math.min(left - 60_000, left * 0.8) - jitter);
  refreshTimer = setTimeout(() => refreshTokens(), at);
}

let refreshing = null;

/** A new pair for the refresh token; false when the session has ended (the page returns to login). */
function refreshTokens() {
  if (!tokens) return Promise.resolve(false);
  const presented = tokens.refresh;
  const rotate = async () => {
    if (!tokens) return false;
    if (tokens.refresh !== presented) {
      return true; // a sibling tab refreshed while this one waited for its turn
    }
    keepTokens(await call('POST', '/api/v1/refresh', { refresh_token: presented }, { auth: false }));
    return true;
  };
  refreshing ??= (async () => {
    try {
      return await (navigator.locks
        ? navigator.locks.request(`dx0.refresh.${sessionIdOf(presented)}`, rotate)
        : rotate());
    } catch (e) {
      if (e.status === 401) {
        endSession(ENDED);
      } else if (tokens) {
        refreshTimer = setTimeout(() => refreshTokens(), seconds(e.retryAfter, 5) * 1000);
      }
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// ---- Views ------------------------------------------------------------------------------------

function show(view) {
  $('login-view').hidden = view !== 'login';
  $('chat-view').hidden = view !== 'chat';
  $('admin-view').hidden = view !== 'admin';
  $('views').hidden = view === 'login';
  $('logout').hidden = view === 'login';
  $('show-chat').setAttribute('aria-pressed', String(view === 'chat'));
  $('show-admin').setAttribute('aria-pressed', String(view === 'admin'));
}

function endSession(reason) {
  if (ending) return;
  ending = true;
  clearTimeout(refreshTimer);
  clearTimeout(reconnectTimer);
  clearTimeout(resumeTimer);
  tokens = null;
  session = null;
  sessionStorage.removeItem(TOKENS);
  if (socket) {
    socket.close(1000, 'logged out');
    socket = null;
  }
  $('messages').replaceChildren();
  $('chat-error').textContent = '';
  $('who').textContent = '';
  $('username').value = '';   // a shared workstation: the next person starts from an empty form
  $('password').value = '';
  $('login-notice').textContent = reason;
  $('login-error').textContent = '';
  show('login');
  $('username').focus();
}

async function login(event) {
  event.preventDefault();
  const username = $('username').value.trim();
  const password = $('password').value;
  const error = $('login-error');
  if (!username || !password) {
    error.textContent = !username ? 'Enter your username.' : 'Enter your password.';
    (!username ? $('username') : $('password')).focus();
    return;
  }
  error.textContent = '';
  clearTimeout(resumeTimer);   // logging in anew replaces a session that could not be resumed
  $('login-button').disabled = true;
  try {
    // This browser's device token for the account travels as the service's HttpOnly cookie, out of this script's reach.
    const answer = await call('POST', '/api/v1/login', { username, password }, { auth: false });
    $('password').value = '';
    keepTokens(answer);
    resume();
  } catch (e) {
    error.textContent = e.status === 401 ? 'Wrong username or password.' : e.message;
  } finally {
    $('login-button').disabled = false;
  }
}

/**
 * Opens the page on the session the tab holds. Only a 401 ends it: a service that cannot be reached
 * (restarting, a dropped network) or is busy keeps the session, says so, and is asked again after a
 * back-off, so a reload at the wrong moment does not log anyone out.
 */
function resume(waitMs = 1000) {
  clearTimeout(resumeTimer);
  start().catch((e) => {
    if (e.status === 401 || !tokens) {
      endSession(ENDED);
      return;
    }
    show('login');
    const wait = Math.max(waitMs, seconds(e.retryAfter, 0) * 1000);
    $('login-notice').textContent = `${e.message} Your session is kept; trying again in ${Math.ceil(wait / 1000)} s.`;
    resumeTimer = setTimeout(() => resume(Math.min(waitMs * 2, MAX_BACKOFF_MS)), wait);
  });
}

async function start() {
  ending = false;
  $('login-notice').textContent = '';
  // three independent reads, asked at once: the page opens after the slowest, not after all three in turn
  const [mine, theCase, catalogue] = await Promise.all([
    call('GET', '/api/v1/session'),
    call('GET', '/api/v1/case', undefined, { auth: false }),
    call('GET', '/api/v1/tests', undefined, { auth: false }),
  ]);
  session = mine;
  $('who').textContent = `${session.username} (${session.group})`;
  $('show-admin').hidden = session.group !== 'admin';
  $('case-summary').textContent = theCase.summary;
  showCatalogue(catalogue.prices);
  showBudget(session.budget.spent, session.budget.remaining, session.budget.limit);
  showResults(session.ordered_tests);
  show('chat');
  connect();
  $('message').focus();
}

async function logout() {
  leaving = true;
  try {
    await call('POST', '/api/v1/logout', { refresh_token: tokens?.refresh }, { auth: false });
    endSession('You have logged out.');
  } catch (e) {
    $('chat-error').textContent = `Logging out was not confirmed: ${e.message}`;
    if (!socket) reconnectIn(backoffMs, 'Not logged out.');
  } finally {
    leaving = false;
  }
}

// ---- Chat -------------------------------------------------------------------------------------

function money(v) {
  return v === null || v === undefined ? 'unlimited' : Number(v).toFixed(2);
}

function showBudget(spent, remaining, limit) {
  $('budget-spent').textContent = money(spent);
  $('budget-remaining').textContent = money(remaining);
  $('budget-limit').textContent = money(limit);
}

/** Each orderable test as a button that puts its order in the message box, ready to send. */
function showCatalogue(prices) {
  $('catalogue').replaceChildren(...prices.map((t) => {
    const li = document.createElement('li');
    const order = document.createElement('button');
    order.type = 'button';
    order.className = 'quiet';
    order.textContent = `${t.name} (${money(t.price)})`;
    order.addEventListener('click', () => {
      $('action').value = 'test';
      $('message').value = t.name;
      $('send').focus();
    });
    li.append(order);
    return li;
  }));
}

function showResults(tests) {
  $('ordered-tests').replaceChildren(...tests.map((t) => {
    const li = document.createElement('li');
    li.textContent = t;
    return li;
  }));
  $('results-empty').hidden = tests.length > 0;
}

function say(kind, who, text) {
  const li = document.createElement('li');
  li.className = kind;
  const label = document.createElement('span');
  label.className = 'who';
  label.textContent = who;
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  li.append(label, body);
  $('messages').append(li);
  li.scrollIntoView({ block: 'nearest' });
  return body;
}

function status(text) {
  $('connection').textContent = text;
}

function connect() {
  if (!tokens || socket) return;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  // The token travels beside the dx0.bearer subprotocol, never in the URL (proxies log URLs).
  const ws = new WebSocket(`${scheme}//${location.host}/api/v1/ws`, ['dx0.bearer', tokens.access]);
  socket = ws;
  status('Connecting…');
  ws.onopen = () => {
    backoffMs = 500;
    status('Connected.');
    $('send').disabled = false;
  };
  ws.onmessage = (event) => onFrame(JSON.parse(event.data));
  ws.onclose = (event) => {
    if (socket === ws) socket = null;
    reply = null;
    $('send').disabled = true;
    if (ending || leaving) return;
    if (event.code === 1008 && event.reason === 'session ended') {
      endSession(ENDED);
    } else if (event.code === 1013) {
      reconnectIn(Math.max(backoffMs, 1000), 'Rate limited: the connection closed.');
    } else if (event.code === 1009) {
      reconnectIn(backoffMs, 'That message was too large and closed the connection.');
    } else {
      reconnectIn(backoffMs, 'Connection lost.');
    }
  };
}

/** Reconnects after a delay that doubles up to 30 s; checks the session (and refreshes the token) first. */
function reconnectIn(ms, why) {
  clearTimeout(reconnectTimer);
  status(`${why} Reconnecting in ${Math.ceil(ms / 1000)} s…`);
  reconnectTimer = setTimeout(async () => {
    backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
    try {
      session = await call('GET', '/api/v1/session');
      showBudget(session.budget.spent, session.budget.remaining, session.budget.limit);
      connect();
    } catch (e) {
      if (!ending) reconnectIn(backoffMs, e.message);
    }
  }, ms);
}

const ERROR_WORDS = {
  rate_limited: (f) => `You are sending messages too fast. Wait ${Math.ceil(f.retry_after_ms / 1000)} s.`,
  busy: (f) => `The service is busy. Try again in ${Math.ceil((f.retry_after_ms ?? 1000) / 1000)} s.`,
  budget_exceeded: (f) => `${f.error}. Nothing was charged.`,
  unavailable: () => 'The session store is unavailable. Try again shortly.',
  session_ended: () => ENDED,
};

function onFrame(frame) {
  if ('error' in frame) {
    reply = null;
    const words = ERROR_WORDS[frame.code];
    $('chat-error').textContent = words ? words(frame) : frame.error;
    $('send').disabled = false;
    return;
  }
  if (!reply) reply = say('reply', 'Dx0', '');
  reply.textContent += frame.reply ?? '';
  if (frame.done) {
    reply = null;
    const limit = frame.remaining_budget === undefined ? null
      : Number(frame.total_spent) + Number(frame.remaining_budget);
    showBudget(frame.total_spent, frame.remaining_budget, limit);
    showResults(frame.ordered_tests);
    $('send').disabled = false;
  }
}

function send(event) {
  event.preventDefault();
  const content = $('message').value.trim();
  if (!content) {
    $('chat-error').textContent = 'Write a message first.';
    $('message').focus();
    return;
  }
  if (!socket || socket.readyState !== WebSocket.OPEN) {
    $('chat-error').textContent = 'Not connected yet; the message was not sent.';
    return;
  }
  const action = $('action').value;
  $('chat-error').textContent = '';
  say('mine', action === 'question' ? 'You' : `You (${action})`, content);
  socket.send(JSON.stringify({ action, content }));
  $('send').disabled = true;
  $('message').value = '';
  $('message').focus();
}

// ---- Admin ------------------------------------------------------------------------------------

let lookedUp = null;

function adminSay(text, isError = false) {
  $('admin-status').textContent = isError ? '' : text;
  $('admin-error').textContent = isError ? text : '';
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '–';
}

async function lookUp(user) {
  const sessions = await call('GET', `/api/v1/admin/users/${encodeURIComponent(user)}/sessions`);
  if (lookedUp !== user) {
    // the user's own recent events beside their sessions: why they are locked out or throttled
    $('events-user').value = user;
    $('events-address').value = '';
    $('events-type').value = '';
    await loadEvents(false);
  }
  lookedUp = user;
  $('revoke-all').disabled = sessions.length === 0;
  $('sessions').tBodies[0].replaceChildren(...sessions.map((s) => sessionRow(s)));
  return sessions;
}

function cell(content) {
  const td = document.createElement('td');
  if (content instanceof Node) td.append(content); else td.textContent = content;
  return td;
}

function button(text, label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

function sessionRow(s, withUser = false) {
  const tr = document.createElement('tr');
  const short = s.id.slice(0, 8);
  const code = document.createElement('code');
  code.textContent = short;
  code.title = s.id;
  const actions = document.createElement('div');
  actions.className = 'row';
  const limit = document.createElement('input');
  limit.type = 'number';
  limit.min = '0';
  limit.step = '0.01';
  limit.value = s.budget.limit ?? '';
  limit.setAttribute('aria-label', `Budget limit for session ${short}`);
  actions.append(
    button('Revoke', `Revoke session ${short}`, () => act(() => call('DELETE', `/api/v1/admin/sessions/${s.id}`),
      `Session ${short} revoked.`)),
    limit,
    button('Set limit', `Set the budget limit of session ${short}`, () => act(() => call('PUT',
      `/api/v1/admin/sessions/${s.id}/budget`, { limit: limit.value === '' ? null : Number(limit.value) }),
    `Budget limit of session ${short} set to ${limit.value === '' ? 'unlimited' : money(limit.value)}.`)),
  );
  if (withUser) tr.append(cell(s.username), cell(s.group));
  tr.append(cell(code), cell(when(s.created_at)), cell(when(s.last_access)),
    cell(`${money(s.budget.spent)} / ${money(s.budget.limit)}`), cell(String(s.sockets ?? '–')), cell(actions));
  return tr;
}

async function act(action, done) {
  try {
    await action();
    if (lookedUp !== null) await lookUp(lookedUp);
    if (listed) await listSessions(false);
    adminSay(done);
  } catch (e) {
    adminSay(e.status === 404 ? 'That session is no longer live.' : e.message, true);
  }
}

// Overview: live sessions, sockets and the last minutes' logins, refreshed while the view is open.
const OVERVIEW_EVERY_MS = 15000;
let overviewTimer = null;

async function loadOverview() {
  clearTimeout(overviewTimer);
  if ($('admin-view').hidden) return;
  try {
    const o = await call('GET', '/api/v1/admin/overview');
    const count = (type) => String(o.logins[type] ?? 0) + (o.capped ? '+' : '');
    $('ov-sessions').textContent = String(o.live_sessions);
    $('ov-sockets').textContent = String(o.sockets_total);
    const replicas = Object.entries(o.sockets_by_replica);
    $('ov-replicas').textContent = replicas.length === 0 ? 'none yet'
      : replicas.map(([name, sockets]) => `${name}: ${sockets}`).join(', ');
    $('ov-success').textContent = count('login.success');
    $('ov-failure').textContent = count('login.failure');
    $('ov-refused').textContent = String((o.logins['login.locked'] ?? 0) + (o.logins['login.throttled'] ?? 0));
    $('ov-busy').textContent = count('login.busy');
    $('overview-when').textContent = `as of ${new Date().toLocaleTimeString()}`;
  } catch (e) {
    $('overview-when').textContent = `not refreshed: ${e.message}`;
  }
  overviewTimer = setTimeout(loadOverview, OVERVIEW_EVERY_MS);
}

// All live sessions: newest first, by name prefix and group, "More sessions" for the next page.
let listed = false;
let sessionsBefore = null;

async function listSessions(more) {
  const query = new URLSearchParams({ limit: '25' });
  const prefix = $('all-prefix').value.trim();
  const group = $('all-group').value.trim();
  if (prefix) query.set('prefix', prefix);
  if (group) query.set('group', group);
  if (more && sessionsBefore) query.set('before', sessionsBefore);
  const page = await call('GET', `/api/v1/admin/sessions?${query}`);
  const rows = page.sessions.map((s) => sessionRow(s, true));
  if (more) $('all-sessions').tBodies[0].append(...rows); else $('all-sessions').tBodies[0].replaceChildren(...rows);
  listed = true;
  sessionsBefore = page.next_before;
  $('all-older').hidden = !sessionsBefore;
  return page.sessions;
}

// Events: newest first; "Older events" pages with the cursor the last page gave.
let eventsBefore = null;

function eventFilters() {
  const query = new URLSearchParams();
  for (const [name, id] of [['user', 'events-user'], ['address', 'events-address'], ['type', 'events-type']]) {
    const value = $(id).value.trim();
    if (value) query.set(name, value);
  }
  return query;
}

async function loadEvents(older) {
  const query = eventFilters();
  query.set('limit', '25');
  if (older && eventsBefore) query.set('before', eventsBefore);
  const page = await call('GET', `/api/v1/admin/events?${query}`);
  const rows = page.events.map(eventRow);
  if (older) $('events').tBodies[0].append(...rows); else $('events').tBodies[0].replaceChildren(...rows);
  eventsBefore = page.next_before;
  $('events-older').hidden = !eventsBefore;
  return page.events;
}

const EVENT_FIELDS = ['reason', 'scope', 'session_id', 'actor', 'retry_after_ms', 'count', 'limit', 'repeated'];

function eventRow(e) {
  const tr = document.createElement('tr');
  if (e.level === 'warn') tr.className = 'warn';
  const details = EVENT_FIELDS.filter((name) => e.fields[name] !== undefined)
    .map((name) => `${name.replace(/_/g, ' ')} ${e.fields[name]}`).join(', ');
  const actions = document.createElement('div');
  actions.className = 'row';
  const address = e.fields.client_ip;
  if (address && (e.type === 'login.locked' || e.type === 'login.failure')) {
    actions.append(button('Unlock', `Unlock address ${address}`, () => unlock(address)));
  }
  tr.append(cell(when(e.at)), cell(e.type), cell(e.fields.user ?? '–'), cell(address ?? '–'), cell(details || '–'),
    cell(actions));
  return tr;
}

async function unlock(ip) {
  try {
    const answer = await call('DELETE', `/api/v1/admin/lockouts/${encodeURIComponent(ip)}`);
    adminSay(`Lockout cleared for ${answer?.cleared ?? ip}.`);
    await loadLockouts();
  } catch (e) {
    adminSay(e.status === 400 || e.status === 422 ? `Not an IP address: ${ip}` : e.message, true);
  }
}

// Lockouts: addresses locked out and accounts in back-off now (also at a familiar place), each with
// the unlock the service names for it.
async function loadLockouts() {
  const { lockouts, complete } = await call('GET', '/api/v1/admin/lockouts');
  $('lockouts').tBodies[0].replaceChildren(...lockouts.map(lockoutRow));
  $('lockouts').hidden = lockouts.length === 0;
  $('lockouts-empty').hidden = lockouts.length > 0;
  $('lockouts-incomplete').hidden = complete !== false;
  return lockouts;
}

const LOCKOUT_KINDS = {
  address: 'address locked out',
  account: 'account in back-off',
  place: 'account in back-off at a familiar place',
};

function lockoutRow(l) {
  const tr = document.createElement('tr');
  const actions = document.createElement('div');
  actions.className = 'row';
  const what = l.scope === 'place' ? `${l.subject} at ${l.place}` : l.subject;
  actions.append(l.scope === 'address'
    // an IPv6 /64 is unlocked by naming any address in it: its first
    ? button('Unlock', `Unlock address ${l.subject}`, () => unlock(l.subject.split('/')[0]))
    : button('Unlock', `Unlock account ${l.subject}`, () => unlockAccount(l.subject)));
  tr.append(cell(what), cell(LOCKOUT_KINDS[l.scope] ?? l.scope),
    cell(`${l.failures} (closes at ${l.threshold})`), cell(when(l.until)), cell(actions));
  return tr;
}

async function unlockAccount(user) {
  try {
    await call('DELETE', `/api/v1/admin/users/${encodeURIComponent(user)}/lockout`);
    adminSay(`Back-off ended for ${user}.`);
    await loadLockouts();
  } catch (e) {
    adminSay(e.message, true);
  }
}

function openAdmin() {
  show('admin');
  loadOverview();
  listSessions(false).catch((e) => adminSay(e.message, true));
  loadLockouts().catch((e) => adminSay(e.message, true));
  loadEvents(false).catch((e) => adminSay(e.message, true));
}

function initAdmin() {
  $('all-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const found = await listSessions(false);
      adminSay(`${found.length}${sessionsBefore ? '+' : ''} live session${found.length === 1 ? '' : 's'} listed.`);
    } catch (e) {
      adminSay(e.message, true);
    }
  });
  $('all-older').addEventListener('click', () => listSessions(true).catch((e) => adminSay(e.message, true)));
  $('events-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const found = await loadEvents(false);
      adminSay(`${found.length}${eventsBefore ? '+' : ''} event${found.length === 1 ? '' : 's'} shown.`);
    } catch (e) {
      adminSay(e.message, true);
    }
  });
  $('events-older').addEventListener('click', () => loadEvents(true).catch((e) => adminSay(e.message, true)));
  $('lookup-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const user = $('lookup-user').value.trim();
    if (!user) {
      adminSay('Enter a username.', true);
      return;
    }
    try {
      const sessions = await lookUp(user);
      adminSay(`${sessions.length} live session${sessions.length === 1 ? '' : 's'} for ${user}.`);
    } catch (e) {
      adminSay(e.message, true);
    }
  });
  $('revoke-all').addEventListener('click', () => act(
    () => call('DELETE', `/api/v1/admin/users/${encodeURIComponent(lookedUp)}/sessions`),
    `Every session of ${lookedUp} revoked.`));
  $('unlock-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const ip = $('unlock-ip').value.trim();
    if (!ip) {
      adminSay('Enter an IP address.', true);
      return;
    }
    await unlock(ip);
  });
}

// ---- Start ------------------------------------------------------------------------------------

initTheme();
initAdmin();
$('login-form').addEventListener('submit', login);
$('chat-form').addEventListener('submit', send);
$('message').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    send(event);
  }
});
$('logout').addEventListener('click', logout);
$('show-chat').addEventListener('click', () => show('chat'));
$('show-admin').addEventListener('click', openAdmin);

try {
  tokens = JSON.parse(sessionStorage.getItem(TOKENS));
} catch {
  tokens = null;
}
if (tokens?.access) {
  scheduleRefresh();
  resume();
} else {
  show('login');
  $('username').focus();
}

// The REST client: one function per call, the player's token kept in localStorage.

const TOKEN_KEY = 'aflow.player';

// 503: the server's database or index could not serve for a moment. Reads, a round's answers (sent again, they are
// recorded once) and the request for a round (a round the server could not show is withdrawn before its 503) are sent
// again as the server says, for a while, instead of telling a player their answers were not taken or that nothing
// needs them. Other calls are not: they change something, and might do it twice.
const UNAVAILABLE_RETRIES = 10;

async function call(method, path, body, { resend = method === 'GET' } = {}) {
  const headers = { Accept: 'application/json' };
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  for (let attempt = 0; ; attempt++) {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status !== 503 || !resend || attempt >= UNAVAILABLE_RETRIES) break;
    const seconds = Number(response.headers.get('Retry-After')) || 1;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(data.detail || `${response.status} ${response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

/** The current player, starting as a guest on the first visit (or when the stored token is no longer known). */
export async function player() {
  if (localStorage.getItem(TOKEN_KEY)) {
    try {
      return await call('GET', '/api/v1/players/me');
    } catch (error) {
      if (error.status !== 401) throw error;
    }
  }
  const guest = await call('POST', '/api/v1/players/guest');
  localStorage.setItem(TOKEN_KEY, guest.token);
  return call('GET', '/api/v1/players/me');
}

export const lobby = () => call('GET', '/api/v1/lobby');
export const signUp = (name, password) => call('POST', '/api/v1/players/me/signup', { name, password });
export async function signIn(name, password) {
  const player = await call('POST', '/api/v1/players/login', { name, password });
  localStorage.setItem(TOKEN_KEY, player.token);
  return call('GET', '/api/v1/players/me');
}

/** Live leaderboards over WebSocket; reconnects after a drop. Calls onBoards([day, all]) and onState(connected). */
export function watchLeaderboards(onBoards, onState) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/ws/leaderboard`);
  socket.addEventListener('open', () => onState(true));
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'leaderboards') onBoards(message.boards);
  });
  socket.addEventListener('close', () => {
    onState(false);
    setTimeout(() => watchLeaderboards(onBoards, onState), 2000);
  });
}
export const nextRound = (projectId) => call('POST', `/api/v1/projects/${projectId}/rounds`, undefined, { resend: true });
export const submit = (round, answers) =>
  call('POST', `/api/v1/rounds/${round.roundId}/answers`, { token: round.token, answers }, { resend: true });

/**
 * Paired play over WebSocket. Calls onRound(round) when the server hands out a round, and gives the game
 * module sendWord and onPartner. Events that arrive before the module listens are replayed to it.
 */
export function pairUp(projectId, { onRound, onNothing, onError }) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const token = encodeURIComponent(localStorage.getItem(TOKEN_KEY) ?? '');
  const socket = new WebSocket(`${scheme}://${location.host}/ws/pairs/${projectId}?token=${token}`);
  const pending = new Map();
  const listeners = [];
  const early = [];
  let seq = 0;
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'round') onRound(message.round);
    else if (message.type === 'none') onNothing(message.reason);
    else if (message.type === 'error') onError(message.detail);
    else if (message.type === 'word-result') {
      pending.get(message.seq)?.(message);
      pending.delete(message.seq);
    } else if (message.type !== 'waiting') {
      if (listeners.length === 0) early.push(message);
      listeners.forEach((listener) => listener(message));
    }
  });
  socket.addEventListener('close', () => {
    pending.forEach((resolve) => resolve(null));
    pending.clear();
  });
  return {
    sendWord(itemId, word) {
      if (socket.readyState !== WebSocket.OPEN) return Promise.resolve(null);
      seq += 1;
      const mine = seq;
      return new Promise((resolve) => {
        pending.set(mine, resolve);
        socket.send(JSON.stringify({ type: 'word', itemId, word, seq: mine }));
      });
    },
    onPartner(listener) {
      listeners.push(listener);
      early.splice(0).forEach((message) => listener(message));
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
    close() { socket.close(); },
  };
}

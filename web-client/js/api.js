// The REST client: one function per call, the player's token kept in localStorage.

const TOKEN_KEY = 'aflow.player';

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
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
export const nextRound = (projectId) => call('POST', `/api/v1/projects/${projectId}/rounds`);
export const submit = (round, answers) => call('POST', `/api/v1/rounds/${round.roundId}/answers`, { token: round.token, answers });

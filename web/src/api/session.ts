// The session of this browser tab. The access token lives in memory only; the refresh token
// (opaque, single use, rotated on every refresh) lives in sessionStorage so that a reload of the
// tab keeps the session while closing the tab ends it. Refreshes are single-flight: two calls
// that meet an expired access token at once share one refresh, because presenting a spent
// refresh token twice makes the server revoke the whole session (reuse detection).
import type { components } from './schema.gen';

export type TokenResponse = components['schemas']['TokenResponse'];

export type SessionState =
  /** No session (never logged in, or logged out on purpose). */
  | 'anonymous'
  /** A refresh token from an earlier page load is being exchanged. */
  | 'restoring'
  | 'authenticated'
  /** The session ended underneath the page (idle, revoked): ask to log in again, keep the page. */
  | 'expired';

const REFRESH_KEY = 'reskflow.refresh_token';

let accessToken: string | undefined;
let accessExpiresAt = 0;
let state: SessionState = readRefresh() ? 'restoring' : 'anonymous';
const listeners = new Set<(s: SessionState) => void>();
let refreshing: Promise<boolean> | undefined;

function readRefresh(): string | null {
  try {
    return sessionStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

function writeRefresh(token: string | null) {
  try {
    if (token) sessionStorage.setItem(REFRESH_KEY, token);
    else sessionStorage.removeItem(REFRESH_KEY);
  } catch {
    /* storage disabled: the session lasts as long as the page */
  }
}

function setState(next: SessionState) {
  if (next === state) return;
  state = next;
  for (const l of listeners) l(state);
}

export const session = {
  get state(): SessionState {
    return state;
  },
  get accessToken(): string | undefined {
    return accessToken && Date.now() < accessExpiresAt ? accessToken : undefined;
  },
  subscribe(listener: (s: SessionState) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Store the tokens of a register, login, MFA or refresh answer. */
  accept(tokens: TokenResponse) {
    accessToken = tokens.access_token;
    // Renew a little early so that a request never leaves with a token about to expire.
    accessExpiresAt = Date.now() + Math.max(0, tokens.expires_in - 30) * 1000;
    writeRefresh(tokens.refresh_token);
    setState('authenticated');
  },
  /** Forget the tokens. `expired` keeps the page and asks to log in again. */
  clear(reason: 'anonymous' | 'expired' = 'anonymous') {
    accessToken = undefined;
    accessExpiresAt = 0;
    writeRefresh(null);
    setState(reason);
  },
  /**
   * Exchange the refresh token for new tokens; true when it worked. Concurrent callers share one
   * request. `doRefresh` performs POST /v1/auth/refresh (injected to avoid an import cycle).
   */
  refresh(doRefresh: (refreshToken: string) => Promise<TokenResponse | 'rejected' | 'failed'>) {
    if (refreshing) return refreshing;
    const token = readRefresh();
    if (!token) return Promise.resolve(false);
    refreshing = (async () => {
      try {
        const result = await doRefresh(token);
        if (result === 'rejected') {
          session.clear(state === 'restoring' ? 'anonymous' : 'expired');
          return false;
        }
        if (result === 'failed') {
          // Network or server trouble: keep the refresh token for the next try.
          if (state === 'restoring') setState('anonymous');
          return false;
        }
        session.accept(result);
        return true;
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  },
};

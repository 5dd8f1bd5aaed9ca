// The session of this browser tab. The access token lives in memory only; the refresh token
// (opaque, single use, rotated on every refresh) lives in sessionStorage so that a reload of the
// tab keeps the session while closing the tab ends it. Refreshes are single-flight: two calls
// that meet an expired access token at once share one refresh, because presenting a spent
// refresh token twice makes the server revoke the whole session (reuse detection).
import type { components } from './schema.gen';

export type TokenResponse = components['schemas']['TokenResponse'];
/** What one POST /v1/auth/refresh came to; `retryAfterS` when the server answered 429. */
export type RefreshResult = TokenResponse | 'rejected' | 'failed' | { retryAfterS: number };

/** 429s waited out in one refresh before giving up for now (the session is kept either way). */
const REFRESH_RETRIES_MAX = 5;

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
/** When a rate-limited refresh is tried again (ms since the epoch), or null. */
let retryAt: number | null = null;
const retryListeners = new Set<(at: number | null) => void>();

function setRetryAt(at: number | null) {
  retryAt = at;
  for (const l of retryListeners) l(at);
}

/** Waits out a 429's Retry-After, announcing when the refresh is tried again. */
function waitToRetry(seconds: number): Promise<void> {
  const ms = Math.max(1, seconds) * 1000;
  setRetryAt(Date.now() + ms);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

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
  /** A refresh token is kept: a restore the network prevented can be tried again. */
  get stored(): boolean {
    return readRefresh() !== null;
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
  /** When a rate-limited refresh is tried again (for the "retrying in N s" notice), or null. */
  get retryAt(): number | null {
    return retryAt;
  },
  subscribeRetry(listener: (at: number | null) => void): () => void {
    retryListeners.add(listener);
    return () => retryListeners.delete(listener);
  },
  /**
   * Exchange the refresh token for new tokens; true when it worked. Concurrent callers share one
   * request. `doRefresh` performs POST /v1/auth/refresh (injected to avoid an import cycle). A
   * 429 is waited out (Retry-After) and tried again with the same token: too many reloads must
   * never log the user out.
   */
  refresh(doRefresh: (refreshToken: string) => Promise<RefreshResult>) {
    if (refreshing) return refreshing;
    const token = readRefresh();
    if (!token) return Promise.resolve(false);
    refreshing = (async () => {
      try {
        let result = await doRefresh(token);
        for (let retries = 0; typeof result === 'object' && 'retryAfterS' in result; retries++) {
          if (retries === REFRESH_RETRIES_MAX) {
            result = 'failed';
            break;
          }
          await waitToRetry(result.retryAfterS);
          result = await doRefresh(token);
        }
        setRetryAt(null);
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

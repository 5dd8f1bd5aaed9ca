// The account's active sessions, with "log out" for one or for every other.
import { useEffect, useState } from 'preact/hooks';
import {
  listSessions,
  revokeOtherSessions,
  revokeSession,
  type SessionInfo,
} from '../api/auth';
import type { UserError } from '../api/problem';
import { Alert, Button, formatDateTime } from '../ui';

/** "Chrome on Linux"-style summary of a user agent, or the raw string. */
function device(ua: string | undefined): string {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return browser && os ? `${browser} on ${os}` : ua.slice(0, 60);
}

export function SessionsList() {
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function load() {
    const r = await listSessions();
    if (r.ok) {
      setSessions(r.data);
      setError(null);
    } else setError(r.error);
  }
  useEffect(() => void load(), []);

  if (error) return <Alert tone="error">{error.message}</Alert>;
  if (!sessions) return <p role="status">Loading your sessions…</p>;
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div class="stack">
      {notice && <Alert tone="success">{notice}</Alert>}
      <ul class="sessions">
        {sessions.map((s) => (
          <li key={s.id} class="session">
            <div>
              <strong>{device(s.user_agent)}</strong>
              {s.current && <span class="badge">This device</span>}
              <div class="muted">
                {s.ip ? `${s.ip} · ` : ''}last active {formatDateTime(s.last_used_at)} · since{' '}
                {formatDateTime(s.created_at)}
              </div>
            </div>
            {!s.current && (
              <Button
                variant="secondary"
                busy={busy === s.id}
                busyLabel="Logging out…"
                aria-label={`Log out ${device(s.user_agent)}, last active ${formatDateTime(s.last_used_at)}`}
                onClick={async () => {
                  setBusy(s.id);
                  const r = await revokeSession(s.id);
                  setBusy(null);
                  if (!r.ok) return setError(r.error);
                  setNotice('That session is logged out.');
                  await load();
                }}
              >
                Log out
              </Button>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <Button
          variant="secondary"
          busy={busy === 'others'}
          busyLabel="Logging out…"
          onClick={async () => {
            setBusy('others');
            const r = await revokeOtherSessions();
            setBusy(null);
            if (!r.ok) return setError(r.error);
            const n = r.data.revoked;
            setNotice(`${n} other session${n === 1 ? ' is' : 's are'} logged out.`);
            await load();
          }}
        >
          Log out all other sessions
        </Button>
      ) : (
        <p class="muted">You are not logged in anywhere else.</p>
      )}
    </div>
  );
}

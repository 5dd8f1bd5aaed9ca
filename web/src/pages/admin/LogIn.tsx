import { useEffect } from 'preact/hooks';
import { LoginFlow } from '../../auth/LoginFlow';
import { useSession } from '../../auth/useSession';
import { Alert, navigate } from '../../ui';
import { safeNext } from './Gate';
import { AdminPage } from './shell';

/** Email and password, then the code from the authenticator app; then the page asked for. */
export function LogIn() {
  const state = useSession();
  const query = new URLSearchParams(location.search);
  const next = safeNext(query.get('next'));

  // Already logged in (or just now): go on. The gate sends an admin without two-step login to
  // set it up first.
  useEffect(() => {
    if (state === 'authenticated') navigate(next, { replace: true });
  }, [state]);

  return (
    <AdminPage title="Log in to the admin portal" narrow>
      <div class="stack">
        {query.has('logged_out') && <Alert tone="success">You are logged out.</Alert>}
        {query.has('next') && !query.has('logged_out') && (
          <Alert tone="info">Log in to open that page. You will go straight there afterwards.</Alert>
        )}
        {state === 'restoring' ? (
          <p role="status">Checking your session…</p>
        ) : (
          <LoginFlow onDone={() => navigate(next, { replace: true })} />
        )}
        <p class="muted">
          Administrators log in with a password and a code from an authenticator app. The first
          time, with the one-time password from <code>reskflow admin create</code>, you set up the
          app right after logging in.
        </p>
      </div>
    </AdminPage>
  );
}

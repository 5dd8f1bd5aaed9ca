// Logging in to the driver app (LoginFlow: password, then the second factor when it is on).
import { useEffect } from 'preact/hooks';
import { LoginFlow } from '../../auth/LoginFlow';
import { useSession } from '../../auth/useSession';
import { Alert, Link, navigate } from '../../ui';
import { forgetKept } from './offline';
import { clearOutbox } from './outbox';
import { DriverPage, paths, safeNext } from './shell';

const destination = () => safeNext(new URLSearchParams(location.search).get('next'));

export function LogIn() {
  const state = useSession();
  const query = new URLSearchParams(location.search);

  useEffect(() => {
    if (query.has('logged_out')) {
      clearOutbox();
      forgetKept();
    }
    if (state === 'authenticated') navigate(destination(), { replace: true });
  }, [state]);

  return (
    <DriverPage title="Log in to drive">
      <div class="stack">
        {query.has('logged_out') && <Alert tone="success">You are logged out.</Alert>}
        {state === 'restoring' ? (
          <p role="status">Checking your session…</p>
        ) : (
          <LoginFlow onDone={() => navigate(destination(), { replace: true })} />
        )}
        <p>
          New here? <Link href={paths.signUp}>Become a courier</Link>
        </p>
        <p class="muted">
          Forgot your password? Reset it from the <a href="/customer/forgot-password">password reset page</a>; it
          works for every kind of account.
        </p>
      </div>
    </DriverPage>
  );
}

import { useEffect } from 'preact/hooks';
import { LoginFlow } from '../../auth/LoginFlow';
import { useSession } from '../../auth/useSession';
import { Alert, Link, navigate } from '../../ui';
import { safeNext } from './Gate';
import { MerchantPage, paths } from './shell';

/** Where a login leads: the page asked for, or the stores (straight into the only one). */
function destination(): string {
  const next = safeNext(new URLSearchParams(location.search).get('next'));
  return next === paths.home ? `${paths.home}?from_login=1` : next;
}

export function LogIn() {
  const state = useSession();
  const query = new URLSearchParams(location.search);

  useEffect(() => {
    if (state === 'authenticated') navigate(destination(), { replace: true });
  }, [state]);

  return (
    <MerchantPage title="Log in to the merchant portal" narrow>
      <div class="stack">
        {query.has('logged_out') && <Alert tone="success">You are logged out.</Alert>}
        {query.has('next') && !query.has('logged_out') && (
          <Alert tone="info">Log in to open that page. You will go straight there afterwards.</Alert>
        )}
        {state === 'restoring' ? (
          <p role="status">Checking your session…</p>
        ) : (
          <LoginFlow onDone={() => navigate(destination(), { replace: true })} />
        )}
        <p>
          New to ReskFlow? <Link href={paths.signUp}>Create a merchant account</Link>
        </p>
        <p class="muted">
          Forgot your password? Reset it from the <a href="/customer/forgot-password">password reset page</a>;
          it works for every kind of account.
        </p>
      </div>
    </MerchantPage>
  );
}

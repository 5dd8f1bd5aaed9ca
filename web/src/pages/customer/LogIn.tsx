import type { ComponentChildren } from 'preact';
import { LoginFlow } from '../../auth/LoginFlow';
import { Alert, Link, navigate, Page } from '../../ui';

export function LogIn({ nav }: { nav: ComponentChildren }) {
  const query = new URLSearchParams(location.search);
  return (
    <Page title="Log in" portal="Customer" nav={nav} narrow>
      <div class="stack">
        {query.has('logged_out') && <Alert tone="success">You are logged out.</Alert>}
        {query.has('reset') && (
          <Alert tone="success">Your password is changed. Log in with the new one.</Alert>
        )}
        <LoginFlow onDone={() => navigate('/customer/account')} />
        <p>
          <Link href="/customer/forgot-password">Forgot your password?</Link>
        </p>
        <p>
          New to ReskFlow? <Link href="/customer/signup">Create an account</Link>
        </p>
      </div>
    </Page>
  );
}

import type { ComponentChildren } from 'preact';
import { useSession } from '../../auth/useSession';
import { Alert, Link, Page } from '../../ui';

export function Home({ nav }: { nav: ComponentChildren }) {
  const state = useSession();
  const signedIn = state === 'authenticated' || state === 'expired';
  return (
    <Page title="Order from merchants near you" portal="Customer" nav={nav}>
      {state === 'restoring' ? (
        <p role="status">Checking your session…</p>
      ) : signedIn ? (
        <div class="stack">
          <p>You are logged in.</p>
          <Alert tone="info">
            Browsing merchants, the cart and orders open here when the catalog arrives. For now you
            can see and manage your <Link href="/customer/account">account</Link>.
          </Alert>
        </div>
      ) : (
        <div class="stack">
          {new URLSearchParams(location.search).has('deleted') && (
            <Alert tone="success">Your account is deleted and you are logged out.</Alert>
          )}
          <p>Create an account or log in to order from local merchants.</p>
          <p class="form-actions">
            <Link class="btn btn-primary" href="/customer/signup">
              Sign up
            </Link>
            <Link class="btn btn-secondary" href="/customer/login">
              Log in
            </Link>
          </p>
        </div>
      )}
    </Page>
  );
}

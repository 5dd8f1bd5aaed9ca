import type { ComponentChildren } from 'preact';
import { useSession } from '../../auth/useSession';
import { Alert, Link, Page } from '../../ui';
import { logInAndReturn, paths } from './paths';
import { OrderAgainSection } from './shop/Recommendations';

/** The first page without a delivery address: where to start (with one, "/" lists merchants). */
export function Home({ nav }: { nav: ComponentChildren }) {
  const state = useSession();
  const signedIn = state === 'authenticated' || state === 'expired';
  return (
    <Page title="Order from merchants near you" portal="Customer" nav={nav}>
      <div class="stack">
        {new URLSearchParams(location.search).has('deleted') && (
          <Alert tone="success">Your account is deleted and you are logged out.</Alert>
        )}
        <p>Choose where to deliver, then see the merchants that deliver there, or search for a dish.</p>
        <p class="form-actions">
          <Link class="btn btn-primary" href={paths.address}>
            Choose a delivery address
          </Link>
          <Link class="btn btn-secondary" href={paths.search}>
            Search merchants and dishes
          </Link>
        </p>
        {state === 'restoring' ? (
          <p role="status">Checking your session…</p>
        ) : signedIn ? (
          <>
            <p>
              You are logged in. Your <Link href={paths.carts}>carts</Link> and{' '}
              <Link href={paths.account}>account</Link> are a click away.
            </p>
            <OrderAgainSection />
          </>
        ) : (
          <>
            <p>Create an account or log in to fill a cart and order together with friends.</p>
            <p class="form-actions">
              <Link class="btn btn-secondary" href={paths.signUp}>
                Sign up
              </Link>
              <Link class="btn btn-secondary" href={logInAndReturn()}>
                Log in
              </Link>
            </p>
          </>
        )}
      </div>
    </Page>
  );
}

import type { ComponentChildren } from 'preact';
import { LoginFlow } from '../../auth/LoginFlow';
import { Alert, Link, navigate, Page } from '../../ui';
import { nextPath, paths, signUpAndReturn } from './paths';

export function LogIn({ nav }: { nav: ComponentChildren }) {
  const query = new URLSearchParams(location.search);
  return (
    <Page title="Log in" portal="Customer" nav={nav} narrow>
      <div class="stack">
        {query.has('logged_out') && <Alert tone="success">You are logged out.</Alert>}
        {query.has('reset') && (
          <Alert tone="success">Your password is changed. Log in with the new one.</Alert>
        )}
        {query.has('next') && (
          <Alert tone="info">Log in to carry on: you come back to where you were.</Alert>
        )}
        <LoginFlow onDone={() => navigate(nextPath(paths.home))} />
        <p>
          <Link href="/customer/forgot-password">Forgot your password?</Link>
        </p>
        <p>
          New to ReskFlow?{' '}
          <Link href={query.has('next') ? signUpAndReturn(nextPath(paths.home)) : paths.signUp}>
            Create an account
          </Link>
        </p>
      </div>
    </Page>
  );
}

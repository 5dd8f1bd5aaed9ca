import type { ComponentChildren } from 'preact';
import { SignUpForm } from '../../auth/SignUpForm';
import { Link, navigate, Page } from '../../ui';
import { logInAndReturn, nextPath, paths } from './paths';

export function SignUp({ nav }: { nav: ComponentChildren }) {
  // Sent here to carry on somewhere (a menu, a group order link): come back there afterwards.
  const returning = new URLSearchParams(location.search).has('next');
  return (
    <Page title="Create your account" portal="Customer" nav={nav} narrow>
      <SignUpForm
        role="customer"
        label="Create your account"
        phoneHint="For the courier to reach you."
        onRegistered={() => navigate(nextPath(`${paths.account}?welcome=1`))}
      />
      <p>
        Already have an account?{' '}
        <Link href={returning ? logInAndReturn(nextPath(paths.account)) : paths.logIn}>
          Log in
        </Link>
      </p>
    </Page>
  );
}

import type { ComponentChildren } from 'preact';
import { register } from '../../api/auth';
import { Form, Link, navigate, Page, TextField } from '../../ui';
import { logInAndReturn, nextPath, paths } from './paths';

export function SignUp({ nav }: { nav: ComponentChildren }) {
  // Sent here to carry on somewhere (a menu, a group order link): come back there afterwards.
  const returning = new URLSearchParams(location.search).has('next');
  return (
    <Page title="Create your account" portal="Customer" nav={nav} narrow>
      <Form
        label="Create your account"
        submitLabel="Create account"
        busyLabel="Creating your account…"
        onSubmit={async ({ name, email, password, phone }) => {
          const r = await register({
            name: name ?? '',
            email: email ?? '',
            password: password ?? '',
            ...(phone ? { phone } : {}),
            role: 'customer',
          });
          if (!r.ok) {
            if (r.error.status === 409)
              return {
                ...r.error,
                message: 'An account with this email already exists. Log in instead, or use another email.',
              };
            return r.error;
          }
          navigate(nextPath(`${paths.account}?welcome=1`));
        }}
      >
        <TextField name="name" label="Name" autoComplete="name" maxLength={200} required />
        <TextField name="email" label="Email" type="email" autoComplete="email" required />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="12 to 128 characters. A few random words work well; common passwords are refused."
          required
        />
        <TextField
          name="phone"
          label="Phone"
          type="tel"
          autoComplete="tel"
          hint="For the courier to reach you."
        />
      </Form>
      <p>
        Already have an account?{' '}
        <Link href={returning ? logInAndReturn(nextPath(paths.account)) : paths.logIn}>
          Log in
        </Link>
      </p>
    </Page>
  );
}

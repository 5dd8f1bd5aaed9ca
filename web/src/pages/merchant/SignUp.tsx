// A merchant account: then "Create your store", or ask an owner to add you to theirs.
import { register } from '../../api/auth';
import { Form, Link, navigate, TextField } from '../../ui';
import { MerchantPage, paths } from './shell';

export function SignUp() {
  return (
    <MerchantPage title="Create a merchant account" narrow>
      <div class="stack">
        <p>
          With a merchant account you create your store, or join one whose owner adds you to its
          staff.
        </p>
        <Form
          label="Create a merchant account"
          submitLabel="Create account"
          busyLabel="Creating your account…"
          onSubmit={async ({ name, email, password, phone }) => {
            const r = await register({
              name: name ?? '',
              email: email ?? '',
              password: password ?? '',
              ...(phone ? { phone } : {}),
              role: 'merchant',
            });
            if (!r.ok) {
              if (r.error.status === 409)
                return {
                  ...r.error,
                  message:
                    'An account with this email already exists. Log in instead, or use another email.',
                };
              return r.error;
            }
            navigate(paths.home);
          }}
        >
          <TextField name="name" label="Your name" autoComplete="name" maxLength={200} required />
          <TextField name="email" label="Email" type="email" autoComplete="email" required />
          <TextField
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
            hint="12 to 128 characters. A few random words work well; common passwords are refused."
            required
          />
          <TextField name="phone" label="Phone" type="tel" autoComplete="tel" />
        </Form>
        <p>
          Already have an account? <Link href={paths.logIn}>Log in</Link>
        </p>
      </div>
    </MerchantPage>
  );
}

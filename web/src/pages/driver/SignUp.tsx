// Becoming a courier from the driver app: a courier account (role driver), then the vehicle and
// the ID document on the vehicle page, where the ID check's state stays in view.
import { register } from '../../api/auth';
import { Form, Link, navigate, TextField } from '../../ui';
import { DriverPage, paths } from './shell';

export function SignUp() {
  return (
    <DriverPage title="Become a courier">
      <div class="stack">
        <p>Step 1 of 3: your account. Then your vehicle, then your ID document for an admin to check.</p>
        <Form
          label="Create your courier account"
          submitLabel="Create account"
          busyLabel="Creating your account…"
          onSubmit={async ({ name, email, password, phone }) => {
            const r = await register({
              name: name ?? '',
              email: email ?? '',
              password: password ?? '',
              ...(phone ? { phone } : {}),
              role: 'driver',
            });
            if (!r.ok) {
              if (r.error.status === 409)
                return { ...r.error, message: 'An account with this email already exists. Log in instead, or use another email.' };
              return r.error;
            }
            navigate(`${paths.profile}?welcome=1`);
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
          <TextField name="phone" label="Phone" type="tel" autoComplete="tel" hint="For customers and restaurants to reach you on a delivery." />
        </Form>
        <p>
          Already a courier? <Link href={paths.logIn}>Log in</Link>
        </p>
      </div>
    </DriverPage>
  );
}

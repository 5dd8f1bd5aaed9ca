// The account form of every portal's sign-up: name, email, password and phone, registered with
// the portal's role. An email that already has an account gets words that say what to do.
import type { RegisterRequest } from '../api/auth';
import { register } from '../api/auth';
import { Form, TextField } from '../ui';

export interface SignUpFormProps {
  role: RegisterRequest['role'];
  /** The form's accessible name. */
  label: string;
  nameLabel?: string;
  /** Who uses the phone number, in the portal's words. */
  phoneHint?: string;
  /** Runs once the account exists and its session is open. */
  onRegistered: () => void;
}

export function SignUpForm({ role, label, nameLabel = 'Name', phoneHint, onRegistered }: SignUpFormProps) {
  return (
    <Form
      label={label}
      submitLabel="Create account"
      busyLabel="Creating your account…"
      onSubmit={async ({ name, email, password, phone }) => {
        const r = await register({
          name: name ?? '',
          email: email ?? '',
          password: password ?? '',
          ...(phone ? { phone } : {}),
          role,
        });
        if (!r.ok) {
          if (r.error.status === 409)
            return { ...r.error, message: 'An account with this email already exists. Log in instead, or use another email.' };
          return r.error;
        }
        onRegistered();
      }}
    >
      <TextField name="name" label={nameLabel} autoComplete="name" maxLength={200} required />
      <TextField name="email" label="Email" type="email" autoComplete="email" required />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="12 to 128 characters. A few random words work well; common passwords are refused."
        required
      />
      <TextField name="phone" label="Phone" type="tel" autoComplete="tel" hint={phoneHint} />
    </Form>
  );
}

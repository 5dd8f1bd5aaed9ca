import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { confirmPasswordReset, requestPasswordReset } from '../../api/auth';
import { Alert, Button, Form, Link, navigate, Page, TextField } from '../../ui';

/** Two steps: ask for a code by email, then set a new password with it. */
export function ForgotPassword({ nav }: { nav: ComponentChildren }) {
  const [sentTo, setSentTo] = useState<string | null>(null);
  return (
    <Page title="Reset your password" portal="Customer" nav={nav} narrow>
      {sentTo === null ? (
        <div class="stack">
          <p>Enter the email of your account. We send you a code to choose a new password.</p>
          <Form
            label="Request a reset code"
            submitLabel="Send me a code"
            busyLabel="Sending…"
            onSubmit={async ({ email }) => {
              const r = await requestPasswordReset(email ?? '');
              if (!r.ok) return r.error;
              setSentTo(email ?? '');
            }}
          >
            <TextField name="email" label="Email" type="email" autoComplete="email" required />
          </Form>
        </div>
      ) : (
        <div class="stack">
          <Alert tone="info">
            If {sentTo} has an account, a code is on its way. It works for one hour.
          </Alert>
          <Form
            label="Choose a new password"
            submitLabel="Set new password"
            busyLabel="Saving…"
            actions={
              <Button variant="secondary" onClick={() => setSentTo(null)}>
                Use another email
              </Button>
            }
            onSubmit={async ({ token, password }) => {
              const r = await confirmPasswordReset(token ?? '', password ?? '');
              if (!r.ok) return r.error;
              navigate('/customer/login?reset=1');
            }}
          >
            <TextField name="token" label="Code from the email" autoComplete="one-time-code" required />
            <TextField
              name="password"
              label="New password"
              type="password"
              autoComplete="new-password"
              hint="12 to 128 characters. A few random words work well; common passwords are refused."
              required
            />
          </Form>
        </div>
      )}
      <p>
        <Link href="/customer/login">Back to log in</Link>
      </p>
    </Page>
  );
}

// Email + password, then the second factor when the API answers an MFA challenge. Every portal
// uses this (the admin portal requires the MFA step).
import { useEffect, useRef, useState } from 'preact/hooks';
import { completeMfa, login, type MfaChallenge } from '../api/auth';
import { Alert, Button, Form, TextField } from '../ui';

export interface LoginFlowProps {
  onDone: () => void;
  /** Pre-filled email (e.g. when a session expired). */
  email?: string;
  /** Extra actions beside the submit button of the first step. */
  actions?: preact.ComponentChildren;
}

export function LoginFlow({ onDone, email, actions }: LoginFlowProps) {
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  const codeStep = useRef<HTMLDivElement>(null);
  // The code step replaces the focused password form: focus its field (the `autofocus` attribute
  // alone is not honoured twice in one document, e.g. inside the session-ended dialog).
  useEffect(() => {
    if (challenge) codeStep.current?.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
  }, [challenge]);

  if (challenge) {
    return (
      <div class="stack" ref={codeStep}>
        <Alert tone="info" title="One more step">
          <p>
            Enter the 6-digit code from your authenticator app, or one of your recovery codes.
          </p>
        </Alert>
        <Form
          label="Second factor"
          actions={
            <Button variant="secondary" onClick={() => setChallenge(null)}>
              Back
            </Button>
          }
          submitLabel="Verify code"
          busyLabel="Verifying…"
          onSubmit={async ({ code }) => {
            const r = await completeMfa(challenge.mfa_token, code ?? '');
            if (!r.ok) {
              if (r.error.status === 401)
                return {
                  ...r.error,
                  message: 'That code did not work. Check your authenticator app and try again.',
                };
              return r.error;
            }
            onDone();
          }}
        >
          <TextField
            name="code"
            label="Authentication code"
            hint="6 digits, or a recovery code like ABCDE-12345"
            autoComplete="one-time-code"
            inputMode="text"
            required
            autoFocus
          />
        </Form>
      </div>
    );
  }

  return (
    <Form
      label="Log in"
      submitLabel="Log in"
      busyLabel="Logging in…"
      actions={actions}
      onSubmit={async ({ email, password }) => {
        const r = await login({ email: email ?? '', password: password ?? '' });
        if (!r.ok) return r.error;
        if (r.data.mfa) setChallenge(r.data.mfa);
        else onDone();
      }}
    >
      <TextField name="email" label="Email" type="email" autoComplete="username" defaultValue={email} required />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
      />
    </Form>
  );
}

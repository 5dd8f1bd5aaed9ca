// Two-step login (TOTP): enrol with a QR code or the secret, confirm with a code, see the
// recovery codes once; or turn it off with a code, unless the role must keep it (`required`:
// administrators). Used by every portal's account page and the admin portal's first login.
import { useState } from 'preact/hooks';
import { confirmTotp, disableTotp, enrolTotp, type TotpEnrolment } from '../api/auth';
import type { UserError } from '../api/problem';
import { Alert, Button, Form, QrCode, TextField } from '../ui';

export function MfaSettings({
  enabled,
  onChange,
  required = false,
}: {
  enabled: boolean;
  onChange: () => void;
  required?: boolean;
}) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const [turnedOff, setTurnedOff] = useState(false);

  if (recovery)
    return (
      <div class="stack">
        <Alert tone="success" title="Two-step login is on">
          <p>
            Keep these recovery codes somewhere safe. Each works once if you lose your phone; they
            are shown only now.
          </p>
        </Alert>
        <ul class="codes" aria-label="Recovery codes">
          {recovery.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <Button
          variant="secondary"
          onClick={() => setRecovery(null)}
        >
          I have saved them
        </Button>
      </div>
    );

  if (enabled && required)
    return (
      <p>
        Two-step login is on: logging in asks for a code from your authenticator app. Administrators
        keep it on; if you lose your phone, log in with a recovery code.
      </p>
    );

  if (enabled)
    return (
      <div class="stack">
        <p>Two-step login is on: logging in asks for a code from your authenticator app.</p>
        <details>
          <summary>Turn two-step login off</summary>
          <Form
            label="Turn two-step login off"
            submitLabel="Turn off"
            busyLabel="Turning off…"
            onSubmit={async ({ code }) => {
              const r = await disableTotp(code ?? '');
              if (!r.ok) return r.error;
              setTurnedOff(true);
              onChange();
            }}
          >
            <TextField
              name="code"
              label="Code from your app, or a recovery code"
              autoComplete="one-time-code"
              required
            />
          </Form>
        </details>
      </div>
    );

  if (enrolment)
    return (
      <div class="stack">
        <ol class="steps">
          <li>
            Scan this QR code with an authenticator app (or type the key below).
            <div class="qr-box">
              <QrCode value={enrolment.otpauth_uri} label="QR code for your authenticator app" />
            </div>
            <p>
              Key: <code data-testid="totp-secret">{enrolment.secret}</code>
            </p>
          </li>
          <li>Enter the 6-digit code the app shows.</li>
        </ol>
        <Form
          label="Confirm two-step login"
          submitLabel="Turn on"
          busyLabel="Checking the code…"
          onSubmit={async ({ code }) => {
            const r = await confirmTotp(code ?? '');
            if (!r.ok) return r.error;
            setEnrolment(null);
            setRecovery(r.data.recovery_codes);
            onChange();
          }}
          actions={
            <Button variant="secondary" onClick={() => setEnrolment(null)}>
              Cancel
            </Button>
          }
        >
          <TextField
            name="code"
            label="Code from your app"
            autoComplete="one-time-code"
            inputMode="numeric"
            required
          />
        </Form>
      </div>
    );

  return (
    <div class="stack">
      {turnedOff && <Alert tone="success">Two-step login is off.</Alert>}
      {error && <Alert tone="error">{error.message}</Alert>}
      <p>Protect your account with a code from an authenticator app when you log in.</p>
      <Button
        variant="secondary"
        busy={starting}
        busyLabel="Preparing…"
        onClick={async () => {
          setStarting(true);
          setError(null);
          const r = await enrolTotp();
          setStarting(false);
          if (r.ok) setEnrolment(r.data);
          else setError(r.error);
        }}
      >
        Set up two-step login
      </Button>
    </div>
  );
}

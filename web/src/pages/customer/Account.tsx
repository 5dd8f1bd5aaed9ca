import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  changePassword,
  eraseMe,
  exportMe,
  getMe,
  resendVerification,
  updateMe,
  verifyEmail,
  type Profile,
} from '../../api/auth';
import type { UserError } from '../../api/problem';
import { MfaSettings } from '../../auth/MfaSettings';
import { SessionsList } from '../../auth/SessionsList';
import { useSession } from '../../auth/useSession';
import { Alert, Button, Form, Link, navigate, Page, TextField } from '../../ui';
import { Membership } from './Membership';
import { logInAndReturn } from './paths';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

function ProfileFacts({ profile }: { profile: Profile }) {
  return (
    <dl class="facts">
      <dt>Name</dt>
      <dd>{profile.name}</dd>
      <dt>Email</dt>
      <dd>
        {profile.email}{' '}
        <span class="muted">
          ({profile.email_verified ? 'verified' : 'not verified yet: see the code we emailed you'})
        </span>
      </dd>
      <dt>Phone</dt>
      <dd>{profile.phone ?? <span class="muted">none</span>}</dd>
      <dt>Address</dt>
      <dd>{profile.address ?? <span class="muted">none</span>}</dd>
      <dt>Two-step login</dt>
      <dd>{profile.mfa_enabled ? 'On (authenticator app)' : 'Off'}</dd>
      {profile.created_at !== undefined && (
        <>
          <dt>Member since</dt>
          <dd>{dateFormat.format(new Date(profile.created_at))}</dd>
        </>
      )}
    </dl>
  );
}

function ProfileEditor({ profile, onSaved, onCancel }: {
  profile: Profile;
  onSaved: (p: Profile) => void;
  onCancel: () => void;
}) {
  return (
    <Form
      label="Edit profile"
      submitLabel="Save"
      busyLabel="Saving…"
      actions={
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      }
      onSubmit={async ({ name, phone, address }) => {
        const r = await updateMe({ name: name ?? '', phone: phone || null, address: address || null });
        if (!r.ok) return r.error;
        onSaved(r.data);
      }}
    >
      <TextField name="name" label="Name" autoComplete="name" defaultValue={profile.name} required />
      <TextField name="phone" label="Phone" type="tel" autoComplete="tel" defaultValue={profile.phone ?? ''} />
      <TextField
        name="address"
        label="Address"
        autoComplete="street-address"
        hint="Where your orders are delivered by default."
        defaultValue={profile.address ?? ''}
      />
    </Form>
  );
}

function EmailVerification({ onVerified }: { onVerified: () => void }) {
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [sending, setSending] = useState(false);
  return (
    <div class="stack">
      <p>We emailed you a code when you signed up. Enter it to verify your email address.</p>
      {notice && <Alert tone="success">{notice}</Alert>}
      {error && <Alert tone="error">{error.message}</Alert>}
      <Form
        label="Verify your email"
        submitLabel="Verify email"
        busyLabel="Verifying…"
        actions={
          <Button
            variant="secondary"
            busy={sending}
            busyLabel="Sending…"
            onClick={async () => {
              setSending(true);
              setError(null);
              const r = await resendVerification();
              setSending(false);
              if (r.ok) setNotice('A new code is on its way.');
              else setError(r.error);
            }}
          >
            Send a new code
          </Button>
        }
        onSubmit={async ({ token }) => {
          const r = await verifyEmail(token ?? '');
          if (!r.ok) return r.error;
          onVerified();
        }}
      >
        <TextField name="token" label="Code from the email" autoComplete="one-time-code" required />
      </Form>
    </div>
  );
}

function PasswordChange() {
  const [done, setDone] = useState(false);
  return (
    <details>
      <summary>Change password</summary>
      <div class="stack">
        {done && (
          <Alert tone="success">Your password is changed. You are logged out everywhere else.</Alert>
        )}
        <Form
          label="Change password"
          submitLabel="Change password"
          busyLabel="Changing…"
          onSubmit={async ({ current_password, new_password }) => {
            setDone(false);
            const r = await changePassword(current_password ?? '', new_password ?? '');
            if (!r.ok) return r.error;
            setDone(true);
          }}
        >
          <TextField
            name="current_password"
            label="Current password"
            type="password"
            autoComplete="current-password"
            required
          />
          <TextField
            name="new_password"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="12 to 128 characters; common passwords are refused."
            required
          />
        </Form>
      </div>
    </details>
  );
}

function DataExport() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  return (
    <div class="stack">
      <p>Download everything ReskFlow keeps about you as one JSON file.</p>
      {error && <Alert tone="error">{error.message}</Alert>}
      <Button
        variant="secondary"
        busy={busy}
        busyLabel="Preparing your file…"
        onClick={async () => {
          setBusy(true);
          setError(null);
          const r = await exportMe();
          setBusy(false);
          if (!r.ok) return setError(r.error);
          const blob = new Blob([JSON.stringify(r.data, null, 2)], { type: 'application/json' });
          const a = document.createElement('a');
          a.href = URL.createObjectURL(blob);
          a.download = 'reskflow-my-data.json';
          a.click();
          setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
        }}
      >
        Download my data
      </Button>
    </div>
  );
}

function DeleteAccount() {
  return (
    <details>
      <summary>Delete my account</summary>
      <div class="stack">
        <Alert tone="error" title="This cannot be undone">
          <p>
            Your name, email, phone, address and security settings are erased and you are logged
            out everywhere. Records of past orders and payments are kept without your personal
            data.
          </p>
        </Alert>
        <Form
          label="Delete my account"
          submitLabel="Delete my account permanently"
          busyLabel="Deleting…"
          onSubmit={async ({ password }) => {
            const r = await eraseMe(password ?? '');
            if (!r.ok) {
              if (r.error.status === 401 || r.error.status === 403 || r.error.fields.password)
                return { ...r.error, fields: { password: 'This password is not right.' }, message: 'Check your password and try again.' };
              return r.error;
            }
            navigate('/customer/?deleted=1');
          }}
        >
          <TextField
            name="password"
            label="Your password, to confirm"
            type="password"
            autoComplete="current-password"
            required
          />
        </Form>
      </div>
    </details>
  );
}

export function Account({ nav, onLogOut }: { nav: ComponentChildren; onLogOut: () => Promise<void> }) {
  const state = useSession();
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const [loggingOut, setLoggingOut] = useState(false);
  const [version, setVersion] = useState(0);
  const welcome = new URLSearchParams(location.search).has('welcome');

  useEffect(() => {
    if (state !== 'authenticated') return;
    let live = true;
    void getMe().then((r) => {
      if (!live) return;
      if (r.ok) {
        setProfile(r.data);
        setError(null);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [state, version]);

  if (state === 'anonymous')
    return (
      <Page title="Your account" portal="Customer" nav={nav}>
        <Alert tone="info">
          <p>
            Log in to see your account. <Link href={logInAndReturn()}>Log in</Link> or{' '}
            <Link href="/customer/signup">create an account</Link>.
          </p>
        </Alert>
      </Page>
    );

  return (
    <Page title="Your account" portal="Customer" nav={nav}>
      <div class="stack">
        {welcome && profile && (
          <Alert tone="success">Welcome to ReskFlow, {profile.name}. Your account is ready.</Alert>
        )}
        {error && state === 'authenticated' && <Alert tone="error">{error.message}</Alert>}
        {!profile && !error && <p role="status">Loading your account…</p>}
        {profile && (
          <>
            <section aria-labelledby="profile-title" class="card">
              <h2 id="profile-title">Profile</h2>
              <div class="stack">
              {saved && !editing && <Alert tone="success">Your profile is saved.</Alert>}
              {editing ? (
                <ProfileEditor
                  profile={profile}
                  onCancel={() => setEditing(false)}
                  onSaved={(p) => {
                    setProfile(p);
                    setEditing(false);
                    setSaved(true);
                  }}
                />
              ) : (
                <div class="stack">
                  <ProfileFacts profile={profile} />
                  <Button variant="secondary" onClick={() => (setEditing(true), setSaved(false))}>
                    Edit profile
                  </Button>
                </div>
              )}
              </div>
            </section>
            {!profile.email_verified && (
              <section aria-labelledby="verify-title" class="card">
                <h2 id="verify-title">Verify your email</h2>
                <EmailVerification onVerified={() => setVersion((v) => v + 1)} />
              </section>
            )}
            <section aria-labelledby="membership-title" class="card">
              <h2 id="membership-title">Membership</h2>
              <Membership />
            </section>
            <section aria-labelledby="mfa-title" class="card">
              <h2 id="mfa-title">Password and two-step login</h2>
              <div class="stack">
                <PasswordChange />
                <MfaSettings enabled={profile.mfa_enabled} onChange={() => setVersion((v) => v + 1)} />
              </div>
            </section>
            <section aria-labelledby="sessions-title" class="card">
              <h2 id="sessions-title">Where you are logged in</h2>
              <SessionsList />
            </section>
            <section aria-labelledby="data-title" class="card danger-zone">
              <h2 id="data-title">Your data</h2>
              <div class="stack">
                <DataExport />
                <DeleteAccount />
              </div>
            </section>
          </>
        )}
        <div class="form-actions">
          <Button
            variant="secondary"
            busy={loggingOut}
            busyLabel="Logging out…"
            onClick={async () => {
              setLoggingOut(true);
              await onLogOut();
            }}
          >
            Log out
          </Button>
        </div>
      </div>
    </Page>
  );
}

// The admin's own account: who they are, their password, where they are logged in. Two-step
// login cannot be turned off by administrators, so it is shown, not offered.
import { useState } from 'preact/hooks';
import { SessionsList } from '../../auth/SessionsList';
import { Alert } from '../../ui';
import { PasswordForm } from './PasswordForm';
import { AdminPage, roleLabel, useAdmin } from './shell';

export function Account() {
  const me = useAdmin();
  const [changed, setChanged] = useState(false);
  return (
    <AdminPage title="Your account">
      <div class="stack">
        <section class="card" aria-labelledby="who-title">
          <h2 id="who-title">Profile</h2>
          <dl class="facts">
            <dt>Name</dt>
            <dd>{me.name}</dd>
            <dt>Email</dt>
            <dd>{me.email}</dd>
            <dt>Role</dt>
            <dd>{roleLabel(me.role)}</dd>
            <dt>Two-step login</dt>
            <dd>On (authenticator app). Administrators cannot turn it off.</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="password-title">
          <h2 id="password-title">Password</h2>
          <div class="stack">
            {changed && (
              <Alert tone="success">Your password is changed. You are logged out everywhere else.</Alert>
            )}
            <details>
              <summary>Change password</summary>
              <PasswordForm onDone={() => setChanged(true)} />
            </details>
          </div>
        </section>
        <section class="card" aria-labelledby="sessions-title">
          <h2 id="sessions-title">Where you are logged in</h2>
          <SessionsList />
        </section>
      </div>
    </AdminPage>
  );
}

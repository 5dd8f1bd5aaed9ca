// The admin portal's gate: who may see its pages. Anonymous → the login page (and back to the
// page asked for); another role → "not an administrator"; an admin without two-step login →
// set it up first (identity refuses every admin route to a session without a second factor),
// then replace the one-time password, then the page asked for.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getMe, type Profile } from '../../api/auth';
import type { UserError } from '../../api/problem';
import { MfaSettings } from '../../auth/MfaSettings';
import { useSession } from '../../auth/useSession';
import { Alert, Button, Link, navigate, withQuery } from '../../ui';
import { PasswordForm } from './PasswordForm';
import { AdminContext, AdminPage, logOut, paths } from './shell';

export interface AdminAccount {
  /** The signed-in person (kept while a new login is checked, so pages stay mounted). */
  me: Profile | null;
  error: UserError | null;
  /** The first-login setup (two-step login, then the password) is not finished. */
  setup: boolean;
  finishSetup: () => void;
  reload: () => void;
}

/** Loads /v1/me whenever the session becomes authenticated (login, restore, log in again). */
export function useAdminAccount(): AdminAccount {
  const state = useSession();
  const [me, setMe] = useState<Profile | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [setup, setSetup] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (state === 'anonymous') {
      setMe(null);
      setSetup(false);
      return;
    }
    if (state !== 'authenticated') return;
    let live = true;
    void getMe().then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error);
      setError(null);
      setMe(r.data);
      if (r.data.role === 'admin' && !r.data.mfa_enabled) setSetup(true);
    });
    return () => {
      live = false;
    };
  }, [state, version]);

  return {
    me,
    error,
    setup,
    finishSetup: () => setSetup(false),
    reload: () => setVersion((v) => v + 1),
  };
}

/** Where to go after logging in: a path of this portal, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/admin/') && !next.startsWith('//') ? next : paths.home;
}

function NotAdmin({ me }: { me: Profile }) {
  return (
    <AdminPage title="This account is not an administrator" narrow>
      <div class="stack">
        <p>
          You are logged in as {me.email}, a {me.role} account. The admin portal is for the people
          who run ReskFlow.
        </p>
        <p>Log out, then log in with an administrator account.</p>
        <div class="form-actions">
          <Button onClick={() => void logOut()}>Log out</Button>
          {me.role === 'customer' && (
            <a class="btn btn-secondary" href="/customer/">
              Go to the customer portal
            </a>
          )}
        </div>
      </div>
    </AdminPage>
  );
}

/** First login of an admin: two-step login (required), then their own password (recommended). */
function Setup({ me, onDone }: { me: Profile; onDone: () => void }) {
  const [enrolled, setEnrolled] = useState(false);
  const [step, setStep] = useState<'mfa' | 'password'>('mfa');

  if (step === 'password')
    return (
      <AdminPage title="Choose your own password" narrow>
        <div class="stack">
          <Alert tone="success">Two-step login is on.</Alert>
          <p>
            Step 2 of 2. If you logged in with the one-time password printed by{' '}
            <code>reskflow admin create</code>, replace it now: it has been on a screen.
          </p>
          <PasswordForm
            currentLabel="Current (one-time) password"
            onDone={onDone}
            actions={
              <Button variant="secondary" onClick={onDone}>
                Skip for now
              </Button>
            }
          />
        </div>
      </AdminPage>
    );

  return (
    <AdminPage title="Set up two-step login" narrow>
      <div class="stack">
        <p>
          Step 1 of 2. Administrators must log in with a code from an authenticator app as well as
          their password. Until two-step login is on for {me.email}, the admin pages stay closed.
        </p>
        <MfaSettings enabled={enrolled} onChange={() => setEnrolled(true)} required />
        {enrolled && (
          <div class="stack">
            <p>Recovery codes saved somewhere safe? Then go on to step 2.</p>
            <div class="form-actions">
              <Button onClick={() => setStep('password')}>Continue</Button>
            </div>
          </div>
        )}
      </div>
    </AdminPage>
  );
}

/** Renders `children` (an admin page) only for an administrator with a second factor. */
export function RequireAdmin({
  account,
  children,
}: {
  account: AdminAccount;
  children: ComponentChildren;
}) {
  const state = useSession();

  useEffect(() => {
    if (state !== 'anonymous' || location.pathname === paths.logIn) return;
    navigate(withQuery(paths.logIn, { next: location.pathname + location.search }), {
      replace: true,
    });
  }, [state]);

  if (state === 'anonymous')
    return (
      <AdminPage title="Log in to the admin portal" narrow>
        <p role="status">
          Taking you to the <Link href={paths.logIn}>login page</Link>…
        </p>
      </AdminPage>
    );
  const { me, error } = account;
  if (!me) {
    if (error && state === 'authenticated')
      return (
        <AdminPage title="The admin portal could not open" narrow>
          <div class="stack">
            <Alert tone="error">{error.message}</Alert>
            <Button onClick={account.reload}>Try again</Button>
          </div>
        </AdminPage>
      );
    return (
      <AdminPage title="Admin portal" narrow>
        <p role="status">Checking your session…</p>
      </AdminPage>
    );
  }
  if (me.role !== 'admin') return <NotAdmin me={me} />;
  if (account.setup)
    return (
      <Setup
        me={me}
        onDone={() => {
          account.finishSetup();
          account.reload();
        }}
      />
    );
  return <AdminContext.Provider value={me}>{children}</AdminContext.Provider>;
}

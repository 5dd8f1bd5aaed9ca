// Who may use the driver app: no session → the login page (and back to the page asked for);
// another role → "not a courier account"; a courier → the page, inside CourierProvider. A session
// the tab kept but could not restore for lack of network opens the app as the courier the phone
// remembers (offline.ts), and is restored once the network is back.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getMe, type Profile } from '../../api/auth';
import type { UserError } from '../../api/problem';
import { LogOutButton } from '../../auth/LogOut';
import { useSession } from '../../auth/useSession';
import { Alert, navigate, withQuery } from '../../ui';
import { CourierProvider } from './courier';
import { keepMe, keptMe, useResumable, useResumeWhenOnline } from './offline';
import { DriverPage, paths } from './shell';

export function RequireDriver({ children }: { children: ComponentChildren }) {
  const state = useSession();
  const [me, setMe] = useState<Profile | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const resumable = useResumable();
  useResumeWhenOnline(resumable);

  useEffect(() => {
    if (state === 'anonymous' && !resumable) {
      setMe(null);
      navigate(withQuery(paths.logIn, { next: location.pathname }), { replace: true });
      return;
    }
    if (state !== 'authenticated') return;
    let live = true;
    void getMe().then((r) => {
      if (!live) return;
      if (r.ok) {
        setMe(r.data);
        keepMe(r.data);
      }
      setError(r.ok ? null : r.error);
    });
    return () => {
      live = false;
    };
  }, [state, resumable]);

  const who = me ?? (resumable ? keptMe() : null);
  if (who && who.role === 'driver')
    return (
      <CourierProvider me={who} offline={!me}>
        {children}
      </CourierProvider>
    );
  if (resumable)
    return (
      <DriverPage title="No network">
        <p role="status">
          There is no network and this phone has nothing kept from your work yet. The app logs you
          back in as soon as the network is back.
        </p>
      </DriverPage>
    );
  return (
    <DriverPage title={me ? 'Not a courier account' : 'Driver'}>
      {error ? (
        <Alert tone="error">{error.message}</Alert>
      ) : me ? (
        <>
          <p>
            {me.email} is a {me.role} account. The driver app is for couriers: log out and log in with your
            courier account.
          </p>
          <p>
            <LogOutButton logInPath={paths.logIn} />
          </p>
        </>
      ) : (
        <p role="status">Checking your session…</p>
      )}
    </DriverPage>
  );
}

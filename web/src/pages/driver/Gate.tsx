// Who may use the driver app: no session → the login page (and back to the page asked for);
// another role → "not a courier account"; a courier → the page, inside CourierProvider.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getMe, type Profile } from '../../api/auth';
import type { UserError } from '../../api/problem';
import { LogOutButton } from '../../auth/LogOut';
import { useSession } from '../../auth/useSession';
import { Alert, navigate, withQuery } from '../../ui';
import { CourierProvider } from './courier';
import { DriverPage, paths } from './shell';

export function RequireDriver({ children }: { children: ComponentChildren }) {
  const state = useSession();
  const [me, setMe] = useState<Profile | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  useEffect(() => {
    if (state === 'anonymous') {
      setMe(null);
      navigate(withQuery(paths.logIn, { next: location.pathname }), { replace: true });
      return;
    }
    if (state !== 'authenticated') return;
    let live = true;
    void getMe().then((r) => {
      if (!live) return;
      if (r.ok) setMe(r.data);
      setError(r.ok ? null : r.error);
    });
    return () => {
      live = false;
    };
  }, [state]);

  if (me && me.role === 'driver') return <CourierProvider me={me}>{children}</CourierProvider>;
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

// The driver app's frame: its paths, the navigation and the page wrapper every page renders.
import type { ComponentChildren } from 'preact';
import { LogOutButton } from '../../auth/LogOut';
import { useSession } from '../../auth/useSession';
import { Link, Page } from '../../ui';
import { useResumable } from './offline';

export const paths = {
  home: '/driver/',
  logIn: '/driver/login',
  signUp: '/driver/signup',
  profile: '/driver/profile',
  earnings: '/driver/earnings',
  delivery: (id: string) => `/driver/deliveries/${encodeURIComponent(id)}`,
} as const;

/** `next` after logging in: only a driver app path, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/driver/') && !next.startsWith('//') ? next : paths.home;
}

function Nav() {
  const state = useSession();
  const resumable = useResumable();
  // A session being restored (a token kept from an earlier load) shows the signed-in links from
  // the start: "Log in" first, then four links wrapping to a second line at phone width, moved
  // the whole page down (CLS 0.21 on the work page).
  if (state === 'anonymous' && !resumable)
    return (
      <li>
        <Link href={paths.logIn}>Log in</Link>
      </li>
    );
  return (
    <>
      <li>
        <Link href={paths.home}>Work</Link>
      </li>
      <li>
        <Link href={paths.earnings}>Earnings</Link>
      </li>
      <li>
        <Link href={paths.profile}>Vehicle</Link>
      </li>
      <li>
        <LogOutButton logInPath={paths.logIn} />
      </li>
    </>
  );
}

export function DriverPage({ title, children }: { title: string; children: ComponentChildren }) {
  const resumable = useResumable();
  return (
    <Page title={title} portal="Driver" nav={<Nav />} narrow>
      {resumable && (
        <p role="status" class="outbox-status outbox-waiting">
          No network: you are working from what this phone kept. Steps are saved here and sent, in
          order, once you are back online.
        </p>
      )}
      {children}
    </Page>
  );
}

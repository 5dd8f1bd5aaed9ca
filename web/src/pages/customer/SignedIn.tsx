// The content of a customer page that only a signed-in customer has: a note while the session is
// restored, and for a visitor what the page is for with a log-in that comes back here.
import type { ComponentChildren } from 'preact';
import { useSession } from '../../auth/useSession';
import { Link } from '../../ui';
import { logInAndReturn } from './paths';

export function SignedIn({ visitorText, children }: { visitorText: string; children: ComponentChildren }) {
  const session = useSession();
  if (session === 'restoring') return <p role="status">Checking your session…</p>;
  if (session === 'anonymous')
    return (
      <div class="empty-state">
        <p>{visitorText}</p>
        <p>
          <Link class="btn btn-primary" href={logInAndReturn()}>
            Log in
          </Link>
        </p>
      </div>
    );
  return <>{children}</>;
}

// Logging out, the same in every portal: end the session on the server, then the portal's log-in
// page with ?logged_out=1 (which says "You are logged out"). LogOutButton is the header's link-styled
// button, busy while the request runs.
import { useState } from 'preact/hooks';
import { logout } from '../api/auth';
import { navigate } from '../ui';

export async function logOutTo(logInPath: string) {
  await logout();
  navigate(`${logInPath}?logged_out=1`);
}

export function LogOutButton({ logInPath }: { logInPath: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class="link-button"
      aria-busy={busy ? 'true' : undefined}
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        await logOutTo(logInPath);
      }}
    >
      {busy ? 'Logging out…' : 'Log out'}
    </button>
  );
}

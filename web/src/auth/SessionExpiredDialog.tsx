// When the session ends underneath a page (idle for 30 minutes, revoked elsewhere), this modal
// asks to log in again on top of the page: the page stays mounted, so nothing typed or picked
// (a cart, a half-filled form) is lost.
import { useEffect, useRef } from 'preact/hooks';
import { session } from '../api/session';
import { Button } from '../ui';
import { LoginFlow } from './LoginFlow';
import { useSession } from './useSession';

export function SessionExpiredDialog({ onLoggedOut }: { onLoggedOut: () => void }) {
  const state = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  const open = state === 'expired';

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      class="modal"
      aria-labelledby="session-expired-title"
      onCancel={(e) => e.preventDefault()}
    >
      {open && (
        <div class="stack">
          <h2 id="session-expired-title">Your session ended</h2>
          <p>For your security you were logged out. Log in again to carry on where you were.</p>
          <LoginFlow
            onDone={() => undefined /* session state becomes authenticated: the dialog closes */}
            actions={
              <Button
                variant="secondary"
                onClick={() => {
                  session.clear('anonymous');
                  onLoggedOut();
                }}
              >
                Leave
              </Button>
            }
          />
        </div>
      )}
    </dialog>
  );
}

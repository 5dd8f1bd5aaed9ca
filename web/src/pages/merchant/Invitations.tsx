// Invitations to a store's staff sent to the signed-in account's verified address (identity's
// /v1/me/invitations): each names its store and level, to join or decline.
import { useEffect, useState } from 'preact/hooks';
import {
  acceptInvitation,
  declineInvitation,
  getMerchant,
  myInvitations,
  type Invitation,
} from '../../api/merchant';
import type { UserError } from '../../api/problem';
import { Alert, Button, navigate } from '../../ui';
import { levelLabel, paths, useMerchantAccount } from './shell';

type Offered = Invitation & { store: string };

export function PendingInvitations() {
  const account = useMerchantAccount();
  const [offered, setOffered] = useState<Offered[]>([]);
  const [error, setError] = useState<UserError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function load() {
    const r = await myInvitations();
    if (!r.ok) return setError(r.error);
    const named = await Promise.all(
      r.data.map(async (i) => {
        const m = await getMerchant(i.merchant_id);
        return { ...i, store: m.ok ? m.data.name : 'a store' };
      }),
    );
    setOffered(named);
  }
  useEffect(() => void load(), []);

  async function answer(i: Offered, join: boolean) {
    setBusy(i.id);
    const r = join ? await acceptInvitation(i.id) : await declineInvitation(i.id);
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setError(null);
    if (!join) {
      setNotice(`You declined to join ${i.store}.`);
      return load();
    }
    await account.reload();
    navigate(paths.store(i.merchant_id));
  }

  if (offered.length === 0 && !error && !notice) return null;
  return (
    <section class="card stack" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      {notice && <Alert tone="success">{notice}</Alert>}
      {error && <Alert tone="error">{error.message}</Alert>}
      {offered.map((i) => (
        <div key={i.id} class="stack">
          <p>
            You are invited to join {i.store} as {levelLabel(i.level).toLowerCase()}.
          </p>
          <div class="cell-actions">
            <Button busy={busy === i.id} busyLabel="Joining…" onClick={() => void answer(i, true)}>
              Join {i.store}
            </Button>
            <Button variant="secondary" onClick={() => void answer(i, false)}>
              Decline
            </Button>
          </div>
        </div>
      ))}
    </section>
  );
}

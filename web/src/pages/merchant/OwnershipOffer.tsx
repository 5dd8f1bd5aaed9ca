// A pending ownership transfer of the store (identity's /ownership-transfer): the member it is
// offered to accepts or declines it; the owners see to whom it is offered and may withdraw it.
import { useState } from 'preact/hooks';
import {
  acceptOwnership,
  withdrawOwnershipOffer,
  type Member,
  type OwnershipOffer,
} from '../../api/merchant';
import type { UserError } from '../../api/problem';
import { Alert, Button, formatDate } from '../../ui';

export function OwnershipOfferNotice({
  offer,
  members,
  meId,
  storeName,
  onChanged,
}: {
  offer: OwnershipOffer;
  members: Member[];
  meId: string;
  storeName: string;
  /** After accepting, declining or withdrawing: load the staff and the account's level again. */
  onChanged: (notice: string) => Promise<void>;
}) {
  const [error, setError] = useState<UserError | null>(null);
  const [busy, setBusy] = useState(false);
  const nameOf = (id: string) => members.find((m) => m.user_id === id)?.name || 'a member';
  const mine = offer.to_user_id === meId;

  async function act(call: () => ReturnType<typeof acceptOwnership>, notice: string) {
    setBusy(true);
    const r = await call();
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    await onChanged(notice);
  }

  return (
    <Alert tone="info" title={mine ? 'You are offered the ownership' : 'Ownership offered'}>
      <p>
        {mine
          ? `${nameOf(offer.from_user_id)} offers you the ownership of ${storeName}. As owner you manage everyone here; they stay on as manager.`
          : `${nameOf(offer.to_user_id)} becomes owner when they accept; the owner who offered stays on as manager.`}{' '}
        The offer lapses on {formatDate(offer.expires_at)}.
      </p>
      {error && <p class="field-error">{error.message}</p>}
      <p class="cell-actions">
        {mine && (
          <Button
            disabled={busy}
            onClick={() =>
              void act(() => acceptOwnership(offer.merchant_id), `You are now an owner of ${storeName}.`)
            }
          >
            Accept the ownership
          </Button>
        )}
        <Button
          variant="secondary"
          disabled={busy}
          onClick={() =>
            void act(
              () => withdrawOwnershipOffer(offer.merchant_id),
              mine ? 'You declined the ownership.' : 'The offer is withdrawn.',
            )
          }
        >
          {mine ? 'Decline' : 'Withdraw the offer'}
        </Button>
      </p>
    </Alert>
  );
}

// One offer: where to pick up and deliver, the distance, what it pays, and the seconds left to
// answer, counting down; Accept makes the delivery the courier's, Decline passes it on.
import { useEffect, useState } from 'preact/hooks';
import { acceptOffer, declineOffer, type Delivery, type Offer } from '../../api/deliveries';
import type { UserError } from '../../api/problem';
import { Alert, Button, Price } from '../../ui';

export function formatKm(m: number): string {
  return `${(m / 1000).toLocaleString(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} km`;
}

interface Props {
  offer: Offer;
  onAccepted: (d: Delivery) => void;
  onGone: (offerId: string) => void;
}

export function OfferCard({ offer, onAccepted, onGone }: Props) {
  // The server's countdown, counted from when the offer arrived here (the phone's clock may be off).
  const [deadline] = useState(() => Date.now() + offer.expires_in_s * 1000);
  const [now, setNow] = useState(Date.now());
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const left = Math.max(0, Math.ceil((deadline - now) / 1000));

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left === 0 && !busy) onGone(offer.id);
  }, [left, busy]);

  const answer = async (accept: boolean) => {
    setBusy(accept ? 'accept' : 'decline');
    setError(null);
    const r = accept ? await acceptOffer(offer.id) : await declineOffer(offer.id);
    setBusy(null);
    if (!r.ok) {
      if (r.error.status === 409 || r.error.status === 404) {
        setError({ ...r.error, message: 'This offer is no longer open: it lapsed or went to someone else.' });
        return;
      }
      return setError(r.error);
    }
    if (accept) onAccepted(r.data as Delivery);
    else onGone(offer.id);
  };

  const name = offer.pickup.merchant_name ?? 'the restaurant';
  return (
    <article class="card offer" aria-labelledby={`offer-${offer.id}`}>
      <h3 id={`offer-${offer.id}`}>
        {name}: <Price minor={offer.estimated_earnings.amount_minor} currency={offer.estimated_earnings.currency} />
      </h3>
      <dl class="facts">
        <dt>Pick up</dt>
        <dd>{offer.pickup.address}</dd>
        <dt>Deliver to</dt>
        <dd>{offer.dropoff.address}</dd>
        <dt>Ride</dt>
        <dd>{formatKm(offer.distance_m)}</dd>
        {offer.cold_chain && (
          <>
            <dt>Cold chain</dt>
            <dd>Keep it in your insulated box</dd>
          </>
        )}
      </dl>
      <p class="offer-countdown">
        <strong>{left} s</strong> left to answer
      </p>
      {error && <Alert tone="error">{error.message}</Alert>}
      <div class="offer-actions">
        <Button busy={busy === 'accept'} busyLabel="Accepting…" onClick={() => void answer(true)} disabled={busy !== null}>
          Accept
        </Button>
        <Button
          variant="secondary"
          busy={busy === 'decline'}
          busyLabel="Declining…"
          onClick={() => void answer(false)}
          disabled={busy !== null}
        >
          Decline
        </Button>
      </div>
    </article>
  );
}

// An order waiting for its payment (docs/orders.md, "Paying later"): the card's verification
// step, completed in a dialog, and the shares of a split group order — who has paid, and a card
// field (or the stablecoin) for the signed-in participant's own share; or, for the stablecoin, where and what to pay
// (StablecoinPayment), which stays on the page afterwards. The order goes on by itself once all
// is paid.
import { useMemo, useState } from 'preact/hooks';
import {
  answerChallenge,
  getChallenge,
  getOrder,
  payShare,
  type CheckoutError,
  type Order,
  type PaymentShare,
} from '../../../api/orders';
import { Alert, Badge, Button, ConfirmDialog, formatDateTime, Price, TextField } from '../../../ui';
import { idempotencyKeys } from './checkout';
import { CardField } from './CheckoutFields';
import { stablecoinName, usePaymentMethods, type Stablecoin } from '../../../api/payments';
import { StablecoinPayment } from './StablecoinPayment';

const shareWords: Record<string, string> = {
  pending: 'Not paid yet',
  requires_action: 'Verifying the card',
  authorized: 'Paid',
  failed: 'Card refused',
  cancelled: 'Released',
  captured: 'Charged',
};

function ShareRow({ share, currency, mine }: { share: PaymentShare; currency: string; mine: boolean }) {
  const paid = share.status === 'authorized' || share.status === 'captured';
  return (
    <li>
      <span>
        {share.display_name ?? 'You'}
        {mine && share.display_name ? ' (you)' : ''}{' '}
        <Badge tone={paid ? 'success' : share.status === 'failed' ? 'danger' : 'warning'}>
          {share.status === 'requires_action' && isStablecoin(share)
            ? 'Waiting for the transfer'
            : (shareWords[share.status] ?? share.status)}
        </Badge>
      </span>
      <Price minor={share.amount_minor} currency={currency} />
    </li>
  );
}

/** The verification step of the signed-in payer's card: shows the code and sends it back. */
function ChallengeStep({ share, refresh }: { share: PaymentShare; refresh: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [hint, setHint] = useState('');
  async function start() {
    setHint('');
    if (share.intent_id) {
      const r = await getChallenge(share.intent_id);
      if (r.ok) setHint(r.data.message);
    }
    setOpen(true);
  }
  return (
    <>
      <p>
        Your card's bank asks you to confirm this payment before the order goes to the restaurant.{' '}
        <Button onClick={() => void start()}>Verify the payment</Button>
      </p>
      <ConfirmDialog
        open={open}
        title="Confirm the payment"
        confirmLabel="Confirm"
        busyLabel="Confirming…"
        cancelLabel="Not now"
        onClose={() => setOpen(false)}
        onConfirm={async (values) => {
          const r = await answerChallenge(share.intent_id ?? '', (values.code ?? '').trim());
          if (!r.ok) {
            if (r.error.status === 409)
              r.error.message = 'This verification is over: the card was refused. Pay with another card.';
            return r.error;
          }
          await refresh();
        }}
      >
        <p>{hint || 'Type the code your bank sent you.'}</p>
        <TextField name="code" label="Code" inputMode="numeric" autoComplete="one-time-code" required maxLength={20} />
      </ConfirmDialog>
    </>
  );
}

/**
 * The signed-in participant's card for their share of a split order, or the stablecoin when the
 * deployment takes it in the order's currency (the share becomes a deposit of its own).
 */
function PayMyShare({
  order,
  share,
  coin,
  refresh,
}: {
  order: Order;
  share: PaymentShare;
  coin: Stablecoin | null;
  refresh: () => Promise<void>;
}) {
  const [card, setCard] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CheckoutError | null>(null);
  const keyFor = useMemo(() => idempotencyKeys<{ order: string; card: string; attempt: string }>(), []);
  async function send(method: string) {
    setBusy(true);
    setError(null);
    const r = await payShare(order.id, method, keyFor({ order: order.id, card: method, attempt: share.status }));
    setBusy(false);
    if (!r.ok) {
      if (r.error.status === 0)
        r.error.message = `${r.error.message} Press the button again: it sends the same request, so you are never charged twice.`;
      setError(r.error);
    }
    await refresh();
  }
  async function pay(event: Event) {
    event.preventDefault();
    if (busy) return;
    const number = card.trim();
    if (!number) return setError({ message: 'Enter a card number.', fields: { payment_method: 'is required' }, status: 0 });
    await send(number);
  }
  return (
    <form class="stack" aria-label="Pay my share" onSubmit={pay} noValidate>
      {error && (
        <Alert tone="error" title={error.declined ? 'Payment refused' : undefined}>
          {error.message}
        </Alert>
      )}
      {!error && share.decline_reason && <Alert tone="error">{share.decline_reason} Try another card.</Alert>}
      <CardField value={card} onChange={(v) => (setError(null), setCard(v))} error={error?.fields.payment_method} />
      <Button type="submit" busy={busy} busyLabel="Paying…">
        Pay my share (<Price minor={share.amount_minor} currency={order.currency} />)
      </Button>
      {coin && coin.currency === order.currency && (
        <p>
          Or send it from your wallet:{' '}
          <Button variant="secondary" busy={busy} busyLabel="Preparing…" onClick={() => void send('stablecoin')}>
            Pay my share with {stablecoinName(coin)}
          </Button>
        </p>
      )}
    </form>
  );
}

/** A share paid in the stablecoin: its challenge is an EIP-681 payment request. */
export const isStablecoin = (share: PaymentShare | null): share is PaymentShare & { intent_id: string } =>
  Boolean(share?.intent_id && share.challenge_url?.startsWith('ethereum:'));

export function PaymentPanel({ order, myId, replace }: { order: Order; myId: string | null; replace: (o: Order) => void }) {
  const coin = usePaymentMethods()?.stablecoin ?? null;
  const mine = order.payment.shares.find((s) => s.user_id === myId) ?? null;
  // While it waits, the share's challenge is the EIP-681 request; once paid the order no longer
  // says how it was paid, so a single payer's intent in the stablecoin's currency is asked for its
  // deposit (a card's answers 404 and shows nothing).
  const waiting = order.status === 'awaiting_payment';
  if (isStablecoin(mine) || (!waiting && mine?.intent_id && order.payment.mode === 'single' && coin?.currency === order.currency))
    return <StablecoinPayment intentId={mine.intent_id ?? ''} waiting={waiting} />;
  if (!waiting) return null;
  const refresh = async () => {
    const r = await getOrder(order.id);
    if (r.ok) replace(r.data);
  };
  const split = order.payment.mode === 'split';
  return (
    <section class="card stack" aria-labelledby="payment-title">
      <h2 id="payment-title">{split ? 'Who has paid' : 'Payment'}</h2>
      {order.payment.due_at && (
        <p class="muted">
          To be paid by {formatDateTime(order.payment.due_at)}: after that the order is cancelled and every amount
          held is released.
        </p>
      )}
      {split && (
        <ul class="order-lines">
          {order.payment.shares.map((s) => (
            <ShareRow key={s.user_id} share={s} currency={order.currency} mine={s.user_id === myId} />
          ))}
        </ul>
      )}
      {mine?.status === 'requires_action' &&
        (mine.challenge_url && /^https?:/.test(mine.challenge_url) ? (
          // A processor's own page (Stripe's next_action): the order goes on when it answers.
          <p>
            Your card's bank asks you to confirm this payment.{' '}
            <a class="btn btn-primary" href={mine.challenge_url}>
              Verify with your bank
            </a>
          </p>
        ) : (
          <ChallengeStep share={mine} refresh={refresh} />
        ))}
      {split && mine && (mine.status === 'pending' || mine.status === 'failed') && (
        <PayMyShare order={order} share={mine} coin={coin} refresh={refresh} />
      )}
      {split && mine?.status === 'authorized' && (
        <p role="status">Your share is paid. The order goes to the restaurant once everyone has paid.</p>
      )}
    </section>
  );
}

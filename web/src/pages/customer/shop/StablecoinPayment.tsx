// A stablecoin order's payment on the order page (docs/payments.md, "Stablecoin payments"): while
// it waits, the deposit address (copy), the exact amount in the token, the wallet link and its QR
// code, the time left, and what arrived so far (the deposit re-read every few seconds); after,
// what was paid and what went back to the payer's wallet.
import { useEffect, useState } from 'preact/hooks';
import {
  formatUnits,
  getDeposit,
  stablecoinName,
  usePaymentMethods,
  type Deposit,
} from '../../../api/payments';
import type { UserError } from '../../../api/problem';
import { Alert, CopyButton, formatDateTime, Price, QrCode } from '../../../ui';

/** How often an open deposit is read again: transfers count only after their confirmations. */
const depositPollMs = 5000;

/** The deposit, read again every few seconds while it waits for money and `watching` holds. */
function useDeposit(intentId: string, watching: boolean) {
  const [deposit, setDeposit] = useState<Deposit | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const open = deposit === null || deposit.status === 'open';
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      const r = await getDeposit(intentId);
      if (!live) return;
      if (r.ok) {
        setDeposit(r.data);
        setError(null);
      } else setError(r.error);
      if (watching && (!r.ok || r.data.status === 'open')) timer = setTimeout(() => void read(), depositPollMs);
    };
    void read();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [intentId, watching && open]);
  return { deposit, error };
}

/** Seconds until `iso`, ticking every second (never below 0). */
function useSecondsLeft(iso: string): number {
  const until = Date.parse(iso);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

function Countdown({ expiresAt }: { expiresAt: string }) {
  const left = useSecondsLeft(expiresAt);
  if (left === 0) return <p>The time to pay is over: the order is being cancelled.</p>;
  const minutes = Math.floor(left / 60);
  return (
    <p>
      Time left to pay: <strong class="countdown">{minutes > 0 ? `${minutes} min ${left % 60} s` : `${left} s`}</strong>{' '}
      (until {formatDateTime(expiresAt)}).
    </p>
  );
}

/** Where and what to pay, with what arrived so far: shown while the order waits for the money. */
function PayNow({ deposit, name, confirmations }: { deposit: Deposit; name: string; confirmations: number | null }) {
  const units = (u: string) => `${formatUnits(u, deposit.decimals)} ${name}`;
  const received = BigInt(deposit.received_units) > 0n;
  return (
    <>
      <p>
        Send exactly <strong class="coin-amount">{units(deposit.amount_units)}</strong> (
        <Price minor={deposit.amount.amount_minor} currency={deposit.amount.currency} />) to this address, in one
        transfer from your own wallet:
      </p>
      <p class="coin-address">
        <code id="deposit-address">{deposit.address}</code>{' '}
        <CopyButton text={deposit.address} label="Copy the address" targetId="deposit-address" />
      </p>
      <p>
        <a class="btn btn-primary" href={deposit.payment_uri}>
          Open in your wallet
        </a>
      </p>
      <details>
        <summary>Pay from a phone: QR code</summary>
        <QrCode value={deposit.payment_uri} label={`QR code of the payment request: ${units(deposit.amount_units)}`} />
      </details>
      <Countdown expiresAt={deposit.expires_at} />
      <p role="status">
        {received
          ? `Received so far: ${units(deposit.received_units)}. Still missing: ${units(deposit.missing_units)}: send the rest to the same address.`
          : 'Nothing has arrived yet.'}{' '}
        {confirmations
          ? `A transfer counts once it has ${confirmations} confirmations on the chain, usually a minute or two.`
          : 'A transfer counts once the chain has confirmed it.'}
      </p>
      <p class="muted">
        If the full amount has not arrived when the time is up, the order is cancelled and whatever reached the
        address is sent back to the wallet it came from. Refunds go back to that wallet too, so do not pay from an
        exchange account.
      </p>
    </>
  );
}

const depositWords: Record<Deposit['status'], string> = {
  open: 'Waiting for the transfer.',
  paid: 'Paid: the order went to the restaurant.',
  captured: 'Paid.',
  cancelled: 'Cancelled with the order: what arrived goes back to the wallet it came from.',
  expired:
    'The full amount did not arrive in time, so the order was cancelled: whatever reached the address goes back to the wallet it came from. To still get it, press “Order again” below and pay the new order’s address before its time is up.',
};

const payoutWords: Record<Deposit['payouts'][number]['state'], string> = {
  queued: 'about to be sent',
  sent: 'sent, waiting for confirmations',
  confirmed: 'confirmed',
  failed: 'failed: support is looking into it',
};

/** What was paid and what went back, once the order no longer waits for the money. */
function Paid({ deposit, name }: { deposit: Deposit; name: string }) {
  const units = (u: string) => `${formatUnits(u, deposit.decimals)} ${name}`;
  return (
    <>
      <p>{depositWords[deposit.status]}</p>
      <dl class="facts">
        <dt>Received</dt>
        <dd>{units(deposit.received_units)}</dd>
        {deposit.payer_address && (
          <>
            <dt>From</dt>
            <dd>
              <code>{deposit.payer_address}</code>
            </dd>
          </>
        )}
        <dt>Deposit address</dt>
        <dd>
          <code>{deposit.address}</code>
        </dd>
      </dl>
      {deposit.payouts.length > 0 && (
        <ul>
          {deposit.payouts.map((p) => (
            <li key={`${p.created_at}${p.amount_units}`}>
              {p.kind === 'refund' ? 'Refund' : 'Sent back'}: {units(p.amount_units)} to <code>{p.to_address}</code>,{' '}
              {payoutWords[p.state]}
              {p.tx_hash && (
                <>
                  {' '}
                  (transaction <code>{p.tx_hash}</code>)
                </>
              )}
              .
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * The stablecoin payment of the signed-in customer's order, in its own card; `waiting` while the
 * order awaits payment. Nothing when the payment has no deposit (a card's: 404).
 */
export function StablecoinPayment({ intentId, waiting }: { intentId: string; waiting: boolean }) {
  const coin = usePaymentMethods()?.stablecoin ?? null;
  const { deposit, error } = useDeposit(intentId, waiting);
  const name = coin ? stablecoinName(coin) : 'tokens';
  if (!deposit && error?.status === 404) return null;
  let body;
  if (!deposit) body = error ? <Alert tone="error">{error.message}</Alert> : <p role="status">Loading the payment…</p>;
  else
    body = (
      <>
        {error && <Alert tone="error">{error.message} The figures below may be out of date.</Alert>}
        {waiting && deposit.status === 'open' ? (
          <PayNow deposit={deposit} name={name} confirmations={coin?.confirmations ?? null} />
        ) : (
          <Paid deposit={deposit} name={name} />
        )}
      </>
    );
  return (
    <section class="card stack" aria-labelledby="payment-title">
      <h2 id="payment-title">{waiting ? 'Pay with the stablecoin' : 'Stablecoin payment'}</h2>
      {body}
    </section>
  );
}

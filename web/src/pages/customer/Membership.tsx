// The membership section of the customer's account (docs/subscriptions.md): the plan, its status
// and next billing date, and subscribe / change the card / cancel at the period's end / resume.
// Subscribing and changing the card send an Idempotency-Key (the same for the same request), so
// pressing again after a network failure never charges twice.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { UserError } from '../../api/problem';
import {
  cancelSubscription,
  changeSubscriptionCard,
  mySubscription,
  resumeSubscription,
  subscribe,
  subscriptionPlans,
  type Subscription,
  type SubscriptionPlan,
} from '../../api/subscriptions';
import { Alert, Button, Form, formatDate, formatMoney, TextField } from '../../ui';
import { idempotencyKeys } from './shop/checkout';

function benefits(plan: SubscriptionPlan): string {
  const delivery =
    plan.free_delivery_threshold_minor > 0
      ? `free delivery on orders from ${formatMoney(plan.free_delivery_threshold_minor, plan.currency)}`
      : 'free delivery on every order';
  return `${delivery}, and a service fee of ${plan.service_fee_bp / 100} %`;
}

function statusLine(s: Subscription): string {
  if (s.status === 'past_due')
    return s.next_billing_at
      ? `Your last payment failed. We will try again on ${formatDate(s.next_billing_at)}; your benefits are paused until then, or pay now with another card below.`
      : 'Your last payment failed.';
  if (s.cancel_at_period_end) return `Cancelled: your benefits last until ${formatDate(s.current_period.end)}.`;
  return s.next_billing_at
    ? `Active. Next billing on ${formatDate(s.next_billing_at)}.`
    : 'Active.';
}

/**
 * The card renewals charge. While a month is unpaid the new card pays it at once (and the
 * membership is active again); otherwise it is kept for the next renewal.
 */
function ChangeCard({ subscription: s, onChange }: {
  subscription: Subscription;
  onChange: (s: Subscription) => void;
}) {
  const keyFor = useMemo(() => idempotencyKeys<{ card: string; status: string }>(), []);
  const [done, setDone] = useState<string | null>(null);
  const unpaid = s.status === 'past_due';
  return (
    <section class="stack" aria-label="Card">
      {done && <Alert tone="success">{done}</Alert>}
      <Form
        label={unpaid ? 'Pay with another card' : 'Change the card'}
        submitLabel={
          unpaid ? `Pay ${formatMoney(s.plan.price_minor, s.plan.currency)} with this card` : 'Use this card'
        }
        busyLabel={unpaid ? 'Paying…' : 'Saving…'}
        onSubmit={async ({ payment_method }) => {
          setDone(null);
          const card = (payment_method ?? '').replace(/\s+/g, '');
          const r = await changeSubscriptionCard(card, keyFor({ card, status: s.status }));
          if (!r.ok) return r.error;
          setDone(
            unpaid
              ? 'Paid: your membership is active again.'
              : 'Saved: your next monthly payment uses this card.',
          );
          onChange(r.data);
        }}
      >
        <TextField
          name="payment_method"
          label="New card number"
          autoComplete="cc-number"
          inputMode="numeric"
          maxLength={100}
          hint={
            unpaid
              ? 'Charged now for this month, then each month.'
              : 'Charged from the next monthly payment. Cards that ask for a confirmation step cannot be used.'
          }
          required
        />
      </Form>
    </section>
  );
}

function CurrentMembership({ subscription: s, onChange }: {
  subscription: Subscription;
  onChange: (s: Subscription) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const act = async (action: typeof cancelSubscription) => {
    setBusy(true);
    setError(null);
    const r = await action();
    setBusy(false);
    if (r.ok) onChange(r.data);
    else setError(r.error);
  };
  return (
    <div class="stack">
      <dl class="facts">
        <dt>Plan</dt>
        <dd>
          {s.plan.name}: {formatMoney(s.plan.price_minor, s.plan.currency)} a month
        </dd>
        <dt>Benefits</dt>
        <dd>{benefits(s.plan)}</dd>
        <dt>Status</dt>
        <dd>{statusLine(s)}</dd>
      </dl>
      {error && <Alert tone="error">{error.message}</Alert>}
      <ChangeCard subscription={s} onChange={onChange} />
      {s.cancel_at_period_end ? (
        <Button busy={busy} busyLabel="Resuming…" onClick={() => act(resumeSubscription)}>
          Keep my membership
        </Button>
      ) : (
        <Button variant="secondary" busy={busy} busyLabel="Cancelling…" onClick={() => act(cancelSubscription)}>
          Cancel membership
        </Button>
      )}
    </div>
  );
}

function JoinPlan({ plan, onJoined }: { plan: SubscriptionPlan; onJoined: (s: Subscription) => void }) {
  const keyFor = useMemo(() => idempotencyKeys<{ plan: string; card: string }>(), []);
  return (
    <div class="stack">
      <p>
        <strong>{plan.name}</strong>: {formatMoney(plan.price_minor, plan.currency)} a month, with{' '}
        {benefits(plan)}. Billed today, then every month; cancel any time.
      </p>
      <Form
        label={`Subscribe to ${plan.name}`}
        submitLabel={`Subscribe for ${formatMoney(plan.price_minor, plan.currency)} a month`}
        busyLabel="Subscribing…"
        onSubmit={async ({ payment_method }) => {
          const card = (payment_method ?? '').replace(/\s+/g, '');
          const r = await subscribe(plan.id, card, keyFor({ plan: plan.id, card }));
          if (!r.ok) return r.error;
          onJoined(r.data);
        }}
      >
        <TextField
          name="payment_method"
          label="Card number"
          autoComplete="cc-number"
          inputMode="numeric"
          maxLength={100}
          hint="Charged now and each month. Cards that ask for a confirmation step cannot be used."
          required
        />
      </Form>
    </div>
  );
}

export function Membership() {
  const [plans, setPlans] = useState<SubscriptionPlan[] | null>(null);
  const [subscription, setSubscription] = useState<Subscription | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([subscriptionPlans(), mySubscription()]).then(([p, s]) => {
      if (!live) return;
      if (!p.ok) return setError(p.error);
      if (!s.ok) return setError(s.error);
      setPlans(p.data.data);
      setSubscription(s.data);
    });
    return () => {
      live = false;
    };
  }, []);

  if (error) return <Alert tone="error">{error.message}</Alert>;
  if (!plans) return <p role="status">Loading your membership…</p>;
  const running = subscription && subscription.status !== 'ended';
  if (running) return <CurrentMembership subscription={subscription} onChange={setSubscription} />;
  return (
    <div class="stack">
      {subscription?.ended_at && (
        <p>
          Your {subscription.plan.name} membership ended on {formatDate(subscription.ended_at)}.
        </p>
      )}
      {plans.length === 0 && <p class="muted">No membership is on offer right now.</p>}
      {plans.map((plan) => (
        <JoinPlan key={plan.id} plan={plan} onJoined={setSubscription} />
      ))}
    </div>
  );
}

// One order, live: its state and progress change on screen as the merchant moves it (the
// order.<id> topic), without reloading. An order awaiting its payment shows the card's
// verification, who has paid, or where to send the stablecoin (PaymentPanel). The customer may cancel until the merchant
// accepts; a delivered order links to rating it; any order can be ordered again (reorder.ts). A platform courier's ride shows live too (CourierTracking), with a chat with the courier while
// it lasts (CourierChat); support is a message away (SupportChat); a delivered order's problem is
// reported within 48 hours (ReportProblem).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { liveWords } from '../../api/live';
import { moveOrder, statusTone, statusWords, type Order as OrderDoc } from '../../api/orders';
import { useSession } from '../../auth/useSession';
import { Alert, Badge, Button, ConfirmDialog, formatDateTime, Link, navigate, Page, Price } from '../../ui';
import { cartPath, logInAndReturn, merchantPath, paths } from './paths';
import { CourierTracking } from './shop/CourierTracking';
import { useMe } from './shop/me';
import { OrderTimeline } from './shop/OrderTimeline';
import { isStablecoin, PaymentPanel } from './shop/PaymentPanel';
import { PriceBreakdown } from './shop/PriceBreakdown';
import { reorder, type Reordered } from './shop/reorder';
import { ChangeItems } from './shop/ChangeItems';
import { ReportProblem } from './shop/ReportProblem';
import { SupportChat } from './shop/SupportChat';
import { useLiveOrder } from './shop/useLiveOrder';

/** A reason typed by someone, ended as a sentence. */
const sentenceEnd = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

function headline(order: OrderDoc): string {
  switch (order.status) {
    case 'awaiting_payment':
      if (order.payment.mode === 'split')
        return `Waiting for everyone to pay their share. ${order.merchant_name} gets the order once all is paid.`;
      return order.payment.shares.some(isStablecoin)
        ? `Waiting for your stablecoin transfer. ${order.merchant_name} gets the order once it is confirmed.`
        : `Waiting for your card's verification. ${order.merchant_name} gets the order once it is done.`;
    case 'placed':
      return order.scheduled_for
        ? `Scheduled for ${formatDateTime(order.scheduled_for)}. ${order.merchant_name} will confirm it.`
        : `Waiting for ${order.merchant_name} to accept your order.`;
    case 'accepted':
    case 'preparing':
      return order.prep_time_minutes
        ? `${order.merchant_name} is on it: ready in about ${order.prep_time_minutes} minutes.`
        : `${order.merchant_name} is on it.`;
    case 'ready':
      return 'Your order is ready and waits for the courier.';
    case 'picked_up':
      return 'Your order is on its way.';
    case 'delivered':
      return 'Your order was delivered. Enjoy!';
    case 'rejected':
      return `${order.merchant_name} could not take your order${order.reason ? `: ${sentenceEnd(order.reason)}` : '.'} Nothing was charged.`;
    case 'cancelled': {
      // A single payer's refused payment says why itself (a card's failed check, a stablecoin
      // deposit that ran out of time) better than the order's generic reason.
      const refused = order.payment.mode === 'single' ? order.payment.shares.find((s) => s.status === 'failed') : undefined;
      const reason = refused?.decline_reason || order.reason;
      return `The order was cancelled${reason ? `: ${sentenceEnd(reason)}` : '.'} ${
        order.payment.shares.length > 0
          ? 'Nothing was charged: whatever was held or paid is given back.'
          : 'Nothing was charged: the amount held on your card is released.'
      }`;
    }
    case 'failed':
      return 'The delivery failed. Contact support: nothing more is charged until it is sorted out.';
    case 'refunded':
      return 'The order was refunded.';
  }
}

export function Order({ nav, orderId }: { nav: ComponentChildren; orderId: string }) {
  const session = useSession();
  if (session === 'authenticated' || session === 'expired') return <OrderView nav={nav} orderId={orderId} />;
  return (
    <Page title="Your order" portal="Customer" nav={nav}>
      {session === 'restoring' ? (
        <p role="status">Checking your session…</p>
      ) : (
        <p>
          <Link class="btn btn-primary" href={logInAndReturn()}>
            Log in to see your order
          </Link>
        </p>
      )}
    </Page>
  );
}

function OrderView({ nav, orderId }: { nav: ComponentChildren; orderId: string }) {
  const view = useLiveOrder(orderId);
  const me = useMe();
  const { order } = view;
  if (!order)
    return (
      <Page title="Your order" portal="Customer" nav={nav}>
        {view.error ? (
          <Alert tone="error">
            {view.error.status === 404 ? 'This order does not exist or is not yours.' : view.error.message}
          </Alert>
        ) : (
          <p role="status">Loading your order…</p>
        )}
        <p>
          <Link href={paths.orders}>See your orders</Link>
        </p>
      </Page>
    );
  return (
    <Page title={`Order from ${order.merchant_name}`} portal="Customer" nav={nav}>
      <div class="order-layout">
        <div class="stack">
          <section class="card" aria-labelledby="status-title">
            <h2 id="status-title">
              Status: <Badge tone={statusTone(order.status)}>{statusWords[order.status]}</Badge>
            </h2>
            <p role="status">{headline(order)}</p>
            <OrderTimeline order={order} />
            <p class="muted live-state">{liveWords[view.live]}</p>
            <OrderActions order={order} replace={view.replace} myId={me?.id ?? null} />
          </section>
          <PaymentPanel order={order} myId={me?.id ?? null} replace={view.replace} />
          <CourierTracking order={order} />
          {order.status === 'delivered' && <ReportProblem order={order} />}
          <SupportChat orderId={order.id} />
          <OrderLines order={order} />
        </div>
        <div class="stack">
          <section class="card" aria-labelledby="price-title">
            <h2 id="price-title">Price</h2>
            <PriceBreakdown steps={order.price.steps} totalMinor={order.total_minor} currency={order.currency} />
          </section>
          <section class="card" aria-labelledby="delivery-title">
            <h2 id="delivery-title">Delivery</h2>
            <dl class="facts">
              <dt>Address</dt>
              <dd>{order.delivery.address}</dd>
              {order.delivery.instructions && (
                <>
                  <dt>Instructions</dt>
                  <dd>{order.delivery.instructions}</dd>
                </>
              )}
              <dt>Leave at the door</dt>
              <dd>{order.delivery.leave_at_door ? 'Yes' : 'No'}</dd>
              <dt>Ordered</dt>
              <dd>{formatDateTime(order.created_at)}</dd>
            </dl>
          </section>
        </div>
      </div>
    </Page>
  );
}

function OrderActions({
  order,
  replace,
  myId,
}: {
  order: OrderDoc;
  replace: (o: OrderDoc) => void;
  myId: string | null;
}) {
  const [confirming, setConfirming] = useState(false);
  if (order.status === 'delivered')
    return (
      <p>
        <Link class="btn btn-primary" href={paths.reviews}>
          Rate this order
        </Link>
      </p>
    );
  // Only the host of a group order cancels it; the others see it because they pay a share.
  const cancellable = order.status === 'placed' || (order.status === 'awaiting_payment' && order.customer_id === myId);
  // Items change until the kitchen starts, by the customer who ordered (a group's host).
  const change =
    ['placed', 'accepted'].includes(order.status) && order.customer_id === myId ? <ChangeItems order={order} replace={replace} /> : null;
  if (!cancellable)
    return ['accepted', 'preparing'].includes(order.status) ? (
      <>
        <p class="muted">The merchant has started: to cancel now, ask {order.merchant_name}.</p>
        {change && <p>{change}</p>}
      </>
    ) : null;
  return (
    <>
      <p class="cell-actions">
        {change}
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Cancel order
        </Button>
        <span class="muted">
          {' '}
          {order.status === 'placed' ? `Possible until ${order.merchant_name} accepts it.` : 'Every amount held is released.'}
        </span>
      </p>
      <ConfirmDialog
        open={confirming}
        title="Cancel this order?"
        confirmLabel="Cancel the order"
        busyLabel="Cancelling…"
        cancelLabel="Keep the order"
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          const r = await moveOrder(order.id, 'cancel');
          if (!r.ok) return r.error;
          replace(r.data);
        }}
      >
        <p>Nothing is charged: the amount held on your card is released.</p>
      </ConfirmDialog>
    </>
  );
}

/** "Order again": the lines go to a cart at the merchant; what cannot be added is named. */
function OrderAgain({ order }: { order: OrderDoc }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Reordered | null>(null);
  async function again() {
    setBusy(true);
    const done = await reorder(order);
    setBusy(false);
    if (done.cartId && done.missing.length === 0) return navigate(cartPath(done.cartId));
    setResult(done);
  }
  return (
    <>
      {result && (
        <Alert tone={result.cartId ? 'info' : 'error'} title="Not everything could be ordered again">
          <p>These items were left out:</p>
          <ul>
            {result.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
          {result.cartId ? (
            <p>
              <Link href={cartPath(result.cartId)}>Go to the cart with the rest</Link>
            </p>
          ) : (
            <p>Nothing was added to a cart.</p>
          )}
        </Alert>
      )}
      <p>
        <Button variant="secondary" busy={busy} busyLabel="Adding to a cart…" onClick={() => void again()}>
          Order again
        </Button>
      </p>
    </>
  );
}

function OrderLines({ order }: { order: OrderDoc }) {
  return (
    <section class="card" aria-labelledby="lines-title">
      <h2 id="lines-title">Items</h2>
      <ul class="order-lines">
        {order.lines.map((l, i) => (
          <li key={i}>
            <span>
              {l.quantity} × {l.name}
              {l.options.length > 0 && <span class="muted"> ({l.options.join(', ')})</span>}
              {l.note && <span class="cell-note">Note: {l.note}</span>}
            </span>
            <Price minor={l.total_minor} currency={order.currency} />
          </li>
        ))}
      </ul>
      <p>
        <Link href={merchantPath(order.merchant_id)}>See the menu of {order.merchant_name}</Link>
      </p>
      <OrderAgain order={order} />
    </section>
  );
}

// One order for an admin, live over `order.<id>`: its state and timeline (what it left, who moved
// it, linked to that account's audit trail, when, why), lines and price, its platform delivery
// with manual assignment to a courier on shift, its payment and ledger entries, and the refund of
// a delivered order (or a failed one's hold).
import { useEffect, useRef, useState } from 'preact/hooks';
import { deliveryOfOrder, deliveryWords, type Delivery } from '../../api/deliveries';
import { useLiveTopic } from '../../api/live';
import { orderMoney, refundOrder, type OrderMoney } from '../../api/operations';
import { getOrder, statusTone, statusWords, type Order } from '../../api/orders';
import type { UserError } from '../../api/problem';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  Link,
  Price,
  Table,
  TextField,
  formatDateTime,
  withQuery,
  type Column,
} from '../../ui';
import { AssignCourier } from './AssignCourier';
import { AdminPage, courierName, orderNumber, paths } from './shell';

/** Ledger pages of the merchant searched for the order's entries. */
const LEDGER_PAGES_MAX = 5;

const byWords = {
  customer: 'the customer',
  merchant: 'the merchant',
  courier: 'the courier',
  admin: 'an admin',
  system: 'the system',
} as const;

type Line = Order['lines'][number];
const lineColumns = (currency: string): Column<Line>[] => [
  { header: 'Item', rowHeader: true, cell: (l) => (
    <>
      {l.name}
      {l.options.length > 0 && <span class="cell-note">{l.options.join(', ')}</span>}
      {l.note && <span class="cell-note">Note: {l.note}</span>}
    </>
  ) },
  { header: 'Quantity', class: 'num', cell: (l) => l.quantity },
  { header: 'Total', class: 'num', cell: (l) => <Price minor={l.total_minor} currency={currency} /> },
];

function Timeline({ order }: { order: Order }) {
  return (
    <section class="card stack" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol class="timeline-list">
        {order.timeline.map((t, i) => (
          <li key={i} aria-current={i === order.timeline.length - 1 ? 'step' : undefined}>
            <strong>{statusWords[t.status]}</strong>
            {t.from && ` (from ${statusWords[t.from].toLowerCase()})`} {formatDateTime(t.at)} by{' '}
            {t.by_user_id ? (
              <Link href={withQuery(paths.audit, { actor_id: t.by_user_id })}>
                {byWords[t.by]} (account …{t.by_user_id.slice(-6)})
              </Link>
            ) : (
              byWords[t.by]
            )}
            {t.note && `: ${t.note}`}
          </li>
        ))}
      </ol>
    </section>
  );
}

function Money({ money, error }: { money: OrderMoney | null; error: UserError | null }) {
  const columns: Column<OrderMoney['entries'][number]>[] = [
    { header: 'When', rowHeader: true, cell: (e) => formatDateTime(e.created_at) },
    { header: 'What', cell: (e) => e.description },
    { header: 'Account', cell: (e) => (e.account === 'merchant_payable' ? 'Owed to the merchant' : 'Paid out') },
    { header: 'Amount', class: 'num', cell: (e) => <Price minor={e.amount.amount_minor} currency={e.amount.currency} signed /> },
  ];
  const p = money?.payment;
  return (
    <section class="card stack" aria-labelledby="money-title">
      <h2 id="money-title">Payment and ledger</h2>
      {error && <Alert tone="error">{error.message}</Alert>}
      {!money && !error && <p role="status">Loading the payment…</p>}
      {money && !p && (
        <p>No money has moved yet: the card is held for the total until delivery, then captured.</p>
      )}
      {p && (
        <dl class="facts">
          <dt>Payment</dt>
          <dd>{p.status.replace(/_/g, ' ')}</dd>
          <dt>Captured</dt>
          <dd><Price minor={p.captured.amount_minor} currency={p.captured.currency} /></dd>
          <dt>Refunded</dt>
          <dd><Price minor={p.refunded.amount_minor} currency={p.refunded.currency} /></dd>
        </dl>
      )}
      {money && money.entries.length > 0 && (
        <Table caption="The merchant's ledger entries for this order" columns={columns} rows={money.entries} rowKey={(e) => e.id} />
      )}
      {money?.partial && <p>Only the merchant's newest entries were searched; older ones may exist.</p>}
    </section>
  );
}

function useOrder(orderId: string) {
  const [order, setOrder] = useState<Order | null>(null);
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const [money, setMoney] = useState<OrderMoney | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [moneyError, setMoneyError] = useState<UserError | null>(null);

  async function load() {
    const r = await getOrder(orderId);
    if (!r.ok) return setError(r.error);
    setOrder(r.data);
    const [d, m] = await Promise.all([deliveryOfOrder(orderId), orderMoney(r.data, LEDGER_PAGES_MAX)]);
    setDelivery(d.ok ? d.data : null);
    if (m.ok) setMoney(m.data);
    else setMoneyError(m.error);
  }
  useEffect(() => void load(), [orderId]);
  // Live: a newer version of the order (a step, a refund) reads the page's facts again.
  const version = useRef(0);
  version.current = order?.version ?? 0;
  useLiveTopic(`order.${orderId}`, (data) => {
    if (typeof data?.version === 'number' && data.version > version.current) void load();
  });
  return { order, delivery, setDelivery, money, moneyError, error, reload: load };
}

export function OrderDetail({ orderId }: { orderId: string }) {
  const { order, delivery, setDelivery, money, moneyError, error, reload } = useOrder(orderId);
  const [notice, setNotice] = useState<string | null>(null);
  const title = `Order ${orderNumber(orderId)}`;
  const back = (
    <p>
      <Link href={paths.orders}>Back to the orders</Link>
    </p>
  );
  if (!order)
    return (
      <AdminPage title={title}>
        {error ? <Alert tone="error">{error.message}</Alert> : <p role="status">Loading the order…</p>}
        {error && back}
      </AdminPage>
    );
  return (
    <AdminPage title={title}>
      <div class="stack">
        {back}
        {notice && <Alert tone="success">{notice}</Alert>}
        <OrderFacts order={order} />
        <Timeline order={order} />
        <section class="card stack" aria-labelledby="lines-title">
          <h2 id="lines-title">Items</h2>
          <Table
            caption="Items"
            captionHidden
            columns={lineColumns(order.currency)}
            rows={order.lines}
            rowKey={(l) => String(order.lines.indexOf(l))}
          />
        </section>
        <DeliveryCard order={order} delivery={delivery} onAssigned={setDelivery} />
        <Money money={money} error={moneyError} />
        {(order.status === 'delivered' || order.status === 'failed') && (
          <RefundCard
            order={order}
            onRefunded={(words) => {
              setNotice(words);
              void reload();
            }}
          />
        )}
      </div>
    </AdminPage>
  );
}

function OrderFacts({ order }: { order: Order }) {
  return (
    <dl class="facts">
      <dt>State</dt>
      <dd>
        <Badge tone={statusTone(order.status)}>{statusWords[order.status]}</Badge>
      </dd>
      <dt>Merchant</dt>
      <dd>{order.merchant_name}</dd>
      <dt>Customer</dt>
      <dd>
        <code>{order.customer_id}</code>
      </dd>
      <dt>Total</dt>
      <dd>
        <Price minor={order.total_minor} currency={order.currency} />
      </dd>
      <dt>Deliver to</dt>
      <dd>{order.delivery.address}</dd>
    </dl>
  );
}

/** The refund of a delivered order (what is left to refund) or the release of a failed one's hold. */
function RefundCard({ order, onRefunded }: { order: Order; onRefunded: (words: string) => void }) {
  const [key, setKey] = useState<string | null>(null);
  const failed = order.status === 'failed';

  async function refund(values: Record<string, string>) {
    const reason = (values.reason ?? '').trim();
    if (!reason)
      return { message: 'Say why the order is refunded.', fields: { reason: 'Kept in the order’s timeline.' }, status: 0 };
    const r = await refundOrder(order.id, reason, key!);
    if (!r.ok) return r.error;
    onRefunded(failed ? 'The hold on the card is released.' : 'The order is refunded in full.');
  }

  return (
    <section class="card stack" aria-labelledby="refund-title">
      <h2 id="refund-title">Refund</h2>
      <p>
        {failed
          ? 'The delivery failed: releasing the hold gives the customer back the whole amount.'
          : 'Refunds what is left of the capture, in full; the courier keeps the tip. For part of an ' +
            'order, resolve the customer’s complaint with a refund of that amount.'}
      </p>
      <p>
        <Button variant="danger" onClick={() => setKey(crypto.randomUUID())}>
          {failed ? 'Release the hold' : 'Refund the whole order'}
        </Button>
      </p>
      <ConfirmDialog
        open={key !== null}
        title={`Refund order ${orderNumber(order.id)}?`}
        confirmLabel="Refund"
        busyLabel="Refunding…"
        onClose={() => setKey(null)}
        onConfirm={refund}
      >
        <p>The customer gets the money back on their card. This cannot be undone.</p>
        <TextField
          name="reason"
          label="Reason"
          maxLength={200}
          required
          hint="Up to 200 characters, kept in the order’s timeline."
        />
      </ConfirmDialog>
    </section>
  );
}

function DeliveryCard({
  order,
  delivery,
  onAssigned,
}: {
  order: Order;
  delivery: Delivery | null;
  onAssigned: (d: Delivery) => void;
}) {
  return (
    <section class="card stack" aria-labelledby="delivery-title">
      <h2 id="delivery-title">Delivery</h2>
      {order.delivery.mode === 'merchant' ? (
        <p>The merchant delivers this order with its own staff.</p>
      ) : !delivery ? (
        <p>No delivery yet: one is made when the merchant accepts the order.</p>
      ) : (
        <>
          <dl class="facts">
            <dt>State</dt>
            <dd>{deliveryWords[delivery.status]}</dd>
            <dt>Courier</dt>
            <dd>{delivery.driver_id ? courierName(delivery.driver_id) : 'None yet'}</dd>
          </dl>
          {['pending', 'assigned', 'at_pickup'].includes(delivery.status) && (
            <AssignCourier delivery={delivery} onAssigned={onAssigned} />
          )}
        </>
      )}
    </section>
  );
}

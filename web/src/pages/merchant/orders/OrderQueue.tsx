// The store's live order queue: new orders arrive without reloading (merchant.<id>.orders) with
// a visible alert and a chime that can be muted, then move through the kitchen's columns; the
// orders delivered lately, each with its refund, and today's orders and sales below them.
import { useEffect, useState } from 'preact/hooks';
import { liveWords } from '../../../api/live';
import type { Order } from '../../../api/orders';
import type { UserError } from '../../../api/problem';
import { Alert, Button, formatDateTime, formatMoney, playChime, Price, Toggle, unlockSound } from '../../../ui';
import { StorePage, useStore } from '../shell';
import { OrderCard } from './OrderCard';
import { columns, orderNumber, recentlyDelivered, today } from './queueModel';
import { RefundDialog } from './RefundDialog';
import { QUEUE_ORDERS_MAX, useOrderQueue, type QueueEntry } from './useOrderQueue';

const SOUND_KEY = 'reskflow.merchant.order_sound';

function useSoundSetting(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => localStorage.getItem(SOUND_KEY) !== 'off');
  // Browsers allow sound after the first click or key press on the page.
  useEffect(() => {
    const unlock = () => unlockSound();
    addEventListener('pointerdown', unlock, { once: true });
    addEventListener('keydown', unlock, { once: true });
    return () => {
      removeEventListener('pointerdown', unlock);
      removeEventListener('keydown', unlock);
    };
  }, []);
  const set = (next: boolean) => {
    localStorage.setItem(SOUND_KEY, next ? 'on' : 'off');
    if (next) unlockSound();
    setOn(next);
  };
  return [on, set];
}

export function OrderQueue() {
  const { merchant } = useStore();
  const [sound, setSound] = useSoundSetting();
  const [arrived, setArrived] = useState<Order[]>([]);
  const [error, setError] = useState<UserError | null>(null);
  const queue = useOrderQueue(merchant.id, (order) => {
    setArrived((list) => [...list, order]);
    if (sound) playChime();
  });
  const figures = queue.entries ? today(queue.entries, merchant.time_zone) : null;
  return (
    <StorePage section="orders">
      <div class="stack">
        <div class="queue-bar">
          <p class="muted live-state" role="status">
            {liveWords[queue.live]}
          </p>
          <Toggle label="Sound for new orders" checked={sound} onChange={setSound} stateLabels={['Muted', 'On']} />
        </div>
        {arrived.length > 0 && (
          <div class="alert alert-info queue-alert" role="alert">
            <p class="alert-title">
              {arrived.length === 1 ? 'New order' : `${arrived.length} new orders`}:{' '}
              {arrived.map((o) => `${orderNumber(o.id)} (${formatMoney(o.total_minor, o.currency)})`).join(', ')}
            </p>
            <Button variant="secondary" onClick={() => setArrived([])}>
              Seen
            </Button>
          </div>
        )}
        {(error ?? queue.error) && <Alert tone="error">{(error ?? queue.error)!.message}</Alert>}
        {queue.entries === null ? (
          <p role="status">Loading the orders…</p>
        ) : (
          <Columns entries={queue.entries} onMoved={queue.replace} onError={setError} />
        )}
        {queue.entries && <Delivered entries={queue.entries} />}
        {figures && (
          <section class="card" aria-labelledby="today-title">
            <h2 id="today-title">Today</h2>
            <dl class="facts">
              <dt>Orders placed</dt>
              <dd>{figures.placed}</dd>
              <dt>Delivered</dt>
              <dd>{figures.delivered}</dd>
              <dt>Sales</dt>
              <dd>{formatMoney(figures.salesMinor, merchant.currency)}</dd>
              <dt>Rejected or cancelled</dt>
              <dd>{figures.rejectedOrCancelled}</dd>
            </dl>
            {queue.truncated && (
              <p class="muted">Only the first {QUEUE_ORDERS_MAX} orders of the store are counted.</p>
            )}
          </section>
        )}
      </div>
    </StorePage>
  );
}

function Columns({
  entries,
  onMoved,
  onError,
}: {
  entries: QueueEntry[];
  onMoved: (o: Order) => void;
  onError: (e: UserError | null) => void;
}) {
  const { merchant } = useStore();
  return (
    <div class="queue-columns">
      {columns.map((c) => {
        const mine = entries.filter((e) => c.statuses.includes(e.summary.status));
        return (
          <section key={c.key} class="queue-column" aria-labelledby={`column-${c.key}`}>
            <h2 id={`column-${c.key}`}>
              {c.title} <span class="nav-count">{mine.length}</span>
            </h2>
            {mine.length === 0 ? (
              <p class="muted">{c.empty}</p>
            ) : (
              mine.map((e) => (
                <OrderCard
                  key={e.summary.id}
                  entry={e}
                  timeZone={merchant.time_zone}
                  prepMinutes={merchant.prep_time_minutes}
                  deliveryMode={merchant.delivery_mode}
                  onMoved={onMoved}
                  onError={onError}
                />
              ))
            )}
          </section>
        );
      })}
    </div>
  );
}

/** The store's latest delivered orders, each with a Refund action (docs/orders.md, "Refunds"). */
function Delivered({ entries }: { entries: QueueEntry[] }) {
  const [refunding, setRefunding] = useState<QueueEntry['summary'] | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const delivered = recentlyDelivered(entries);
  return (
    <section class="card" aria-labelledby="delivered-title">
      <h2 id="delivered-title">Delivered lately</h2>
      <p class="muted live-state" role="status">
        {done}
      </p>
      {delivered.length === 0 ? (
        <p class="muted">No delivered orders yet.</p>
      ) : (
        <ul class="delivered-list">
          {delivered.map(({ summary: o }) => (
            <li key={o.id}>
              <span>
                Order {orderNumber(o.id)} <Price minor={o.total_minor} currency={o.currency} />{' '}
                <span class="muted">delivered {formatDateTime(o.updated_at)}</span>
              </span>
              <Button variant="secondary" aria-label={`Refund order ${orderNumber(o.id)}`} onClick={() => setRefunding(o)}>
                Refund
              </Button>
            </li>
          ))}
        </ul>
      )}
      {refunding && (
        <RefundDialog
          open
          orderId={refunding.id}
          number={orderNumber(refunding.id)}
          currency={refunding.currency}
          onClose={() => setRefunding(null)}
          onRefunded={(minor) => {
            setDone(`Refunded ${formatMoney(minor, refunding.currency)} on order ${orderNumber(refunding.id)}.`);
            setRefunding(null);
          }}
        />
      )}
    </section>
  );
}

// One order in the queue: number, age, what to cook, where it goes, the platform courier coming
// for it (CourierComing), and the store's next step (accept with a prep time or reject with a
// reason; then preparing, ready, picked up, delivered).
import { useEffect, useRef, useState } from 'preact/hooks';
import { moveOrder, type Order, type OrderAction } from '../../../api/orders';
import type { UserError } from '../../../api/problem';
import { Button, ConfirmDialog, Price, TextArea, TextField } from '../../../ui';
import { clock } from '../shell';
import { CourierComing } from './CourierComing';
import { courierNote, nextStep, orderNumber } from './queueModel';
import type { QueueEntry } from './useOrderQueue';

/**
 * The order whose card should take focus when it renders next: a step moves the card to another
 * column (a new element), and keyboard users carry on from its next step there.
 */
let focusNext: string | null = null;

export interface CardProps {
  entry: QueueEntry;
  timeZone: string;
  prepMinutes: number;
  /** Who delivers the store's orders: the platform's couriers or the store's own. */
  deliveryMode: 'platform' | 'merchant';
  onMoved: (order: Order) => void;
  onError: (error: UserError | null) => void;
}

export function OrderCard({ entry, timeZone, prepMinutes, deliveryMode, onMoved, onError }: CardProps) {
  const { summary: o, detail } = entry;
  const number = orderNumber(o.id);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<'accept' | 'reject' | null>(null);
  const step = nextStep(o.status, deliveryMode);
  const note = courierNote(o.status, deliveryMode);
  const article = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focusNext !== o.id || !article.current) return;
    focusNext = null;
    (article.current.querySelector<HTMLElement>('.cell-actions button') ?? article.current).focus();
  });
  const accepted = detail?.timeline.find((t) => t.status === 'accepted');
  const readyAt =
    accepted && detail?.prep_time_minutes
      ? new Date(Date.parse(accepted.at) + detail.prep_time_minutes * 60_000)
      : null;

  async function move(action: OrderAction, body?: { prep_time_minutes?: number; reason?: string }) {
    const r = await moveOrder(o.id, action, body);
    if (!r.ok) return r.error;
    onError(null);
    focusNext = o.id;
    onMoved(r.data);
  }

  async function stepOnce(action: OrderAction) {
    setBusy(true);
    const error = await move(action);
    setBusy(false);
    onError(error ?? null);
  }

  return (
    <article ref={article} tabIndex={-1} class="card queue-card" aria-labelledby={`order-${o.id}`}>
      <h3 id={`order-${o.id}`}>
        Order {number} <Price minor={o.total_minor} currency={o.currency} />
      </h3>
      <p class="muted">
        Placed {clock(o.created_at, timeZone)}
        {o.scheduled_for && <> · for {clock(o.scheduled_for, timeZone)}</>}
        {readyAt && o.status !== 'picked_up' && <> · ready by {clock(readyAt.toISOString(), timeZone)}</>}
      </p>
      {detail ? (
        <>
          <ul class="queue-lines">
            {detail.lines.map((l, i) => (
              <li key={i}>
                <strong>{l.quantity} ×</strong> {l.name}
                {l.options.length > 0 && <span class="muted"> ({l.options.join(', ')})</span>}
                {l.note && <span class="cell-note">Note: {l.note}</span>}
              </li>
            ))}
          </ul>
          <p class="cell-note">
            To: {detail.delivery.address}
            {detail.delivery.leave_at_door && ' · leave at the door'}
            {detail.delivery.instructions && ` · ${detail.delivery.instructions}`}
          </p>
        </>
      ) : (
        <p class="muted">Loading the items…</p>
      )}
      {deliveryMode === 'platform' && ['accepted', 'preparing', 'ready'].includes(o.status) && (
        <CourierComing orderId={o.id} orderStatus={o.status} timeZone={timeZone} />
      )}
      <div class="cell-actions">
        {o.status === 'placed' && (
          <>
            <Button aria-label={`Accept order ${number}`} onClick={() => setDialog('accept')}>
              Accept
            </Button>
            <Button variant="secondary" aria-label={`Reject order ${number}`} onClick={() => setDialog('reject')}>
              Reject
            </Button>
          </>
        )}
        {note && <p class="muted">{note}</p>}
        {step && (
          <Button busy={busy} busyLabel="Saving…" aria-label={`${step.label}: order ${number}`} onClick={() => void stepOnce(step.action)}>
            {step.label}
          </Button>
        )}
      </div>
      <ConfirmDialog
        open={dialog === 'accept'}
        title={`Accept order ${number}`}
        confirmLabel="Accept order"
        busyLabel="Accepting…"
        onClose={() => setDialog(null)}
        onConfirm={async ({ prep_time_minutes }) => {
          const minutes = Number(prep_time_minutes);
          if (!Number.isInteger(minutes) || minutes < 1 || minutes > 240)
            return { message: 'Say how long it takes to prepare.', fields: { prep_time_minutes: 'must be from 1 to 240 minutes' }, status: 0 };
          return move('accept', { prep_time_minutes: minutes });
        }}
      >
        <TextField
          name="prep_time_minutes"
          label="Ready in (minutes)"
          hint="The customer sees when to expect it."
          type="number"
          min={1}
          max={240}
          required
          defaultValue={String(prepMinutes)}
        />
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'reject'}
        title={`Reject order ${number}`}
        confirmLabel="Reject order"
        busyLabel="Rejecting…"
        onClose={() => setDialog(null)}
        onConfirm={async ({ reason }) => {
          if (!reason) return { message: 'Say why, for the customer.', fields: { reason: 'is required' }, status: 0 };
          return move('reject', { reason });
        }}
      >
        <p>The customer is told, with your reason, and nothing is charged.</p>
        <TextArea name="reason" label="Reason" hint="E.g. “Out of mozzarella tonight”." maxLength={500} required rows={3} />
      </ConfirmDialog>
    </article>
  );
}

// An order's progress as a list of steps: the steps done with their time, the current one
// marked (aria-current="step"), the ones to come. An order that ended another way (rejected,
// cancelled, failed, refunded) shows what happened, with the reason.
import type { Order, OrderStatus } from '../../../api/orders';
import { statusWords } from '../../../api/orders';

const happyPath: readonly OrderStatus[] = ['placed', 'accepted', 'preparing', 'ready', 'picked_up', 'delivered'];

const time = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

const byWords = {
  customer: 'by you',
  merchant: 'by the merchant',
  courier: 'by the courier',
  admin: 'by ReskFlow',
  system: 'automatically',
} as const;

export function OrderTimeline({ order }: { order: Order }) {
  const reached = new Map(order.timeline.map((t) => [t.status, t]));
  const onPath = happyPath.includes(order.status);
  const steps = onPath ? happyPath : order.timeline.map((t) => t.status);
  const currentIndex = steps.indexOf(order.status);
  return (
    <ol class="timeline" aria-label="Progress">
      {steps.map((s, i) => {
        const entry = reached.get(s);
        const state = i < currentIndex ? 'done' : i === currentIndex ? 'current' : 'upcoming';
        // The last step of a delivered order is done, not waited for; one that ended it another
        // way is marked as such.
        const look =
          state !== 'current' ? state : s === 'delivered' ? 'done timeline-current' : onPath ? state : 'ended timeline-current';
        return (
          <li key={s} class={`timeline-step timeline-${look}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span class="timeline-label">{statusWords[s]}</span>
            {entry ? (
              <span class="muted">
                {' '}
                at {time(entry.at)}
                {!onPath && ` ${byWords[entry.by]}`}
                {entry.note && `: ${entry.note}`}
              </span>
            ) : (
              <span class="visually-hidden"> (not yet)</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

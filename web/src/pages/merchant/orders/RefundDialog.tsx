// The store's refund of a delivered order: the refunds already made, what the store may still
// refund under its policy (docs/orders.md, "Refunds"), and a form for an amount and a reason.
// One Idempotency-Key per refund typed, so pressing "Refund" again after a network failure
// finishes the same refund instead of making a second one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { orderRefunds, refundOrder, type OrderRefunds } from '../../../api/orders';
import type { UserError } from '../../../api/problem';
import { Alert, Button, Dialog, Form, Price, TextArea, TextField, formatDate, formatDateTime, parseMoney } from '../../../ui';

export interface RefundDialogProps {
  open: boolean;
  orderId: string;
  /** "#3F9A2C" */
  number: string;
  currency: string;
  onClose: () => void;
  /** The refund was made: its amount in minor units. */
  onRefunded: (amountMinor: number) => void;
}

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function RefundDialog({ open, orderId, number, currency, onClose, onRefunded }: RefundDialogProps) {
  const [state, setState] = useState<OrderRefunds | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  // The key of the refund being typed: kept while the same amount and reason are retried.
  const attempt = useRef<{ key: string; body: string } | null>(null);

  useEffect(() => {
    if (!open) return;
    setState(null);
    setError(null);
    attempt.current = null;
    void orderRefunds(orderId).then((r) => (r.ok ? setState(r.data) : setError(r.error)));
  }, [open, orderId]);

  const left = state?.merchant_refundable_minor ?? null;

  async function submit(values: Record<string, string>): Promise<UserError | void> {
    const amount = parseMoney(values.amount ?? '', currency);
    if (amount === null || amount <= 0)
      return { message: 'Type the amount to give back.', fields: { amount: 'must be an amount, like 4.50' }, status: 0 };
    const reason = (values.reason ?? '').trim();
    if (!reason) return { message: 'Say why, for the customer.', fields: { reason: 'is required' }, status: 0 };
    const body = { amount_minor: amount, currency, reason };
    const text = JSON.stringify(body);
    if (attempt.current?.body !== text) attempt.current = { key: newKey(), body: text };
    const r = await refundOrder(orderId, body, attempt.current.key);
    if (!r.ok) {
      const { amount_minor: amountField, ...others } = r.error.fields ?? {};
      return { ...r.error, fields: amountField ? { ...others, amount: amountField } : others };
    }
    onRefunded(amount);
  }

  return (
    <Dialog open={open} title={`Refund order ${number}`} onClose={onClose}>
      {error && <Alert tone="error">{error.message}</Alert>}
      {!state && !error && <p role="status">Loading the refunds…</p>}
      {state && (
        <div class="stack">
          <p>
            Paid <Price minor={state.paid_minor} currency={state.currency} />
            {state.refunded_minor > 0 && (
              <>
                , refunded <Price minor={state.refunded_minor} currency={state.currency} />
              </>
            )}
            .
          </p>
          {state.refunds.length > 0 && (
            <ul class="refund-list" aria-label="Refunds made">
              {state.refunds.map((r) => (
                <li key={r.id}>
                  <Price minor={r.amount_minor} currency={r.currency} /> on {formatDateTime(r.created_at)}{' '}
                  by {r.by === 'merchant' ? 'the store' : 'ReskFlow support'}: {r.reason}
                  {r.status === 'pending' && <span class="muted"> (being processed)</span>}
                </li>
              ))}
            </ul>
          )}
          {left === null || left <= 0 ? (
            <>
              <p>
                {left === null
                  ? 'The store can no longer refund this order. Ask ReskFlow support if the customer needs more.'
                  : 'The store has refunded all it can for this order. Ask ReskFlow support if the customer needs more.'}
              </p>
              <Button variant="secondary" onClick={onClose}>
                Close
              </Button>
            </>
          ) : (
            <Form
              label={`Refund order ${number}`}
              submitLabel="Refund"
              busyLabel="Refunding…"
              onSubmit={submit}
              actions={
                <Button variant="secondary" onClick={onClose}>
                  Cancel
                </Button>
              }
            >
              <p class="muted">
                The store can refund up to <Price minor={left} currency={state.currency} />
                {state.merchant_refund_until && <> until {formatDate(state.merchant_refund_until)}</>}. It comes out of
                the store's balance.
              </p>
              <TextField name="amount" label={`Amount (${currency})`} inputMode="decimal" required />
              <TextArea name="reason" label="Reason" hint="The customer reads it. E.g. “The soda was missing”." maxLength={150} required rows={2} />
            </Form>
          )}
        </div>
      )}
    </Dialog>
  );
}

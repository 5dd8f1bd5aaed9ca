// "Report a problem" on a delivered order's page (docs/deliveries.md, "Problem reports"): the
// order's reports with their outcome, and, within 48 hours of delivery, a form: what went wrong,
// which items (for missing or wrong ones), and a note. Support decides; a refund comes back to
// the card.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Order } from '../../../api/orders';
import type { UserError } from '../../../api/problem';
import { orderReports, reportProblem, type ProblemReport } from '../../../api/reports';
import { Alert, Badge, Button, CheckboxGroup, Form, RadioGroup, TextArea, formatDateTime, formatMoney } from '../../../ui';

/** How long after delivery a problem may be reported (the server's default window). */
const REPORT_WINDOW_MS = 48 * 3600 * 1000;

const kinds = [
  { value: 'missing_items', label: 'Items are missing' },
  { value: 'wrong_items', label: 'Items are wrong' },
  { value: 'damaged', label: 'Something arrived damaged or spilt' },
  { value: 'late', label: 'It came late' },
] as const;
const kindWords = Object.fromEntries(kinds.map((k) => [k.value, k.label])) as Record<string, string>;

function outcome(r: ProblemReport): string {
  if (!r.resolution) return 'Support is looking at it.';
  if (r.resolution.decision === 'no_refund') return `No refund: ${r.resolution.reason}`;
  const refund = formatMoney(r.resolution.refund.amount_minor, r.resolution.refund.currency);
  return r.status === 'refunding' ? `${refund} is being refunded to your card.` : `${refund} was refunded to your card.`;
}

function ReportForm({ order, onReported }: { order: Order; onReported: (r: ProblemReport) => void }) {
  const [kind, setKind] = useState('');
  const [lines, setLines] = useState<string[]>([]);
  const [linesError, setLinesError] = useState<string | undefined>(undefined);
  // One key per report, so a retry after a lost answer files it once.
  const key = useRef(crypto.randomUUID());
  const itemsNeeded = kind === 'missing_items' || kind === 'wrong_items';
  const submit = async (values: Record<string, string>): Promise<UserError | void> => {
    setLinesError(undefined);
    if (itemsNeeded && lines.length === 0) {
      setLinesError('Choose at least one item.');
      return { status: 0, message: 'Say which items this is about.', fields: {} };
    }
    const chosen = order.lines.filter((_, i) => lines.includes(String(i)));
    const r = await reportProblem(
      order.id,
      {
        kind: kind as (typeof kinds)[number]['value'],
        ...(itemsNeeded ? { lines: chosen.map((l) => ({ item_id: l.item_id, quantity: l.quantity })) } : {}),
        ...(values.comment ? { comment: values.comment } : {}),
      },
      key.current,
    );
    if (!r.ok) {
      setLinesError(r.error.fields['lines']);
      return r.error;
    }
    key.current = crypto.randomUUID();
    onReported(r.data);
  };
  return (
    <Form label="Report a problem" submitLabel="Send the report" busyLabel="Sending…" onSubmit={submit}>
      <RadioGroup name="kind" legend="What went wrong?" options={kinds} required onChange={setKind} />
      {itemsNeeded && (
        <CheckboxGroup
          name="lines"
          legend="Which items?"
          options={order.lines.map((l, i) => ({ value: String(i), label: `${l.quantity} × ${l.name}` }))}
          values={lines}
          onChange={setLines}
          error={linesError}
        />
      )}
      <TextArea name="comment" label="Anything else we should know?" maxLength={2000} />
    </Form>
  );
}

export function ReportProblem({ order }: { order: Order }) {
  const [reports, setReports] = useState<ProblemReport[]>([]);
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  useEffect(() => void orderReports(order.id).then((r) => r.ok && setReports(r.data.data)), [order.id]);

  const deliveredAt = order.timeline.find((t) => t.status === 'delivered')?.at;
  const inWindow = deliveredAt !== undefined && Date.now() - Date.parse(deliveredAt) < REPORT_WINDOW_MS;
  return (
    <section class="card stack" aria-labelledby="report-title">
      <h2 id="report-title">A problem with this order?</h2>
      {reports.length > 0 && (
        <ul class="plain-list stack" aria-label="Your reports">
          {reports.map((r) => (
            <li key={r.id}>
              <strong>{kindWords[r.kind]}</strong>{' '}
              <Badge tone={r.status === 'resolved' ? 'success' : 'warning'}>{r.status === 'open' ? 'Waiting' : r.status === 'refunding' ? 'Refunding' : 'Settled'}</Badge>
              <span class="cell-note">
                Reported {formatDateTime(r.created_at)}. {outcome(r)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {sent && <Alert tone="success">We have your report. Support decides soon; you will be notified, and a refund goes back to your card.</Alert>}
      {!inWindow ? (
        <p class="muted">Problems can be reported up to 48 hours after delivery. For anything else, contact support.</p>
      ) : open ? (
        <ReportForm
          order={order}
          onReported={(r) => {
            setReports((list) => [...list, r]);
            setOpen(false);
            setSent(true);
          }}
        />
      ) : (
        <p>
          <Button variant="secondary" onClick={() => setOpen(true)}>
            Report a problem
          </Button>{' '}
          <span class="muted">Missing, wrong or damaged items, or a late delivery: up to 48 hours after delivery.</span>
        </p>
      )}
    </section>
  );
}

// The customers' problem reports, oldest first: open ones wait for a decision, resolved ones show
// it. Resolving either refunds an amount (suggested from the reported lines' prices, at most what
// is left to refund on the order) or refunds nothing with a reason the customer reads.
import { useEffect, useState } from 'preact/hooks';
import { reportKindWords, reportQueue, resolveReport, type ProblemReport } from '../../api/operations';
import { getOrder, type Order } from '../../api/orders';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  Link,
  PagedTable,
  Price,
  RadioGroup,
  Select,
  TextField,
  formatDateTime,
  moneyInputValue,
  parseMoney,
  usePagedList,
  type Column,
} from '../../ui';
import { AdminPage, orderNumber, paths } from './shell';

const PAGE_SIZE = 25;
type Queue = 'open' | 'resolved';

/** The reported lines in words, with their names when the order is known. */
function linesWords(report: ProblemReport, order: Order | null): string {
  const names = new Map(order?.lines.map((l) => [l.item_id, l.name]) ?? []);
  return report.lines.map((l) => `${l.quantity} × ${names.get(l.item_id) ?? l.item_id}`).join(', ');
}

/** What the reported lines cost on the order: the refund an admin most often decides. */
function suggestedRefund(report: ProblemReport, order: Order): number {
  const price = new Map(order.lines.map((l) => [l.item_id, l.unit_price_minor]));
  const sum = report.lines.reduce((s, l) => s + (price.get(l.item_id) ?? 0) * l.quantity, 0);
  return sum > 0 ? sum : order.total_minor;
}

/** "2 items named" for a report naming lines. */
function itemsNamed(report: ProblemReport): string {
  const count = report.lines.reduce((s, l) => s + l.quantity, 0);
  return `${count} item${count === 1 ? '' : 's'} named`;
}

function Resolution({ report }: { report: ProblemReport }) {
  const r = report.resolution;
  if (!r) return <Badge tone="warning">Open</Badge>;
  if (r.decision === 'no_refund') return <>No refund: {r.reason}</>;
  return (
    <>
      Refund of <Price minor={r.refund.amount_minor} currency={r.refund.currency} />
      {report.status === 'refunding' && <span class="cell-note">Being paid back</span>}
    </>
  );
}

const reportColumns: Column<ProblemReport>[] = [
  {
    header: 'Order',
    rowHeader: true,
    cell: (r) => <Link href={`${paths.orders}/${r.order_id}`}>Order {orderNumber(r.order_id)}</Link>,
  },
  { header: 'Problem', cell: (r) => reportKindWords[r.kind] },
  {
    header: 'What the customer said',
    cell: (r) => (
      <>
        {r.comment || <span class="muted">No comment</span>}
        {r.lines.length > 0 && <span class="cell-note">{itemsNamed(r)}</span>}
      </>
    ),
  },
  { header: 'Reported', cell: (r) => formatDateTime(r.created_at) },
  { header: 'Decision', cell: (r) => <Resolution report={r} /> },
];

export function Complaints() {
  const list = usePagedList<ProblemReport, Queue>(
    (queue, cursor, limit) => reportQueue(queue, cursor, limit),
    (r) => r.id,
    PAGE_SIZE,
    'open',
  );
  const [deciding, setDeciding] = useState<{ report: ProblemReport; key: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => void list.load('open'), []);

  const columns: Column<ProblemReport>[] = [
    ...reportColumns,
    {
      header: 'Actions',
      headerHidden: true,
      cell: (r) =>
        r.status === 'open' && (
          <Button
            aria-label={`Resolve the report on order ${orderNumber(r.order_id)}`}
            onClick={() => setDeciding({ report: r, key: crypto.randomUUID() })}
          >
            Resolve
          </Button>
        ),
    },
  ];

  return (
    <AdminPage title="Complaints">
      <div class="stack">
        <section class="filters" aria-label="Which reports">
          <Select
            name="queue"
            label="Show"
            options={[{ value: 'open', label: 'Waiting for a decision' }, { value: 'resolved', label: 'Resolved' }]}
            value={list.filters}
            onChange={(e) => { setNotice(null); void list.load((e.currentTarget as HTMLSelectElement).value as Queue); }}
          />
        </section>
        {notice && <Alert tone="success">{notice}</Alert>}
        <PagedTable
          list={list}
          loadingText="Loading reports…"
          caption={
            list.filters === 'open' ? 'Reports waiting for a decision, oldest first' : 'Resolved reports, oldest first'
          }
          columns={columns}
          rowKey={(r) => r.id}
          empty={
            list.filters === 'open'
              ? 'No report is waiting. Customers report problems from their order page within 48 hours of delivery.'
              : 'No report has been resolved yet.'
          }
          noun={['report', 'reports']}
        />
      </div>
      {deciding && (
        <ResolveDialog
          report={deciding.report}
          idempotencyKey={deciding.key}
          onClose={() => setDeciding(null)}
          onResolved={(r, words) => {
            list.update((row) => (row.id === r.id ? r : row));
            setNotice(words);
          }}
        />
      )}
    </AdminPage>
  );
}

function ResolveDialog({ report, idempotencyKey, onClose, onResolved }: {
  report: ProblemReport;
  idempotencyKey: string;
  onClose: () => void;
  onResolved: (r: ProblemReport, words: string) => void;
}) {
  const [order, setOrder] = useState<Order | null>(null);
  const [decision, setDecision] = useState('refund');
  useEffect(() => void getOrder(report.order_id).then((r) => r.ok && setOrder(r.data)), [report.order_id]);
  const currency = order?.currency ?? 'EUR';

  async function confirm(values: Record<string, string>) {
    const reason = (values.reason ?? '').trim();
    if (decision === 'no_refund' && !reason)
      return { message: 'Say why there is no refund.', fields: { reason: 'The customer reads this reason.' }, status: 0 };
    const amount = decision === 'refund' ? parseMoney(values.amount_minor ?? '', currency) : null;
    if (decision === 'refund' && (amount === null || amount < 1))
      return { message: 'Type the amount to refund.', fields: { amount_minor: 'An amount such as 4.50.' }, status: 0 };
    const body =
      decision === 'refund'
        ? { decision: 'refund' as const, amount_minor: amount!, ...(reason ? { reason } : {}) }
        : { decision: 'no_refund' as const, reason };
    const r = await resolveReport(report.id, body, idempotencyKey);
    if (!r.ok) return r.error;
    const order = orderNumber(report.order_id);
    onResolved(
      r.data,
      decision === 'refund'
        ? `Refund of ${moneyInputValue(amount!, currency)} ${currency} decided for order ${order}.`
        : `Report on order ${order} closed without a refund.`,
    );
    onClose();
  }

  return (
    <ConfirmDialog
      open
      title={`Resolve the report on order ${orderNumber(report.order_id)}`}
      confirmLabel="Resolve"
      busyLabel="Resolving…"
      onClose={onClose}
      onConfirm={confirm}
    >
      <p>
        {reportKindWords[report.kind]}
        {report.lines.length > 0 && `: ${linesWords(report, order)}`}. {report.comment}
      </p>
      <RadioGroup
        name="decision"
        legend="Decision"
        defaultValue="refund"
        onChange={setDecision}
        options={[{ value: 'refund', label: 'Refund an amount' }, { value: 'no_refund', label: 'No refund' }]}
      />
      {decision === 'refund' && (
        <TextField
          key={order ? 'priced' : 'loading'}
          name="amount_minor"
          label={`Amount (${currency})`}
          inputMode="decimal"
          defaultValue={order ? moneyInputValue(suggestedRefund(report, order), currency) : ''}
          hint="What the reported items cost, to start with; at most what is left to refund on the order."
        />
      )}
      <TextField
        name="reason"
        label={decision === 'refund' ? 'Note (optional)' : 'Reason'}
        maxLength={500}
        hint="The customer reads it with the decision."
      />
    </ConfirmDialog>
  );
}

// The ID verification queue: documents waiting for a decision, oldest first. "Review" opens the
// document's details (the number is decrypted for admins, the image fetched uncached and each
// view audited) and the decision: approve, or reject with a reason the person can act on.
import { useEffect, useState } from 'preact/hooks';
import {
  decideIdVerification,
  getIdVerification,
  idQueue,
  idVerificationImage,
  type IdStatus,
  type IdVerification,
} from '../../api/admin';
import type { UserError } from '../../api/problem';
import {
  Alert,
  Badge,
  Button,
  Dialog,
  Form,
  Link,
  RadioGroup,
  Select,
  Table,
  TextField,
  formatDateTime,
  readQuery,
  replaceQuery,
  withQuery,
  type Column,
} from '../../ui';
import { AdminPage, paths } from './shell';

const QUEUE_LIMIT = 100;

const documentTypes: Record<string, string> = {
  passport: 'Passport',
  id_card: 'ID card',
  driving_licence: 'Driving licence',
};
const documentLabel = (t: string) => documentTypes[t] ?? t;

const statusOptions = [
  { value: 'submitted', label: 'Waiting for a decision' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
];

/** Whole years between a YYYY-MM-DD birth date and today. */
function age(dateOfBirth: string | undefined): number | undefined {
  const m = dateOfBirth?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return undefined;
  const now = new Date();
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let years = now.getFullYear() - y;
  if (now.getMonth() + 1 < mo || (now.getMonth() + 1 === mo && now.getDate() < d)) years--;
  return years;
}

function BirthDate({ value }: { value: string | undefined }) {
  const years = age(value);
  if (!value) return <span class="muted">Not given</span>;
  return (
    <>
      {value}{' '}
      {years !== undefined && (
        <span class="muted">
          ({years} years{years < 18 ? ', under 18' : ''})
        </span>
      )}
    </>
  );
}

function StatusBadge({ status }: { status: IdStatus }) {
  if (status === 'approved') return <Badge tone="success">Approved</Badge>;
  if (status === 'rejected') return <Badge tone="danger">Rejected</Badge>;
  return <Badge tone="warning">Waiting</Badge>;
}

/** The document's image, fetched when the review opens (admins only; never cached). */
function DocumentImage({ id, label }: { id: string; label: string }) {
  const [src, setSrc] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState<UserError | null>(null);
  useEffect(() => {
    let live = true;
    void idVerificationImage(id).then((r) => {
      if (!live) return;
      if (r.ok) setSrc(r.data);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [id]);
  if (error) return <Alert tone="error">{error.message}</Alert>;
  if (src === undefined) return <span class="muted">Loading the image…</span>;
  if (src === null) return <span class="muted">No image</span>;
  return <img class="id-document-image" src={src} alt={`The ${label} as photographed`} width={480} />;
}

/** The review dialog's content: the document's details, then the decision form. */
function Review({
  entry,
  onDecided,
  onCancel,
}: {
  entry: IdVerification;
  onDecided: (decision: 'approved' | 'rejected') => void;
  onCancel: () => void;
}) {
  const [details, setDetails] = useState<IdVerification | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  useEffect(() => {
    let live = true;
    void getIdVerification(entry.id).then((r) => {
      if (!live) return;
      if (r.ok) setDetails(r.data);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [entry.id]);

  const doc = { ...entry, ...(details ?? {}) };
  return (
    <div class="stack">
      {error && <Alert tone="error">{error.message}</Alert>}
      {!details && !error && <p role="status">Loading the document…</p>}
      <dl class="facts">
        <dt>Document</dt>
        <dd>{documentLabel(doc.document_type)}</dd>
        <dt>Number</dt>
        <dd>
          {doc.document_number ? (
            <code>{doc.document_number}</code>
          ) : (
            <span class="muted">{details ? 'Not given' : 'Loading…'}</span>
          )}
        </dd>
        <dt>Date of birth</dt>
        <dd>
          <BirthDate value={doc.date_of_birth} />
        </dd>
        <dt>Image</dt>
        <dd>
          {doc.image_ref ? (
            <DocumentImage id={entry.id} label={documentLabel(doc.document_type)} />
          ) : (
            <span class="muted">No image</span>
          )}
        </dd>
        <dt>Submitted</dt>
        <dd>{doc.submitted_at ? formatDateTime(doc.submitted_at) : ''}</dd>
        <dt>Account</dt>
        <dd>
          <code>{doc.user_id}</code>{' '}
          <Link href={withQuery(paths.audit, { actor_id: doc.user_id })}>Their audit trail</Link>
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={doc.status} />
          {doc.reason && <span> {doc.reason}</span>}
        </dd>
      </dl>
      {doc.image_ref && (
        <p class="muted">Compare the number and the date of birth with the image.</p>
      )}
      {doc.status === 'submitted' ? (
        <Form
          label="Decision"
          submitLabel="Record decision"
          busyLabel="Recording…"
          actions={
            <Button variant="secondary" onClick={onCancel}>
              Cancel
            </Button>
          }
          onSubmit={async ({ decision, reason }) => {
            if (decision !== 'approved' && decision !== 'rejected')
              return {
                message: 'Choose approve or reject.',
                fields: { decision: 'Choose approve or reject.' },
                status: 0,
              };
            if (decision === 'rejected' && !reason)
              return {
                message: 'Say why the document is rejected.',
                fields: { reason: 'Say why, so that the person knows what to send instead.' },
                status: 0,
              };
            const r = await decideIdVerification(entry.id, decision, reason || undefined);
            if (!r.ok) return r.error;
            onDecided(decision);
          }}
        >
          <RadioGroup
            name="decision"
            legend="Decision"
            required
            options={[
              {
                value: 'approved',
                label: 'Approve',
                hint: 'The account counts as age-checked when the date of birth shows 18 or more.',
              },
              {
                value: 'rejected',
                label: 'Reject',
                hint: 'The person can submit another document.',
              },
            ]}
          />
          <TextField
            name="reason"
            label="Reason"
            hint="Required to reject; the person sees it. Up to 500 characters."
            maxLength={500}
          />
        </Form>
      ) : (
        <Button variant="secondary" onClick={onCancel}>
          Close
        </Button>
      )}
    </div>
  );
}

export function IdVerifications() {
  const initialStatus = (readQuery().status ?? 'submitted') as IdStatus;
  const [status, setStatus] = useState<IdStatus>(initialStatus);
  const [items, setItems] = useState<IdVerification[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [loading, setLoading] = useState(false);
  const [reviewing, setReviewing] = useState<IdVerification | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function load(next: IdStatus) {
    setLoading(true);
    setError(null);
    const r = await idQueue(next, QUEUE_LIMIT);
    setLoading(false);
    if (!r.ok) return setError(r.error);
    setStatus(next);
    setItems(r.data);
  }
  useEffect(() => void load(initialStatus), []);

  const describe = (v: IdVerification) =>
    `${documentLabel(v.document_type)} submitted ${v.submitted_at ? formatDateTime(v.submitted_at) : ''}`;

  const columns: Column<IdVerification>[] = [
    {
      header: 'Submitted',
      rowHeader: true,
      cell: (v) => (v.submitted_at ? formatDateTime(v.submitted_at) : ''),
    },
    { header: 'Document', cell: (v) => documentLabel(v.document_type) },
    { header: 'Date of birth', cell: (v) => <BirthDate value={v.date_of_birth} /> },
    { header: 'Account', cell: (v) => <code>{v.user_id}</code> },
    {
      header: 'Actions',
      cell: (v) => (
        <div class="cell-actions">
          <Button
            variant={status === 'submitted' ? 'primary' : 'secondary'}
            aria-label={`${status === 'submitted' ? 'Review' : 'Details of'} the ${describe(v)}`}
            onClick={() => setReviewing(v)}
          >
            {status === 'submitted' ? 'Review' : 'Details'}
          </Button>
        </div>
      ),
    },
  ];

  return (
    <AdminPage title="ID verification">
      <div class="stack">
        <p>
          Customers and drivers submit an identity document to buy age-restricted items or to
          drive. Check each one against its image and decide.
        </p>
        <section class="filters" aria-label="Which documents">
          <Form
            label="Which documents"
            submitLabel="Show"
            busyLabel="Loading…"
            onSubmit={async ({ status: s }) => {
              setNotice(null);
              replaceQuery({ status: s === 'submitted' ? undefined : s });
              await load((s || 'submitted') as IdStatus);
            }}
          >
            <Select
              name="status"
              label="Show"
              options={statusOptions}
              defaultValue={initialStatus}
              required
            />
          </Form>
        </section>
        {notice && <Alert tone="success">{notice}</Alert>}
        {error && (
          <Alert tone="error">
            <p>{error.message}</p>
            <p>
              <Button variant="secondary" onClick={() => void load(status)}>
                Try again
              </Button>
            </p>
          </Alert>
        )}
        {items === null ? (
          loading && <p role="status">Loading the queue…</p>
        ) : (
          <div class="stack" aria-busy={loading ? 'true' : undefined}>
            <Table
              caption={
                status === 'submitted'
                  ? 'Documents waiting for a decision, oldest first'
                  : `${statusOptions.find((o) => o.value === status)?.label} documents, oldest first`
              }
              columns={columns}
              rows={items}
              rowKey={(v) => v.id}
              empty={
                status === 'submitted'
                  ? 'No documents are waiting. New submissions appear here, oldest first.'
                  : `No ${status} documents yet.`
              }
            />
            {items.length >= QUEUE_LIMIT && (
              <p class="muted">
                Showing the oldest {QUEUE_LIMIT}. Decide these and the next ones appear.
              </p>
            )}
          </div>
        )}
      </div>

      <Dialog
        open={reviewing !== null}
        title={reviewing ? `Review: ${documentLabel(reviewing.document_type)}` : 'Review'}
        onClose={() => setReviewing(null)}
      >
        {reviewing && (
          <Review
            entry={reviewing}
            onCancel={() => setReviewing(null)}
            onDecided={(decision) => {
              const done = reviewing;
              setReviewing(null);
              setItems((rows) => rows?.filter((r) => r.id !== done.id) ?? rows);
              setNotice(
                `${documentLabel(done.document_type)} ${decision === 'approved' ? 'approved' : 'rejected'}. ${
                  decision === 'approved'
                    ? 'The account is age-checked if the date of birth shows 18 or more.'
                    : 'The person can submit another document.'
                }`,
              );
            }}
          />
        )}
      </Dialog>
    </AdminPage>
  );
}

// Running promotions, for a merchant's managers (its own codes and offers, which it funds) and
// for admins (the platform's, which the platform funds): the list with each one's redemptions
// and budget spent, pause / resume / end, and a form to create one (docs/promotions.md).
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  changePromotion,
  createPromotion,
  listPromotions,
  type Promotion,
  type PromotionAction,
  type PromotionCreate,
  type PromotionOwner,
} from '../api/promotions';
import type { UserError } from '../api/problem';
import { Alert, Badge, Button, Form, formatDateTime, formatMoney, localInputToIso, parseMoney, Select, Table, TextField, type Column } from '../ui';

const kindOptions = [
  { value: 'percentage', label: 'Percentage off the items' },
  { value: 'fixed_amount', label: 'Fixed amount off' },
  { value: 'free_delivery', label: 'Free delivery' },
];

/** "10 % off (at most €5.00)", "€3.00 off", "Free delivery". */
export function promotionWhat(p: Promotion): string {
  if (p.kind === 'percentage')
    return `${p.percent} % off${p.amount_minor > 0 ? ` (at most ${formatMoney(p.amount_minor, p.currency)})` : ''}`;
  if (p.kind === 'fixed_amount') return `${formatMoney(p.amount_minor, p.currency)} off`;
  return 'Free delivery';
}

const statusTone = { active: 'success', paused: 'warning', ended: 'neutral' } as const;

function spentText(p: Promotion): string {
  const spent = formatMoney(p.spent_minor, p.currency);
  return p.budget_minor === null ? spent : `${spent} of ${formatMoney(p.budget_minor, p.currency)}`;
}

/** The create form's values as the API's body, or the field errors found before sending. */
function draftOf(values: Record<string, string>, currency: string): { body: PromotionCreate } | { fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const money = (key: string) => {
    if (!values[key]) return undefined;
    const minor = parseMoney(values[key]!, currency);
    if (minor === null) fields[key] = 'must be an amount such as 5.00';
    return minor ?? undefined;
  };
  const count = (key: string) => {
    if (!values[key]) return undefined;
    const n = Number(values[key]);
    if (!Number.isInteger(n) || n < 1) fields[key] = 'must be a whole number, 1 or more';
    return n;
  };
  const kind = values.kind as PromotionCreate['kind'];
  const endsAt = values.ends_at ? localInputToIso(values.ends_at) : undefined;
  if (values.ends_at && !endsAt) fields.ends_at = 'must be a day and a time';
  const body: PromotionCreate = {
    name: values.name ?? '',
    kind,
    currency,
    ...(values.code ? { code: values.code } : {}),
    ...(kind === 'percentage' ? { percent: count('percent') } : {}),
    ...(kind !== 'free_delivery' ? { amount_minor: money('amount_minor') } : {}),
    ...(values.minimum_basket_minor ? { minimum_basket_minor: money('minimum_basket_minor') } : {}),
    ...(endsAt ? { ends_at: endsAt } : {}),
    ...(values.per_user_limit ? { per_user_limit: count('per_user_limit') } : {}),
    ...(values.budget_minor ? { budget_minor: money('budget_minor') } : {}),
    ...(values.redemptions_max ? { redemptions_max: count('redemptions_max') } : {}),
  };
  return Object.keys(fields).length > 0 ? { fields } : { body };
}

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

/** "EUR · Euro" */
const currencyName = (code: string) => {
  try {
    return `${code} · ${new Intl.DisplayNames(['en'], { type: 'currency' }).of(code) ?? code}`;
  } catch {
    return code;
  }
};

/**
 * @param currencies the currencies a promotion may be in, the usual one first: one (a store's)
 *   is simply used; several are offered in a "Currency" choice
 */
export function PromotionsManager({ owner, currencies, funder }: { owner: PromotionOwner; currencies: readonly string[]; funder: string }) {
  const [currency, setCurrency] = useState(currencies[0] ?? 'EUR');
  const [promotions, setPromotions] = useState<Promotion[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [created, setCreated] = useState<Promotion | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [kind, setKind] = useState('percentage');
  // One key per form filled in: a retry after a network failure creates nothing twice.
  const key = useRef(newKey());

  async function load() {
    const r = await listPromotions(owner);
    if (!r.ok) return setError(r.error);
    setError(null);
    setPromotions(r.data.data);
  }
  useEffect(() => void load(), []);

  async function act(p: Promotion, action: PromotionAction) {
    setBusy(p.id);
    const r = await changePromotion(owner, p.id, action);
    setBusy(null);
    if (!r.ok) return setError(r.error);
    setPromotions((list) => list?.map((x) => (x.id === p.id ? r.data : x)) ?? null);
  }

  const columns: readonly Column<Promotion>[] = [
    { header: 'Promotion', cell: (p) => (p.code ? `${p.name} (code ${p.code})` : `${p.name} (automatic)`), rowHeader: true },
    { header: 'Discount', cell: promotionWhat },
    { header: 'Status', cell: (p) => <Badge tone={statusTone[p.status]}>{p.status}</Badge> },
    { header: 'Ends', cell: (p) => (p.ends_at ? formatDateTime(p.ends_at) : 'When ended') },
    { header: 'Orders', cell: (p) => String(p.redemptions), class: 'num' },
    { header: 'Spent', cell: spentText, class: 'num' },
    {
      header: 'Actions',
      headerHidden: true,
      cell: (p) =>
        p.status === 'ended' ? null : (
          <span class="cell-actions">
            <Button variant="secondary" busy={busy === p.id} busyLabel="Saving…" onClick={() => void act(p, p.status === 'active' ? 'pause' : 'resume')}>
              {p.status === 'active' ? `Pause ${p.name}` : `Resume ${p.name}`}
            </Button>
            <Button variant="secondary" onClick={() => void act(p, 'end')}>
              End {p.name}
            </Button>
          </span>
        ),
    },
  ];

  return (
    <div class="stack">
      {error && <Alert tone="error">{error.message}</Alert>}
      {created && <Alert tone="success">{created.name} is running.</Alert>}
      {promotions === null && !error && <p role="status">Loading the promotions…</p>}
      {promotions && (
        <Table caption="Promotions, newest first" columns={columns} rows={promotions} rowKey={(p) => p.id} empty="No promotions yet. Create one below." />
      )}
      <section class="card" aria-labelledby="new-promotion-title">
        <h2 id="new-promotion-title">New promotion</h2>
        <p class="muted">{funder} Without a code it applies by itself to every order that meets its conditions.</p>
        <Form
          label="New promotion"
          submitLabel="Create promotion"
          busyLabel="Creating the promotion…"
          onSubmit={async (values) => {
            const draft = draftOf({ ...values, kind }, currency);
            if ('fields' in draft)
              return { message: 'Some fields need a change: see the messages beside them.', fields: draft.fields, status: 0 };
            const r = await createPromotion(owner, draft.body, key.current);
            if (!r.ok) return r.error;
            key.current = newKey();
            setCreated(r.data);
            await load();
          }}
        >
          <TextField name="name" label="Name" hint="Customers see it beside the discount." required maxLength={100} />
          <TextField name="code" label="Code (optional)" hint="Letters, digits, - or _; leave empty for an automatic offer." maxLength={32} />
          {currencies.length > 1 && (
            <Select
              name="currency"
              label="Currency"
              hint="The amounts below are in it; the promotion applies to orders in it only."
              options={currencies.map((c) => ({ value: c, label: currencyName(c) }))}
              defaultValue={currency}
              onChange={(e) => setCurrency((e.currentTarget as HTMLSelectElement).value)}
            />
          )}
          <Select name="kind" label="Kind" options={kindOptions} defaultValue={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)} />
          {kind === 'percentage' && <TextField name="percent" label="Percent off" inputMode="numeric" required />}
          {kind !== 'free_delivery' && (
            <TextField
              name="amount_minor"
              label={kind === 'percentage' ? `At most (${currency}, optional)` : `Amount off (${currency})`}
              inputMode="decimal"
              required={kind === 'fixed_amount'}
            />
          )}
          <TextField name="minimum_basket_minor" label={`Minimum basket (${currency}, optional)`} inputMode="decimal" />
          <TextField name="ends_at" label="Ends at (optional)" type="datetime-local" />
          <TextField name="per_user_limit" label="Uses per customer (optional)" inputMode="numeric" />
          <TextField name="budget_minor" label={`Budget (${currency}, optional)`} hint="The most all its discounts together may take." inputMode="decimal" />
          <TextField name="redemptions_max" label="Orders at most (optional)" inputMode="numeric" />
        </Form>
      </section>
    </div>
  );
}

// Every customer's membership (docs/subscriptions.md, "Admins' list"): newest first, filtered by
// status and plan, paged with "Load more". Filters live in the address bar
// (/admin/subscriptions?status=past_due), so a link can point at the members whose payment failed.
import { useEffect, useState } from 'preact/hooks';
import type { UserError } from '../../api/problem';
import {
  allSubscriptionPlans,
  querySubscriptions,
  type AdminSubscription,
  type SubscriptionFilters,
  type SubscriptionPlan,
  type SubscriptionStatus,
} from '../../api/subscriptions';
import {
  Badge,
  Button,
  FilterForm,
  PagedTable,
  Select,
  formatDate,
  formatMoney,
  useFilteredList,
  type Column,
} from '../../ui';
import { AdminPage } from './shell';

const PAGE_SIZE = 50;
const cursorOf = (s: AdminSubscription) => s.id;

const statusLabels: Record<SubscriptionStatus, string> = {
  incomplete: 'Being paid',
  active: 'Active',
  past_due: 'Payment failed',
  ended: 'Ended',
};
const statusOptions = (Object.keys(statusLabels) as SubscriptionStatus[]).map((s) => ({
  value: s,
  label: statusLabels[s],
}));

function filtersFromQuery(q: Record<string, string>): SubscriptionFilters {
  const status = q.status as SubscriptionStatus | undefined;
  return {
    status: status && status in statusLabels ? status : undefined,
    plan_id: q.plan_id || undefined,
  };
}

const toQuery = (f: SubscriptionFilters) => ({ ...f });

function StatusBadge({ s }: { s: AdminSubscription }) {
  const tone =
    s.status === 'active' ? 'success' : s.status === 'past_due' ? 'danger' : 'neutral';
  return (
    <>
      <Badge tone={tone}>{statusLabels[s.status]}</Badge>
      {s.cancel_at_period_end && s.status !== 'ended' && (
        <span class="cell-note">Ends on {formatDate(s.current_period.end)}</span>
      )}
      {s.status === 'past_due' && (
        <span class="cell-note">
          {s.renewal_failures} failed {s.renewal_failures === 1 ? 'attempt' : 'attempts'}
        </span>
      )}
    </>
  );
}

const columns: Column<AdminSubscription>[] = [
  { header: 'Started', rowHeader: true, cell: (s) => formatDate(s.started_at) },
  { header: 'Customer', cell: (s) => <code>{s.customer_id}</code> },
  {
    header: 'Plan',
    cell: (s) => (
      <>
        {s.plan.name}
        <span class="cell-note">{formatMoney(s.plan.price_minor, s.plan.currency)} a month</span>
      </>
    ),
  },
  { header: 'Status', cell: (s) => <StatusBadge s={s} /> },
  {
    header: 'Next billing',
    cell: (s) => (s.next_billing_at ? formatDate(s.next_billing_at) : 'None'),
  },
  {
    header: 'Ended',
    cell: (s) =>
      s.ended_at && (
        <>
          {formatDate(s.ended_at)}
          {s.ended_reason && <span class="cell-note">{s.ended_reason}</span>}
        </>
      ),
  },
];

export function Subscriptions() {
  const { list, defaults, formKey, filtered, apply, clear } = useFilteredList(
    querySubscriptions,
    cursorOf,
    PAGE_SIZE,
    filtersFromQuery,
    toQuery,
  );
  const [plans, setPlans] = useState<SubscriptionPlan[]>([]);
  const [plansError, setPlansError] = useState<UserError | null>(null);
  useEffect(() => {
    void allSubscriptionPlans().then((r) => (r.ok ? setPlans(r.data.data) : setPlansError(r.error)));
  }, []);

  async function search(values: Record<string, string>): Promise<UserError | void> {
    await apply({
      status: (values.status || undefined) as SubscriptionStatus | undefined,
      plan_id: values.plan_id || undefined,
    });
  }

  return (
    <AdminPage title="Subscriptions">
      <div class="stack">
        <p>
          Every customer's membership, newest first. A failed payment is tried again after one
          day, then three days; a third failure ends the membership.
        </p>
        <FilterForm
          key={formKey}
          label="Filter the subscriptions"
          verb="Filter"
          onSubmit={search}
          onClear={clear}
        >
          <Select
            name="status"
            label="Status"
            emptyOption="Any status"
            options={statusOptions}
            defaultValue={defaults.status}
          />
          <Select
            name="plan_id"
            label="Plan"
            emptyOption="Any plan"
            options={plans.map((p) => ({ value: p.id, label: p.name }))}
            defaultValue={defaults.plan_id}
            hint={plansError ? `The plans could not be loaded: ${plansError.message}` : undefined}
          />
        </FilterForm>
        <PagedTable
          list={list}
          loadingText="Loading the subscriptions…"
          caption={
            filtered
              ? 'Subscriptions matching the filters, newest first'
              : 'Subscriptions, newest first'
          }
          columns={columns}
          rowKey={cursorOf}
          empty={
            filtered ? (
              <>
                <p>No subscription matches these filters.</p>
                <p>
                  <Button variant="secondary" onClick={clear}>
                    Clear the filters
                  </Button>
                </p>
              </>
            ) : (
              'Nobody has subscribed yet.'
            )
          }
          noun={['subscription', 'subscriptions']}
        />
      </div>
    </AdminPage>
  );
}

// Merchants: search by name and status, paged; suspend with a reason (hidden from customers,
// search and carts) and reinstate, each behind a confirmation. Catalog routes (docs/commerce.md).
import { useState } from 'preact/hooks';
import {
  merchantStatuses,
  reinstateMerchant,
  searchMerchants,
  suspendMerchant,
  type AdminMerchant,
  type MerchantFilters,
} from '../../api/admin';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  FilterForm,
  PagedTable,
  Select,
  TextField,
  formatDate,
  formatDateTime,
  useFilteredList,
  type Column,
} from '../../ui';
import { AdminPage, roleLabel } from './shell';

const PAGE_SIZE = 20;
const noCursor = () => '';
const statusOptions = merchantStatuses.map((s) => ({ value: s, label: roleLabel(s) }));

const filtersFrom = ({ q, status }: Record<string, string>): MerchantFilters => ({ q, status });
const toQuery = (filters: MerchantFilters) => ({ ...filters });

const cuisineLabel = (c: string) => roleLabel(c.replace(/_/g, ' '));

function Status({ m }: { m: AdminMerchant }) {
  const pausedUntil = m.paused_until ? Date.parse(m.paused_until) : NaN;
  return (
    <>
      {m.status === 'suspended' ? (
        <Badge tone="danger">Suspended</Badge>
      ) : (
        <Badge tone="success">Active</Badge>
      )}
      {m.status === 'active' && pausedUntil > Date.now() && (
        <span class="cell-note">Paused until {formatDateTime(m.paused_until!)}</span>
      )}
    </>
  );
}

type Action = { kind: 'suspend' | 'reinstate'; merchant: AdminMerchant };

export function Merchants() {
  const { list, defaults, formKey, filtered, apply, clear } = useFilteredList(
    searchMerchants,
    noCursor,
    PAGE_SIZE,
    filtersFrom,
    toQuery,
  );
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const columns: Column<AdminMerchant>[] = [
    {
      header: 'Name',
      rowHeader: true,
      cell: (m) => (
        <>
          {m.name}
          {m.kitchen_id && <span class="cell-note">Virtual brand</span>}
        </>
      ),
    },
    {
      header: 'Address',
      cell: (m) => `${m.address.line1}, ${m.address.postal_code} ${m.address.city}, ${m.address.country}`,
    },
    { header: 'Cuisines', cell: (m) => m.cuisines.map(cuisineLabel).join(', ') },
    { header: 'Status', cell: (m) => <Status m={m} /> },
    { header: 'Created', cell: (m) => formatDate(m.created_at) },
    {
      header: 'Actions',
      cell: (m) => (
        <div class="cell-actions">
          {m.status === 'active' ? (
            <Button
              variant="danger"
              aria-label={`Suspend ${m.name}`}
              onClick={() => setAction({ kind: 'suspend', merchant: m })}
            >
              Suspend
            </Button>
          ) : (
            <Button
              variant="secondary"
              aria-label={`Reinstate ${m.name}`}
              onClick={() => setAction({ kind: 'reinstate', merchant: m })}
            >
              Reinstate
            </Button>
          )}
        </div>
      ),
    },
  ];

  async function search(values: Record<string, string>) {
    setNotice(null);
    await apply(filtersFrom(values));
  }

  function clearFilters() {
    setNotice(null);
    clear();
  }

  /** Runs the action and puts the merchant as the server answered it into the list. */
  async function act(
    run: () => ReturnType<typeof reinstateMerchant>,
    done: (m: AdminMerchant) => string,
  ) {
    const r = await run();
    if (!r.ok) return r.error;
    list.update((m) => (m.id === r.data.id ? r.data : m));
    setNotice(done(r.data));
  }

  /** A suspension needs a reason: one line, kept in the audit log. */
  async function suspend(values: Record<string, string>) {
    const reason = (values.reason ?? '').trim();
    if (!reason)
      return {
        message: 'Say why the merchant is suspended.',
        fields: { reason: 'Say why, so that other administrators know what to check.' },
        status: 0,
      };
    const id = action!.merchant.id;
    return act(
      () => suspendMerchant(id, reason),
      (m) => `${m.name} is suspended: customers no longer see it.`,
    );
  }

  const target = action?.merchant;

  return (
    <AdminPage title="Merchants">
      <div class="stack">
        <FilterForm
          key={formKey}
          label="Find merchants"
          verb="Search"
          onSubmit={search}
          onClear={clearFilters}
        >
          <TextField name="q" label="Name contains" maxLength={120} defaultValue={defaults.q} />
          <Select
            name="status"
            label="Status"
            emptyOption="Any status"
            options={statusOptions}
            defaultValue={defaults.status}
          />
        </FilterForm>

        {notice && <Alert tone="success">{notice}</Alert>}
        <PagedTable
          list={list}
          loadingText="Loading merchants…"
          caption={filtered ? 'Merchants matching the filters, oldest first' : 'All merchants, oldest first'}
          columns={columns}
          rowKey={(m) => m.id}
          empty={
            filtered ? (
              <>
                <p>No merchants match these filters.</p>
                <p>
                  Names match any part, without regard to case or accents.{' '}
                  <Button variant="secondary" onClick={clearFilters}>
                    Clear the filters
                  </Button>
                </p>
              </>
            ) : (
              'No merchants yet. They appear here when merchant accounts create their stores.'
            )
          }
          noun={['merchant', 'merchants']}
        />
      </div>

      <ConfirmDialog
        open={action?.kind === 'suspend'}
        title={`Suspend ${target?.name ?? ''}?`}
        confirmLabel="Suspend"
        busyLabel="Suspending…"
        onClose={() => setAction(null)}
        onConfirm={suspend}
      >
        <p>
          Customers no longer find it in search, on its page or in their carts, until an
          administrator reinstates it. Its staff and its menu stay as they are.
        </p>
        <TextField
          name="reason"
          label="Reason"
          hint="One line, up to 500 characters; kept in the audit log, not shown to the merchant."
          maxLength={500}
          required
        />
      </ConfirmDialog>

      <ConfirmDialog
        open={action?.kind === 'reinstate'}
        title={`Reinstate ${target?.name ?? ''}?`}
        confirmLabel="Reinstate"
        busyLabel="Reinstating…"
        onClose={() => setAction(null)}
        onConfirm={() =>
          act(
            () => reinstateMerchant(target!.id),
            (m) => `${m.name} is active again: customers can order from it.`,
          )
        }
      >
        <p>Customers find it and can order from it again, within its opening hours.</p>
      </ConfirmDialog>
    </AdminPage>
  );
}

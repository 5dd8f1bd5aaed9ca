// Every order, newest first: filters by state, merchant and the day range it was placed in (in
// the address bar, so a search can be shared), each row opening the order's page.
import { useEffect, useState } from 'preact/hooks';
import { searchMerchants, type AdminMerchant } from '../../api/admin';
import { searchOrders, type OrderFilters } from '../../api/operations';
import { statusTone, statusWords, type OrderStatus, type OrderSummary } from '../../api/orders';
import {
  Badge,
  Button,
  FilterForm,
  Link,
  PagedTable,
  Price,
  Select,
  TextField,
  formatDateTime,
  useFilteredList,
  type Column,
} from '../../ui';
import { AdminPage, orderNumber, paths } from './shell';

const PAGE_SIZE = 25;
/** API pages read for one page of a day range before the page stops and offers "Load more". */
const PAGES_PER_RANGE_MAX = 10;
const MERCHANT_CHOICES_MAX = 100;

export interface OrderSearch extends OrderFilters {
  /** YYYY-MM-DD, the first day (local) of the range. */
  from?: string;
  /** YYYY-MM-DD, the last day (local) of the range. */
  to?: string;
}

const dayStart = (day: string) => new Date(`${day}T00:00:00`).getTime();
const dayAfter = (day: string) => dayStart(day) + 86_400_000;

/**
 * One page of the search: the API filters by state and merchant, this keeps the orders placed in
 * the day range, reading further API pages (newest first) until the page is full, an order older
 * than the range shows up, or PAGES_PER_RANGE_MAX pages were read.
 */
async function searchPage(search: OrderSearch, cursor: string | undefined, limit: number) {
  const from = search.from ? dayStart(search.from) : -Infinity;
  const until = search.to ? dayAfter(search.to) : Infinity;
  const rows: OrderSummary[] = [];
  let next: string | null | undefined = cursor;
  for (let read = 0; read < PAGES_PER_RANGE_MAX && rows.length < limit; read++) {
    const r = await searchOrders(search, next ?? undefined, limit);
    if (!r.ok) return r;
    const placed = r.data.map((o) => ({ o, at: Date.parse(o.created_at) }));
    rows.push(...placed.filter(({ at }) => at >= from && at < until).map(({ o }) => o));
    next = r.next;
    if (next === null || placed.some(({ at }) => at < from)) return { ok: true as const, data: rows, next: null };
  }
  return { ok: true as const, data: rows, next: next ?? null };
}

const statuses = Object.keys(statusWords) as OrderStatus[];
const statusOptions = statuses.map((s) => ({ value: s, label: statusWords[s] }));
const filtersFrom = ({ status, merchant_id, from, to }: Record<string, string>): OrderSearch => ({ status, merchant_id, from, to });
const toQuery = (s: OrderSearch) => ({ ...s });

const columns: Column<OrderSummary>[] = [
  {
    header: 'Order',
    rowHeader: true,
    cell: (o) => <Link href={`${paths.orders}/${o.id}`}>Order {orderNumber(o.id)}</Link>,
  },
  { header: 'Merchant', cell: (o) => o.merchant_name },
  { header: 'State', cell: (o) => <Badge tone={statusTone(o.status)}>{statusWords[o.status]}</Badge> },
  { header: 'Total', class: 'num', cell: (o) => <Price minor={o.total_minor} currency={o.currency} /> },
  { header: 'Placed', cell: (o) => formatDateTime(o.created_at) },
];

function useMerchantChoices(): AdminMerchant[] | null {
  const [merchants, setMerchants] = useState<AdminMerchant[] | null>(null);
  useEffect(() => {
    void searchMerchants({}, undefined, MERCHANT_CHOICES_MAX).then((r) => setMerchants(r.ok ? r.data : []));
  }, []);
  return merchants;
}

export function Orders() {
  const { list, defaults, formKey, filtered, apply, clear } = useFilteredList(
    searchPage,
    (o) => o.id,
    PAGE_SIZE,
    filtersFrom,
    toQuery,
  );
  const merchants = useMerchantChoices();
  const merchantOptions = (merchants ?? []).map((m) => ({ value: m.id, label: m.name }));

  async function search(values: Record<string, string>) {
    const next = filtersFrom(values);
    if (next.from && next.to && next.to < next.from)
      return { message: 'The last day is before the first one.', fields: { to: 'Pick a day on or after the first day.' }, status: 0 };
    await apply(next);
  }

  return (
    <AdminPage title="Orders">
      <div class="stack">
        <FilterForm
          key={`${formKey}-${merchants === null ? 'loading' : 'ready'}`}
          label="Find orders"
          verb="Search"
          onSubmit={search}
          onClear={clear}
        >
          <Select name="status" label="State" emptyOption="Any state" options={statusOptions} defaultValue={defaults.status} />
          <Select
            name="merchant_id"
            label="Merchant"
            emptyOption={merchants === null ? 'Loading merchants…' : 'Any merchant'}
            options={merchantOptions}
            defaultValue={defaults.merchant_id}
          />
          <TextField name="from" type="date" label="Placed from" defaultValue={defaults.from} />
          <TextField name="to" type="date" label="Placed until" defaultValue={defaults.to} />
        </FilterForm>
        <PagedTable
          list={list}
          loadingText="Loading orders…"
          caption={filtered ? 'Orders matching the filters, newest first' : 'All orders, newest first'}
          columns={columns}
          rowKey={(o) => o.id}
          empty={
            filtered ? (
              <>
                <p>No orders match these filters.</p>
                <p>
                  <Button variant="secondary" onClick={clear}>
                    Clear the filters
                  </Button>
                </p>
              </>
            ) : (
              'No orders yet. They appear here as customers place them.'
            )
          }
          noun={['order', 'orders']}
        />
      </div>
    </AdminPage>
  );
}

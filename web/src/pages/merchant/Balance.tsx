// The store's money: per currency what ReskFlow owes it (available) and what payouts have sent to
// its bank (in transit), then the ledger entries behind both, newest first (owners and managers).
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { merchantBalance, type LedgerEntry, type MerchantBalance } from '../../api/orders';
import { Alert, formatDateTime, LoadMore, Price, Table, usePagedList, type Column } from '../../ui';
import { atLeast, StorePage, useStore } from './shell';

const PAGE_ENTRIES = 25;
const noCursor = () => '';

const accountWords: Record<LedgerEntry['account'], string> = {
  merchant_payable: 'Owed to you',
  payouts_in_transit: 'Paid out',
};

const entryColumns: readonly Column<LedgerEntry>[] = [
  { header: 'When', cell: (e) => formatDateTime(e.created_at), rowHeader: true },
  { header: 'What', cell: (e) => e.description },
  { header: 'Account', cell: (e) => accountWords[e.account] },
  { header: 'Amount', cell: (e) => <Price minor={e.amount.amount_minor} currency={e.amount.currency} signed />, class: 'num' },
];

export function Balance() {
  const { level } = useStore();
  return (
    <StorePage section="balance">
      {atLeast(level, 'manager') ? (
        <BalanceView />
      ) : (
        <p>The balance is for the store's owners and managers. Ask one of them.</p>
      )}
    </StorePage>
  );
}

function BalanceView() {
  const { merchant } = useStore();
  const [balances, setBalances] = useState<MerchantBalance['balances'] | null>(null);
  const list = usePagedList<LedgerEntry, null>(
    async (_f, cursor, limit) => {
      const r = await merchantBalance(merchant.id, cursor, limit);
      if (!r.ok) return r;
      if (!cursor) setBalances(r.data.balances);
      return { ok: true, data: r.data.entries, next: r.data.has_more ? r.data.next_cursor : null };
    },
    noCursor,
    PAGE_ENTRIES,
    null,
  );
  useEffect(() => void list.load(null), []);
  if (list.error && !list.items) return <Alert tone="error">{list.error.message}</Alert>;
  if (list.items === null || balances === null) return <p role="status">Loading the balance…</p>;
  return (
    <div class="stack">
      <section class="card" aria-labelledby="balance-title">
        <h2 id="balance-title">Balance</h2>
        {balances.length === 0 ? (
          <p>Nothing yet: the store is credited when its first order is delivered.</p>
        ) : (
          <dl class="facts">
            {balances.map((b) => (
              <Fragment key={b.currency}>
                <dt>Available ({b.currency})</dt>
                <dd>
                  <Price minor={b.available.amount_minor} currency={b.currency} />
                </dd>
                <dt>On its way to your bank</dt>
                <dd>
                  <Price minor={b.in_transit.amount_minor} currency={b.currency} />
                </dd>
              </Fragment>
            ))}
          </dl>
        )}
        <p class="muted">
          Each delivered order credits its items (without tax); payouts send what is owed to your
          bank once a day.
        </p>
      </section>
      <Table
        caption="Ledger entries, newest first"
        columns={entryColumns}
        rows={list.items}
        rowKey={(e) => e.id}
        empty="No entries yet. Delivered orders and payouts appear here."
      />
      {list.error && <Alert tone="error">{list.error.message}</Alert>}
      {list.items.length > 0 && (
        <LoadMore
          shown={list.items.length}
          done={list.done}
          busy={list.loadingMore}
          onMore={() => void list.more()}
          noun={['entry', 'entries']}
        />
      )}
    </div>
  );
}

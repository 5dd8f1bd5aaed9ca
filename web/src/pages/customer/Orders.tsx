// The customer's orders, newest first (GET /v1/orders), each with its state, total and a link
// to its live page; "Load more" for older ones.
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { myOrders, statusTone, statusWords, type OrderSummary } from '../../api/orders';
import { useSession } from '../../auth/useSession';
import { Alert, Badge, formatDateTime, Link, LoadMore, Page, Price, usePagedList } from '../../ui';
import { logInAndReturn, orderPath, paths } from './paths';

const PAGE_SIZE = 20;
const noCursor = () => '';

export function Orders({ nav }: { nav: ComponentChildren }) {
  const session = useSession();
  return (
    <Page title="Your orders" portal="Customer" nav={nav}>
      {session === 'anonymous' ? (
        <p>
          <Link class="btn btn-primary" href={logInAndReturn()}>
            Log in to see your orders
          </Link>
        </p>
      ) : session === 'restoring' ? (
        <p role="status">Checking your session…</p>
      ) : (
        <OrderList />
      )}
    </Page>
  );
}

function OrderList() {
  const list = usePagedList<OrderSummary, null>((_f, cursor, limit) => myOrders(cursor, limit), noCursor, PAGE_SIZE, null);
  useEffect(() => void list.load(null), []);
  if (list.error && !list.items) return <Alert tone="error">{list.error.message}</Alert>;
  if (list.items === null) return <p role="status">Loading your orders…</p>;
  if (list.items.length === 0)
    return (
      <div class="empty-state" role="status">
        <p>You have not ordered yet. Your orders show here once placed, with their progress.</p>
        <p>
          <Link href={paths.browse}>Find something to order</Link>
        </p>
      </div>
    );
  return (
    <div class="stack">
      <ul class="order-history">
        {list.items.map((o) => (
          <li key={o.id} class="card">
            <h2>
              <Link href={orderPath(o.id)}>{o.merchant_name}</Link>
            </h2>
            <p>
              <Badge tone={statusTone(o.status)}>{statusWords[o.status]}</Badge>{' '}
              <Price minor={o.total_minor} currency={o.currency} />
              <span class="muted"> · ordered {formatDateTime(o.created_at)}</span>
            </p>
          </li>
        ))}
      </ul>
      {list.error && <Alert tone="error">{list.error.message}</Alert>}
      <LoadMore
        shown={list.items.length}
        done={list.done}
        busy={list.loadingMore}
        onMore={() => void list.more()}
        noun={['order', 'orders']}
      />
    </div>
  );
}

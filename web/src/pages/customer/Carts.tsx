// The customer's active carts: their own at each merchant and the group orders they joined.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getCart, listCarts, type Cart } from '../../api/carts';
import type { UserError } from '../../api/problem';
import { useSession } from '../../auth/useSession';
import { Alert, Badge, Link, Page, Price } from '../../ui';
import { cartPath, logInAndReturn, paths } from './paths';

export function Carts({ nav }: { nav: ComponentChildren }) {
  const session = useSession();
  const [carts, setCarts] = useState<Cart[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  useEffect(() => {
    if (session !== 'authenticated') return;
    let live = true;
    void (async () => {
      const list = await listCarts();
      if (!list.ok) return live && setError(list.error);
      // The list has no merchant names or totals: read each cart (at most 20 are active).
      const answers = await Promise.all(list.data.data.map((s) => getCart(s.id)));
      if (live) setCarts(answers.flatMap((r) => (r.ok ? [r.data] : [])));
    })();
    return () => {
      live = false;
    };
  }, [session]);

  return (
    <Page title="Your carts" portal="Customer" nav={nav}>
      <div class="stack">
        {new URLSearchParams(location.search).has('left') && (
          <Alert tone="success">You left the group order.</Alert>
        )}
        {session === 'anonymous' ? (
          <div class="empty-state">
            <p>Log in to see your carts. Carts are kept with your account.</p>
            <p>
              <Link class="btn btn-primary" href={logInAndReturn()}>
                Log in
              </Link>
            </p>
          </div>
        ) : error ? (
          <Alert tone="error">{error.message}</Alert>
        ) : carts === null ? (
          <p role="status">Loading your carts…</p>
        ) : carts.length === 0 ? (
          <div class="empty-state">
            <p>You have no cart yet. Add dishes from a merchant's menu and your cart appears here.</p>
            <p>
              <Link href={paths.browse}>See the merchants near you</Link>
            </p>
          </div>
        ) : (
          <ul class="cards">
            {carts.map((c) => (
              <li key={c.id} class="card">
                <h2>
                  <Link href={cartPath(c.id)}>{c.merchant_name}</Link>
                </h2>
                <p>
                  {c.item_count} item{c.item_count === 1 ? '' : 's'} ·{' '}
                  <Price minor={c.subtotal_minor} currency={c.currency} />
                </p>
                <p>
                  {c.group && <Badge tone="neutral">Group order</Badge>}
                  {c.status === 'locked' && <Badge tone="warning">Locked</Badge>}
                </p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Page>
  );
}

// A merchant's page: who they are and whether they take orders now, the whole menu by category
// (with a jump list), "Add" through the modifier dialog, and the ratings.
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  getMenu,
  getMerchant,
  type Menu,
  type MenuItem,
  type Merchant as MerchantDoc,
} from '../../api/catalog';
import type { CartSummary, LineInput } from '../../api/carts';
import type { UserError } from '../../api/problem';
import { useSession } from '../../auth/useSession';
import { Alert, Link, Page } from '../../ui';
import { cartPath, paths } from './paths';
import { addToCart } from './shop/addToCart';
import { useCartSummaries } from './shop/cartSummary';
import { MenuSection } from './shop/MenuSection';
import { MerchantFacts } from './shop/MerchantFacts';
import { ModifierDialog } from './shop/ModifierDialog';
import { ReviewsSection } from './shop/ReviewsSection';

type Loaded = { merchant: MerchantDoc; menu: Menu };

export function Merchant({ nav, merchantId }: { nav: ComponentChildren; merchantId: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([getMerchant(merchantId), getMenu(merchantId)]).then(([m, menu]) => {
      if (!live) return;
      if (!m.ok) return setError(m.error);
      if (!menu.ok) return setError(menu.error);
      setLoaded({ merchant: m.data, menu: menu.data });
    });
    return () => {
      live = false;
    };
  }, [merchantId]);

  if (error) {
    const gone = error.status === 404;
    return (
      <Page title={gone ? 'Merchant not found' : 'Merchant'} portal="Customer" nav={nav}>
        <Alert tone="error">
          {gone
            ? 'This merchant is not on ReskFlow (any more). It may have closed its store.'
            : error.message}
        </Alert>
        <p>
          <Link href={paths.browse}>See the merchants near you</Link>
        </p>
      </Page>
    );
  }
  if (!loaded)
    return (
      <Page title="Merchant" portal="Customer" nav={nav}>
        <p role="status">Loading the menu…</p>
      </Page>
    );
  return (
    <Page title={loaded.merchant.name} portal="Customer" nav={nav}>
      <MerchantBody merchant={loaded.merchant} menu={loaded.menu} />
    </Page>
  );
}

/**
 * Where "Add" puts items: the cart named by ?cart= (from a group order's page), else a group
 * order joined at this merchant; null means the customer's own cart (POST /v1/carts finds or
 * opens it). Also the cart to mention above the menu.
 */
function useTargetCart(merchantId: string) {
  const carts = (useCartSummaries() ?? []).filter(
    (c) => c.merchant_id === merchantId && c.status === 'open',
  );
  const wanted = new URLSearchParams(location.search).get('cart');
  const joinedId = wanted ?? carts.find((c) => c.role === 'participant')?.id ?? null;
  const shown = carts.find((c) => c.id === joinedId) ?? carts.find((c) => c.role === 'host');
  return { joinedId, shown };
}

function MerchantBody({ merchant: m, menu }: Loaded) {
  const session = useSession();
  const signedIn = session === 'authenticated' || session === 'expired';
  const [adding, setAdding] = useState<MenuItem | null>(null);
  const [added, setAdded] = useState<{ text: string; cartId: string } | null>(null);
  const groups = useMemo(() => new Map(menu.modifier_groups.map((g) => [g.id, g])), [menu]);
  const { joinedId, shown } = useTargetCart(m.id);

  // A link to one dish (from search) lands on it once the menu is shown.
  useEffect(() => {
    const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target) requestAnimationFrame(() => target.focus());
  }, []);

  async function add(line: LineInput): Promise<UserError | void> {
    const name = adding?.name ?? 'the dish';
    const r = await addToCart(m.id, joinedId, line);
    if (!r.ok) return r.error;
    setAdding(null);
    setAdded({ text: `Added ${line.quantity} × ${name} to your cart.`, cartId: r.data.id });
  }

  return (
    <div class="stack">
      <MerchantFacts merchant={m} />
      {added ? (
        <Alert tone="success">
          <p>
            {added.text} <Link href={cartPath(added.cartId)}>View your cart</Link>
          </p>
        </Alert>
      ) : (
        shown && <CartHint cart={shown} />
      )}
      <section aria-labelledby="menu-title">
        <h2 id="menu-title">Menu</h2>
        {menu.categories.length === 0 ? (
          <div class="empty-state">
            <p>{m.name} has not published a menu yet. Come back later.</p>
          </div>
        ) : (
          <>
            <nav aria-label="Menu categories" class="shop-categories">
              <ul class="inline-list">
                {menu.categories.map((c) => (
                  <li key={c.id}>
                    <a href={`#category-${c.id}`}>{c.name}</a>
                  </li>
                ))}
              </ul>
            </nav>
            {menu.categories.map((c) => (
              <MenuSection key={c.id} category={c} currency={menu.currency} onAdd={setAdding} />
            ))}
          </>
        )}
      </section>
      <ReviewsSection merchantId={m.id} />
      <ModifierDialog
        item={adding}
        groups={groups}
        currency={menu.currency}
        signedIn={signedIn}
        onClose={() => setAdding(null)}
        onAdd={add}
      />
    </div>
  );
}

/** "Your cart here has 3 items. View your cart" (or the group order one is in). */
function CartHint({ cart }: { cart: CartSummary }) {
  if (!cart.group && cart.item_count === 0) return null;
  const items = `${cart.item_count} item${cart.item_count === 1 ? '' : 's'}`;
  return (
    <p class="cart-hint">
      {cart.group
        ? `You are in a group order here: items you add go to it (${items} in it so far).`
        : `Your cart here has ${items}.`}{' '}
      <Link href={cartPath(cart.id)}>{cart.group ? 'View the group order' : 'View your cart'}</Link>
    </p>
  );
}

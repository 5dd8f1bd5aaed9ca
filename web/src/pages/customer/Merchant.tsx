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
import { cartPath, merchantPath, paths } from './paths';
import { useDeliveryAddress } from './shop/address';
import { addToCart } from './shop/addToCart';
import { useCartSummaries } from './shop/cartSummary';
import { MenuSection } from './shop/MenuSection';
import { MerchantFacts } from './shop/MerchantFacts';
import { ModifierDialog } from './shop/ModifierDialog';
import { OftenOrderedWith } from './shop/Recommendations';
import { ReviewsSection } from './shop/ReviewsSection';

type Loaded = { merchant: MerchantDoc; menu: Menu };

export function Merchant({ nav, merchantId }: { nav: ComponentChildren; merchantId: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  const address = useDeliveryAddress();
  const lat = address?.lat, lng = address?.lng;

  useEffect(() => {
    let live = true;
    const point = lat !== undefined && lng !== undefined ? { lat, lng } : null;
    void Promise.all([getMerchant(merchantId, point), getMenu(merchantId)]).then(([m, menu]) => {
      if (!live) return;
      if (!m.ok) return setError(m.error);
      if (!menu.ok) return setError(menu.error);
      setLoaded({ merchant: m.data, menu: menu.data });
    });
    return () => {
      live = false;
    };
  }, [merchantId, lat, lng]);

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
  const items = useMemo(
    () => new Map(menu.categories.flatMap((c) => c.items).map((i) => [i.id, i])),
    [menu],
  );
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
      <NoDelivery merchant={m} />
      <MerchantFacts merchant={m} />
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
      >
        {adding && (
          <OftenOrderedWith merchantId={m.id} item={adding} menuItems={items} onChoose={setAdding} />
        )}
      </ModifierDialog>
      <CartBar added={added} cart={shown} />
    </div>
  );
}

/** Said first, before any time goes into the menu: the merchant does not come to the address. */
function NoDelivery({ merchant: m }: { merchant: MerchantDoc }) {
  const address = useDeliveryAddress();
  if (m.delivers_to_point !== false || !address) return null;
  const back = encodeURIComponent(merchantPath(m.id));
  return (
    <Alert tone="error" title="Not delivered to your address">
      <p>
        {m.name} does not deliver to {address.label}. Choose another address, or a merchant that
        delivers there.
      </p>
      <p>
        <Link href={`${paths.address}?next=${back}`}>Choose another address</Link> ·{' '}
        <Link href={paths.browse}>See the merchants that deliver to you</Link>
      </p>
    </Alert>
  );
}

/**
 * At the foot of the screen while the menu scrolls (a phone shows no cart beside it): what was
 * just added, or what the cart here holds, with the way to it. A live region, so that screen
 * readers hear what was added.
 */
function CartBar({ added, cart }: { added: { text: string; cartId: string } | null; cart?: CartSummary }) {
  const hint = added ? null : cart && cartHint(cart);
  return (
    <div class="cart-bar-slot" role="status">
      {(added || hint) && (
        <p class="cart-bar">
          <span>{added ? added.text : hint!.text}</span>
          <Link class="btn btn-primary" href={cartPath(added ? added.cartId : cart!.id)}>
            {added ? 'View your cart' : hint!.link}
          </Link>
        </p>
      )}
    </div>
  );
}

/** "Your cart here has 3 items." (or the group order one is in); nothing for an empty own cart. */
function cartHint(cart: CartSummary): { text: string; link: string } | null {
  if (!cart.group && cart.item_count === 0) return null;
  const items = `${cart.item_count} item${cart.item_count === 1 ? '' : 's'}`;
  return cart.group
    ? { text: `You are in a group order here: items you add go to it (${items} in it so far).`, link: 'View the group order' }
    : { text: `Your cart here has ${items}.`, link: 'View your cart' };
}

// One cart: its lines (each participant's under their name in a group order), quantities to
// change, the price preview, and the group order panel.
import type { ComponentChildren } from 'preact';
import { removeLine, setLineQuantity, type Cart as CartDoc } from '../../api/carts';
import { Alert, Badge, Button, Link, Page } from '../../ui';
import { checkoutPath, merchantPath, paths } from './paths';
import { CartLines, type LineActions } from './shop/CartLines';
import { GroupOrder } from './shop/GroupOrder';
import { DeliveryCheck } from './shop/DeliveryCheck';
import { useMe } from './shop/me';
import { PricePreview } from './shop/PricePreview';
import { useCart, type CartView } from './shop/useCart';

/** The menu, adding to this cart (a joined group order is not the one the menu would pick). */
const menuOf = (cart: CartDoc) =>
  cart.group
    ? `${merchantPath(cart.merchant_id)}?cart=${encodeURIComponent(cart.id)}`
    : merchantPath(cart.merchant_id);

export function Cart({ nav, cartId }: { nav: ComponentChildren; cartId: string }) {
  const view = useCart(cartId);
  const me = useMe();
  const { cart, loadError } = view;
  if (loadError && !cart)
    return (
      <Page title="Cart not found" portal="Customer" nav={nav}>
        <Alert tone="error">
          {loadError.status === 404
            ? 'This cart does not exist or is not yours. If someone shared a group order with you, open the link they sent.'
            : loadError.message}
        </Alert>
        <p>
          <Link href={paths.carts}>See your carts</Link>
        </p>
      </Page>
    );
  if (!cart)
    return (
      <Page title="Your cart" portal="Customer" nav={nav}>
        <p role="status">Loading your cart…</p>
      </Page>
    );
  const title = `${cart.group ? 'Group order' : 'Your cart'} from ${cart.merchant_name}`;
  return (
    <Page title={title} portal="Customer" nav={nav}>
      <div class="stack">
        <p class="toolbar">
          <Link href={menuOf(cart)}>Add from the menu of {cart.merchant_name}</Link>
          {cart.status === 'locked' && <Badge tone="warning">Locked</Badge>}
        </p>
        {view.changeError && <Alert tone="error">{view.changeError}</Alert>}
        <DeliveryCheck cart={cart} me={me} view={view} />
        <div class="cart-layout">
          <div class="stack">
            <Lines cart={cart} myId={me?.id ?? null} view={view} />
            <GroupOrder cart={cart} me={me} view={view} />
          </div>
          <div class="stack">
            <PricePreview cart={cart} />
            <CheckoutLink cart={cart} myId={me?.id ?? null} />
          </div>
        </div>
      </div>
    </Page>
  );
}

function Lines({ cart, myId, view }: { cart: CartDoc; myId: string | null; view: CartView }) {
  const open = cart.status === 'open';
  const host = myId === cart.host_id;
  const actions: LineActions = {
    canEdit: (l) => open && l.participant_id === myId,
    // A locked cart is the host's to check out: they may still take lines out.
    canRemove: (l) => (open && l.participant_id === myId) || (host && (open || cart.status === 'locked')),
    busy: view.busy,
    setQuantity: (l, q) =>
      void view.change(`line:${l.id}`, (v) => setLineQuantity(cart.id, v, l.id, q)),
    remove: (l) => void view.change(`line:${l.id}`, (v) => removeLine(cart.id, v, l.id)),
  };
  if (cart.lines.length === 0)
    return (
      <div class="empty-state">
        <p>The cart is empty. Add dishes from the menu of {cart.merchant_name}.</p>
        <p>
          <Link class="btn btn-primary" href={menuOf(cart)}>
            See the menu
          </Link>
        </p>
      </div>
    );
  if (!cart.group)
    return (
      <section aria-labelledby="lines-title">
        <h2 id="lines-title">Items</h2>
        <CartLines cart={cart} lines={cart.lines} actions={actions} />
      </section>
    );
  return (
    <section aria-labelledby="lines-title">
      <h2 id="lines-title">Items by person</h2>
      {cart.participants.map((p) => {
        const lines = cart.lines.filter((l) => l.participant_id === p.user_id);
        return (
          <section key={p.user_id} aria-label={`Items of ${p.display_name}`} class="shop-share-lines">
            <h3>{p.user_id === myId ? `Your items (${p.display_name})` : p.display_name}</h3>
            {lines.length === 0 ? (
              <p class="muted">Nothing yet.</p>
            ) : (
              <CartLines cart={cart} lines={lines} actions={actions} />
            )}
          </section>
        );
      })}
      <p>
        <Button variant="secondary" onClick={() => void view.reload()}>
          Refresh
        </Button>
        <span class="muted"> The cart also refreshes by itself every few seconds.</span>
      </p>
    </section>
  );
}

/** Why the cart cannot be ordered yet, or null when it can. */
function notReady(cart: CartDoc, myId: string | null): string | null {
  if (cart.lines.length === 0) return null;
  if (cart.group && myId !== cart.host_id) return 'The person who started the group order places it.';
  if (cart.group && cart.status !== 'locked') return 'Lock the group order to check out.';
  if (cart.delivery_problem) return 'Choose an address this merchant delivers to.';
  if (!cart.meets_minimum) return 'Reach the minimum order to check out.';
  if (cart.lines.some((l) => !l.available)) return 'Remove the lines that are no longer available.';
  return null;
}

function CheckoutLink({ cart, myId }: { cart: CartDoc; myId: string | null }) {
  if (cart.lines.length === 0 || cart.status === 'checked_out') return null;
  const reason = notReady(cart, myId);
  if (reason) return <p class="muted">{reason}</p>;
  return (
    <p>
      <Link class="btn btn-primary btn-block" href={checkoutPath(cart.id)}>
        Go to checkout
      </Link>
    </p>
  );
}

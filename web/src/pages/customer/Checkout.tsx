// Checkout of one cart: where to deliver (the cart's delivery point, an address line,
// instructions, leave at the door), a tip, now or later, the price from a quote that says when
// it expires and when it changed, a promo code (its discount or why it was refused), and the card (a group may split the bill: each pays their
// share on the order page). Placing sends an Idempotency-Key, so pressing again after a network
// failure never orders twice; a refused card says what to do next; a card that asks for a
// verification step is verified on the order page, which placing opens. Where the server takes a
// stablecoin in the cart's currency it is offered instead of the card, paid on the order page.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { getCart, type Cart } from '../../api/carts';
import { orderOfCart, type CheckoutError } from '../../api/orders';
import { usePaymentMethods } from '../../api/payments';
import type { UserError } from '../../api/problem';
import { useSession } from '../../auth/useSession';
import { Alert, Button, Checkbox, Link, navigate, Page } from '../../ui';
import { cartPath, logInAndReturn, orderPath, paths } from './paths';
import { readAddress } from './shop/address';
import { cartsChanged } from './shop/cartSummary';
import { checkoutRequest, type CheckoutInput } from './shop/checkout';
import { CardField, DeliveryFields, PaymentChoice, PromoCodeField, TipAndTime } from './shop/CheckoutFields';
import { QuotePanel } from './shop/QuotePanel';
import { useMe } from './shop/me';
import { usePlaceOrder } from './shop/usePlaceOrder';
import { useQuote } from './shop/useQuote';

export function Checkout({ nav, cartId }: { nav: ComponentChildren; cartId: string }) {
  const session = useSession();
  const [cart, setCart] = useState<Cart | null>(null);
  const [loadError, setLoadError] = useState<UserError | null>(null);
  useEffect(() => {
    if (session !== 'authenticated') return;
    void getCart(cartId).then((r) => (r.ok ? setCart(r.data) : setLoadError(r.error)));
  }, [cartId, session]);
  let body: ComponentChildren;
  if (session === 'anonymous')
    body = (
      <p>
        <Link class="btn btn-primary" href={logInAndReturn()}>
          Log in to order
        </Link>
      </p>
    );
  else if (loadError) body = <Alert tone="error">{loadError.message}</Alert>;
  else if (!cart) body = <p role="status">Loading your cart…</p>;
  else body = <CheckoutForm cart={cart} />;
  return (
    <Page title={cart ? `Order from ${cart.merchant_name}` : 'Checkout'} portal="Customer" nav={nav}>
      {body}
    </Page>
  );
}

/** Why this cart cannot be ordered by this person now, or null. */
function blocker(cart: Cart, myId: string | null): ComponentChildren {
  const back = <Link href={cartPath(cart.id)}>Back to the cart</Link>;
  if (cart.status === 'checked_out') return <OrderedAlready cartId={cart.id} />;
  if (cart.group && myId !== null && myId !== cart.host_id)
    return <p>Only the person who started this group order places it. {back}</p>;
  if (cart.group && cart.status !== 'locked')
    return <p>Lock the group order first, so that nobody changes it while you pay. {back}</p>;
  if (cart.lines.length === 0) return <p>The cart is empty. {back}</p>;
  if (cart.delivery_problem) return <p>{cart.delivery_problem} {back}</p>;
  return null;
}

/** A cart ordered already: a link to its order (for a group, where each participant pays). */
function OrderedAlready({ cartId }: { cartId: string }) {
  const [orderId, setOrderId] = useState<string | null>(null);
  useEffect(() => void orderOfCart(cartId).then((o) => setOrderId(o?.id ?? null)), [cartId]);
  return (
    <p>
      This cart has been ordered already.{' '}
      {orderId ? <Link href={orderPath(orderId)}>See the order</Link> : <Link href={paths.orders}>See your orders</Link>}.
    </p>
  );
}

function CheckoutForm({ cart }: { cart: Cart }) {
  const me = useMe();
  const chosen = readAddress();
  const point = cart.delivery_point ?? (chosen ? { lat: chosen.lat, lng: chosen.lng } : null);
  const [input, setInput] = useState<CheckoutInput>({
    address: chosen?.label ?? '',
    instructions: '',
    leaveAtDoor: false,
    tip: 'none',
    otherTip: '',
    when: 'now',
    at: '',
    promoCode: '',
  });
  const [card, setCard] = useState('');
  const [split, setSplit] = useState(false);
  // The stablecoin pays a whole order in the token's currency (docs/payments.md).
  const methods = usePaymentMethods();
  const coin = methods?.stablecoin?.currency === cart.currency && !(cart.group && split) ? methods.stablecoin : null;
  const [method, setMethod] = useState<'card' | 'stablecoin'>('card');
  const byCoin = coin !== null && method === 'stablecoin';
  const [error, setError] = useState<CheckoutError | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const built = point ? checkoutRequest(input, cart, point) : null;
  const body = built && 'body' in built ? built.body : null;
  const quote = useQuote(body);
  // What the form, the last quote and the last attempt blame, beside each field.
  const fields = {
    ...(built && 'fields' in built ? built.fields : {}),
    ...(quote.error?.fields ?? {}),
    ...(error?.fields ?? {}),
  };
  // Focus the first field to blame, else the message.
  const showError = (e: CheckoutError) => {
    setError(e);
    requestAnimationFrame(() => {
      const first = Object.keys(e.fields)[0];
      const field = first ? document.querySelector<HTMLElement>(`[name="${first}"]`) : null;
      (field ?? alertRef.current)?.focus();
    });
  };
  const placing = usePlaceOrder(quote, showError);

  const stop = blocker(cart, me?.id ?? null);
  if (stop) return <div class="empty-state">{stop}</div>;
  if (!point)
    return (
      <p>
        Choose where to deliver first.{' '}
        <Link href={`${paths.address}?next=${encodeURIComponent(location.pathname)}`}>Choose an address</Link>
      </p>
    );

  async function place(event: Event) {
    event.preventDefault();
    if (placing.placing) return;
    if (!body) {
      const blamed = built && 'fields' in built ? built.fields : {};
      return showError({ message: 'Some fields need a change: see the messages beside them.', fields: blamed, status: 0 });
    }
    setError(null);
    const order = await placing.place(body, byCoin ? 'stablecoin' : card.trim(), cart.group && split);
    if (!order) return;
    void cartsChanged();
    navigate(orderPath(order.id));
  }

  const update = (change: Partial<CheckoutInput>) => {
    setError(null);
    setInput({ ...input, ...change });
  };
  return (
    <form class="checkout-layout" aria-label="Checkout" onSubmit={place} noValidate>
      <div class="stack">
        {error && (
          <Alert tone="error" title={error.declined ? 'Payment refused' : undefined} alertRef={alertRef}>
            {error.message}
          </Alert>
        )}
        <DeliveryFields input={input} update={update} fields={fields} />
        <TipAndTime cart={cart} input={input} update={update} fields={fields} />
        <PromoCodeField input={input} update={update} fields={fields} steps={quote.quote?.price.steps ?? []} />
        {cart.group && (
          <Checkbox
            name="split"
            label="Everyone pays their own share"
            hint="Each person pays for their items and their part of the fees; the order goes to the restaurant once everyone has paid."
            checked={split}
            onChange={(v) => (setError(null), setSplit(v))}
          />
        )}
        {coin && (
          <PaymentChoice coin={coin} value={method} onChange={(m) => (setError(null), setMethod(m))} />
        )}
        {!byCoin && (
          <CardField
            value={card}
            onChange={(v) => (setError(null), setCard(v))}
            error={fields.payment_method}
            optional={cart.group && split}
            hint={cart.group && split ? 'Pays your own share now; you can also pay it on the order page.' : undefined}
          />
        )}
        {byCoin && fields.payment_method && (
          <Alert tone="error">The stablecoin payment was refused: {fields.payment_method}.</Alert>
        )}
      </div>
      <div class="stack">
        <QuotePanel cart={cart} view={quote} />
        <Button type="submit" busy={placing.placing} busyLabel="Placing the order…">
          Place order
        </Button>
        <p class="muted">
          {byCoin
            ? 'Next you send the exact amount to the address the order page shows; the order goes to the restaurant once the transfer is confirmed.'
            : 'Your card is charged only when the order is delivered; until then the amount is held.'}
        </p>
      </div>
    </form>
  );
}

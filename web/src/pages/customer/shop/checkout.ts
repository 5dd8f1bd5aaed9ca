// The checkout form's model: tip presets, the request sent for a quote and for the order, and
// the Idempotency-Key that makes "Place order" safe to press again after a network failure.
import type { Cart } from '../../../api/carts';
import type { CheckoutRequest } from '../../../api/orders';
import { formatMoney, localInputToIso, parseMoney } from '../../../ui';

export interface CheckoutInput {
  address: string;
  instructions: string;
  leaveAtDoor: boolean;
  /** 'none', a preset percentage ('5', '10', '15') or 'other'. */
  tip: string;
  otherTip: string;
  /** 'now' or 'later'. */
  when: string;
  /** A datetime-local value, read when `when` is 'later'. */
  at: string;
  /** A promotion's code as typed; empty: none. */
  promoCode: string;
}

export const tipPercents = [5, 10, 15] as const;

/** The tip in minor units, or null when "Other amount" is not an amount. */
export function tipMinor(input: CheckoutInput, cart: Cart): number | null {
  if (input.tip === 'none') return 0;
  if (input.tip === 'other') return input.otherTip === '' ? 0 : parseMoney(input.otherTip, cart.currency);
  return Math.round((cart.subtotal_minor * Number(input.tip)) / 100);
}

export function tipOptions(cart: Cart) {
  return [
    { value: 'none', label: 'No tip' },
    ...tipPercents.map((p) => ({
      value: String(p),
      label: `${p} % (${formatMoney(Math.round((cart.subtotal_minor * p) / 100), cart.currency)})`,
    })),
    { value: 'other', label: 'Other amount' },
  ];
}

/** The request without the card and quote (what a quote prices), or why it cannot be sent. */
export function checkoutRequest(
  input: CheckoutInput,
  cart: Cart,
  point: { lat: number; lng: number },
): { body: CheckoutRequest } | { fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const tip = tipMinor(input, cart);
  if (tip === null) fields.tip_minor = 'must be an amount such as 2.50';
  if (!input.address.trim()) fields.delivery = 'is required: the street, house number and flat';
  const scheduled = input.when === 'later' ? localInputToIso(input.at) : undefined;
  if (input.when === 'later' && !scheduled) fields.scheduled_for = 'must be a day and a time';
  if (Object.keys(fields).length > 0) return { fields };
  const instructions = input.instructions.trim();
  return {
    body: {
      cart_id: cart.id,
      delivery: {
        address: input.address.trim(),
        point: { lat: point.lat, lng: point.lng },
        ...(instructions ? { instructions } : {}),
        leave_at_door: input.leaveAtDoor,
      },
      tip_minor: tip ?? 0,
      ...(scheduled ? { scheduled_for: scheduled } : {}),
      ...(input.promoCode.trim() ? { promotion_code: input.promoCode.trim() } : {}),
    },
  };
}

function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One key per distinct request: pressing "Place order" again with the same request (after a
 * network failure) sends the same key, so the server answers the first attempt's result instead
 * of placing a second order; any change to the request (another card, a new quote) gets a new key.
 */
export function idempotencyKeys<Body = CheckoutRequest>(): (body: Body) => string {
  let last: { request: string; key: string } | null = null;
  return (body) => {
    const request = JSON.stringify(body);
    if (last?.request !== request) last = { request, key: randomKey() };
    return last.key;
  };
}

/** The test provider's cards (docs/payments.md), offered in the demo. */
export const testCards = [
  { number: '4242 4242 4242 4242', outcome: 'pays' },
  { number: '4000 0000 0000 0002', outcome: 'is declined' },
  { number: '4000 0000 0000 9995', outcome: 'has insufficient funds' },
  { number: '4000 0027 6000 3184', outcome: 'asks for a verification step' },
] as const;

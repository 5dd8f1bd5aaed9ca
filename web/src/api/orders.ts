// Orders (docs/orders.md): quoting and placing a cart's order with an Idempotency-Key, paying a
// share of a split order or a card's challenge, reading one order or a page of them, and moving
// an order through its state machine; the merchant's balance and ledger entries
// (docs/payments.md).
import { api, call, page, type Outcome, type ResponseJson, type Schemas } from './client';
import { networkError, toUserError, type UserError } from './problem';

export type Order = Schemas['Order'];
export type OrderSummary = Schemas['OrderSummary'];
export type OrderStatus = Schemas['OrderStatus'];
export type OrderQuote = Schemas['OrderQuote'];
export type PriceStep = Schemas['OrderPrice']['steps'][number];
export type CheckoutRequest = Schemas['CheckoutRequest'];
export type PaymentShare = Schemas['OrderPayment']['shares'][number];
export type MerchantBalance = ResponseJson<'/v1/merchants/{merchant_id}/balance', 'get'>;
export type LedgerEntry = MerchantBalance['entries'][number];
export type OrderRefunds = Schemas['OrderRefunds'];
export type OrderRefund = Schemas['OrderRefund'];
export type OrderRefundRequest = Schemas['OrderRefundRequest'];

/** The fields of the checkout form that problems may name (`delivery.point` → `delivery`). */
const checkoutFields = ['delivery', 'tip_minor', 'scheduled_for', 'payment_method', 'promotion_code'] as const;

/** A refused checkout: the message, and the fresh quote when the price or the quote changed. */
export interface CheckoutError extends UserError {
  /** 409 with a new quote: what changed ("Your quote expired. The total is now €34.44 …"). */
  requote?: { quoteId: string; totalMinor: number; currency: string };
  /** 402: the card was refused (the message says why and what to do next). */
  declined?: boolean;
}

function member(problem: unknown, name: string): unknown {
  return typeof problem === 'object' && problem !== null
    ? (problem as Record<string, unknown>)[name]
    : undefined;
}

/** What to do after a refusal by the card's bank, in words (docs/payments.md, test cards). */
function declineAdvice(problem: unknown): string {
  const reason = String(member(problem, 'detail') ?? 'The payment was declined.');
  const sentence = reason.charAt(0).toUpperCase() + reason.slice(1).replace(/([^.])$/, '$1.');
  if (/insufficient funds/i.test(reason))
    return `${sentence} Nothing was charged and no order was placed. Use another card, or add money to this one and try again.`;
  if (/verification step/i.test(reason))
    return `${sentence} Nothing was charged and no order was placed.`;
  return `${sentence} Nothing was charged and no order was placed. Check the card number, use another card, or ask your bank why it refused.`;
}

async function checkoutCall<D>(
  request: Promise<{ data?: D; error?: unknown; response: Response }>,
): Promise<Outcome<D> | { ok: false; error: CheckoutError }> {
  let answer: { data?: D; error?: unknown; response: Response };
  try {
    answer = await request;
  } catch {
    return { ok: false, error: networkError() };
  }
  const { data, error, response } = answer;
  if (response.ok) return { ok: true, data: data as D, response };
  const userError: CheckoutError = toUserError(error, response, checkoutFields);
  if (response.status === 402) {
    userError.message = declineAdvice(error);
    userError.declined = true;
  } else if (response.status === 503) {
    userError.message =
      'The payment could not be processed just now. Nothing was charged: try again in a moment.';
  }
  const quoteId = member(error, 'quote_id');
  if (response.status === 409 && typeof quoteId === 'string')
    userError.requote = {
      quoteId,
      totalMinor: Number(member(error, 'total_minor')),
      currency: String(member(error, 'currency')),
    };
  return { ok: false, error: userError };
}

/** The price of ordering this cart now, with a quote id valid until `expires_at`. */
export const quoteOrder = (body: CheckoutRequest) =>
  checkoutCall(api.POST('/v1/orders/quote', { body }));

/**
 * Places the order. `idempotencyKey` is the same for retries of the same request (a network
 * failure does not tell whether the order was placed: the retry gets the first answer).
 */
export const placeOrder = (body: CheckoutRequest, idempotencyKey: string) =>
  checkoutCall(api.POST('/v1/orders', { body, headers: { 'Idempotency-Key': idempotencyKey } }));

export const getOrder = (orderId: string) =>
  call(api.GET('/v1/orders/{order_id}', { params: { path: { order_id: orderId } } }));

/** The order checked out from a cart, for its host and the payers of its shares (or none). */
export const orderOfCart = async (cartId: string) => {
  const r = await call(api.GET('/v1/orders', { params: { query: { cart_id: cartId } } }));
  return r.ok ? (r.data.data[0] ?? null) : null;
};

/**
 * Pays the caller's share of a split group order. The same key for retries of the same card:
 * a network failure does not tell whether the card was charged, and the retry gets the answer.
 */
export const payShare = (orderId: string, card: string, idempotencyKey: string) =>
  checkoutCall(
    api.POST('/v1/orders/{order_id}/payment-shares', {
      params: { path: { order_id: orderId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: { payment_method: card },
    }),
  );

/** The code the test provider's challenge asks for, with what to do in words. */
export const getChallenge = (intentId: string) =>
  call(api.GET('/v1/payments/{intent_id}/challenge', { params: { path: { intent_id: intentId } } }));

/** Answers a challenge: the payment intent after it (a wrong code is a 422 naming `code`). */
export const answerChallenge = (intentId: string, code: string) =>
  call(
    api.POST('/v1/payments/{intent_id}/challenge', {
      params: { path: { intent_id: intentId } },
      body: { code },
    }),
    ['code'],
  );

/** The caller's orders, newest first. */
export const myOrders = (cursor: string | undefined, limit: number) =>
  page(call(api.GET('/v1/orders', { params: { query: { limit, ...(cursor ? { cursor } : {}) } } })));

/** A page of a merchant's orders, oldest first. */
export const merchantOrders = (merchantId: string, cursor: string | undefined, limit: number) =>
  call(
    api.GET('/v1/merchants/{merchant_id}/orders', {
      params: { path: { merchant_id: merchantId }, query: { limit, ...(cursor ? { cursor } : {}) } },
    }),
  );

/** The moves of the state machine, by their route's last segment. */
export type OrderAction =
  | 'accept'
  | 'reject'
  | 'preparing'
  | 'ready'
  | 'picked-up'
  | 'delivered'
  | 'cancel';

const actionPaths = {
  accept: '/v1/orders/{order_id}/accept',
  reject: '/v1/orders/{order_id}/reject',
  preparing: '/v1/orders/{order_id}/preparing',
  ready: '/v1/orders/{order_id}/ready',
  'picked-up': '/v1/orders/{order_id}/picked-up',
  delivered: '/v1/orders/{order_id}/delivered',
  cancel: '/v1/orders/{order_id}/cancel',
} as const;

/** Moves an order (accept needs `prep_time_minutes`, reject a `reason`). */
export const moveOrder = (
  orderId: string,
  action: OrderAction,
  body: { prep_time_minutes?: number; reason?: string } = {},
) =>
  call(
    api.POST(actionPaths[action], { params: { path: { order_id: orderId } }, body }),
    ['prep_time_minutes', 'reason'],
  );

/** A delivered order's refunds, with what was paid and what the caller may still refund. */
export const orderRefunds = (orderId: string) =>
  call(api.GET('/v1/orders/{order_id}/refunds', { params: { path: { order_id: orderId } } }));

/**
 * Refunds part of a delivered order (docs/orders.md, "Refunds"). The same key for retries of the
 * same refund: a network failure does not tell whether it was made, and the retry finishes it.
 */
export const refundOrder = (orderId: string, body: OrderRefundRequest, idempotencyKey: string) =>
  call(
    api.POST('/v1/orders/{order_id}/refunds', {
      params: { path: { order_id: orderId }, header: { 'Idempotency-Key': idempotencyKey } },
      body,
    }),
    ['amount_minor', 'reason'],
  );

/** The balance per currency and a page of ledger entries, newest first. */
export const merchantBalance = (merchantId: string, cursor: string | undefined, limit: number) =>
  call(
    api.GET('/v1/merchants/{merchant_id}/balance', {
      params: { path: { merchant_id: merchantId }, query: { limit, ...(cursor ? { cursor } : {}) } },
    }),
  );

/** An order's state in words, as its customer and merchant read it. */
export const statusWords: Record<OrderStatus, string> = {
  awaiting_payment: 'Waiting for payment',
  placed: 'Placed',
  accepted: 'Accepted',
  rejected: 'Rejected',
  preparing: 'Being prepared',
  ready: 'Ready for pickup',
  picked_up: 'On its way',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  failed: 'Delivery failed',
  refunded: 'Refunded',
};

export const statusTone = (s: OrderStatus): 'success' | 'danger' | 'warning' | 'neutral' =>
  s === 'delivered'
    ? 'success'
    : s === 'rejected' || s === 'cancelled' || s === 'failed'
      ? 'danger'
      : s === 'refunded'
        ? 'neutral'
        : 'warning';

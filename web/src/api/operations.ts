// The admin's operations API: couriers (drivers module), order search and refunds (orders), an
// order's payment and ledger entries (payments, ledger), manual assignment and ETA quality
// (deliveries) and the problem report queue (quality). docs/openapi.yaml, admin routes.
import { deliveryOfOrder, type Delivery, type DriverProfile } from './deliveries';
import { api, call, page, type ResponseJson, type Schemas } from './client';
import type { LedgerEntry, OrderStatus, OrderSummary } from './orders';
import type { UserError } from './problem';

/** What a read made of several calls answers: its data, or the first call's failure. */
export type Loaded<D> = { ok: true; data: D } | { ok: false; error: UserError };

export type PaymentIntent = Schemas['PaymentIntent'];
export type ProblemReport = Schemas['ProblemReport'];
export type EtaQuality = Schemas['EtaQuality'];
export type EtaRow = EtaQuality['data'][number];
export type DriverPosition = Schemas['DriverPosition'];

// ---- Couriers

/** One page of couriers by id, with status, vehicle and last position. */
export const listDrivers = (cursor: string | undefined, limit: number) =>
  page(call(api.GET('/v1/admin/drivers', { params: { query: { ...(cursor ? { cursor } : {}), limit } } })));

export type DriverQuality = Schemas['DriverQuality'];

/**
 * The quality scores of the couriers with ids after `after` up to `last` (both lists are in id
 * order, so one page of couriers needs one or two pages of scores); couriers quality has heard
 * nothing about in the window are absent.
 */
export async function driverScoresBetween(after: string | undefined, last: string): Promise<Loaded<Map<string, DriverQuality>>> {
  const scores = new Map<string, DriverQuality>();
  let cursor = after;
  for (;;) {
    const r = await page(
      call(api.GET('/v1/admin/quality/drivers', { params: { query: { ...(cursor ? { cursor } : {}), limit: 100 } } })),
    );
    if (!r.ok) return r;
    for (const s of r.data) if (s.driver_id <= last) scores.set(s.driver_id, s);
    const end = r.data[r.data.length - 1];
    if (r.next === null || !end || end.driver_id >= last) return { ok: true, data: scores };
    cursor = r.next;
  }
}

/** Every courier, page after page, at most `max` (the page says when there are more). */
export async function allDrivers(max: number): Promise<Loaded<{ drivers: DriverProfile[]; more: boolean }>> {
  const drivers: DriverProfile[] = [];
  let cursor: string | undefined;
  for (;;) {
    const r = await listDrivers(cursor, 100);
    if (!r.ok) return r;
    drivers.push(...r.data);
    if (r.next === null || drivers.length >= max)
      return { ok: true, data: { drivers: drivers.slice(0, max), more: r.next !== null } };
    cursor = r.next;
  }
}

/** What `city.drivers` carries for each courier that changed. */
export interface CityDriverChange {
  driver_id: string;
  status: DriverProfile['status'];
  vehicle: DriverProfile['vehicle'];
  position: DriverPosition | null;
}

/** The couriers of a `city.drivers` message, or [] for anything else. */
export function cityChanges(data: Record<string, unknown>): CityDriverChange[] {
  const drivers = data.drivers;
  return Array.isArray(drivers) ? (drivers as CityDriverChange[]) : [];
}

export const vehicleWords: Record<DriverProfile['vehicle'], string> = {
  bike: 'Bike',
  scooter: 'Scooter',
  car: 'Car',
  van: 'Van',
};

export const courierStatusWords: Record<DriverProfile['status'], string> = {
  online: 'Online',
  suspect: 'Silent (no position lately)',
  offline: 'Offline',
};

// ---- Orders

export interface OrderFilters {
  status?: string;
  merchant_id?: string;
  customer_id?: string;
}

const orderStatuses: readonly OrderStatus[] = [
  'placed',
  'accepted',
  'rejected',
  'preparing',
  'ready',
  'picked_up',
  'delivered',
  'cancelled',
  'failed',
  'refunded',
];

/** One page of every order, newest first. */
export function searchOrders(filters: OrderFilters, cursor: string | undefined, limit: number) {
  const status = orderStatuses.find((s) => s === filters.status);
  const query = {
    ...(status ? { status } : {}),
    ...(filters.merchant_id ? { merchant_id: filters.merchant_id } : {}),
    ...(filters.customer_id ? { customer_id: filters.customer_id } : {}),
    ...(cursor ? { cursor } : {}),
    limit,
  };
  return page(call(api.GET('/v1/admin/orders', { params: { query } })));
}

/** Refunds what a delivered order captured, or releases the hold of a failed one. */
export const refundOrder = (orderId: string, reason: string, idempotencyKey: string) =>
  call(
    api.POST('/v1/orders/{order_id}/refund', {
      params: { path: { order_id: orderId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: { reason },
    }),
    ['reason'],
  );

/** The orders under way (accepted to picked up), newest first, at most `max` of them. */
export async function ordersUnderWay(max: number): Promise<Loaded<{ orders: OrderSummary[]; more: boolean }>> {
  const orders: OrderSummary[] = [];
  let more = false;
  for (const status of ['accepted', 'preparing', 'ready', 'picked_up'] as const) {
    const r = await searchOrders({ status }, undefined, 100);
    if (!r.ok) return r;
    orders.push(...r.data);
    more ||= r.next !== null;
  }
  orders.sort((a, b) => b.created_at.localeCompare(a.created_at));
  return { ok: true, data: { orders: orders.slice(0, max), more: more || orders.length > max } };
}

/** Deliveries read at once by `deliveriesOf`, so a page never floods the API. */
const DELIVERY_READS_PARALLEL_MAX = 8;

/**
 * The deliveries of these orders, read by order (the API lists no deliveries), a few at a time;
 * an order its merchant delivers has none and is left out.
 */
export async function deliveriesOf(orders: readonly OrderSummary[]): Promise<Delivery[]> {
  const deliveries: Delivery[] = [];
  for (let i = 0; i < orders.length; i += DELIVERY_READS_PARALLEL_MAX) {
    const batch = orders.slice(i, i + DELIVERY_READS_PARALLEL_MAX);
    const answers = await Promise.all(batch.map((o) => deliveryOfOrder(o.id)));
    deliveries.push(...answers.flatMap((r) => (r.ok ? [r.data] : [])));
  }
  return deliveries;
}

// ---- Payment and ledger of one order

export type MerchantBalance = ResponseJson<'/v1/merchants/{merchant_id}/balance', 'get'>;

/** The ledger entries of an order and its payment, found among its merchant's entries. */
export interface OrderMoney {
  entries: LedgerEntry[];
  payment: PaymentIntent | null;
  /** Not every entry of the merchant was read (the order may have older ones). */
  partial: boolean;
}

/** The intent id in a reference such as `payment:<intent_id>:capture`. */
const intentOf = (reference: string) => reference.match(/^payment:([^:]+):/)?.[1] ?? null;

/**
 * The merchant's entries, newest first, that name the order, reading at most `pages` pages of
 * 100; then the payment intent their references name.
 */
export async function orderMoney(order: OrderSummary, pages: number): Promise<Loaded<OrderMoney>> {
  const entries: LedgerEntry[] = [];
  let cursor: string | undefined;
  let partial = false;
  for (let read = 0; ; read++) {
    if (read === pages) {
      partial = true;
      break;
    }
    const r = await call(
      api.GET('/v1/merchants/{merchant_id}/balance', {
        params: { path: { merchant_id: order.merchant_id }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
      }),
    );
    if (!r.ok) return r;
    entries.push(...r.data.entries.filter((e) => e.description.includes(order.id)));
    if (!r.data.has_more || !r.data.next_cursor) break;
    cursor = r.data.next_cursor;
  }
  const intentId = entries.map((e) => intentOf(e.reference)).find((id) => id !== null);
  let payment: PaymentIntent | null = null;
  if (intentId) {
    const p = await call(api.GET('/v1/payments/{intent_id}', { params: { path: { intent_id: intentId } } }));
    if (!p.ok) return p;
    payment = p.data;
  }
  return { ok: true, data: { entries, payment, partial } };
}

// ---- Manual assignment

/** Gives the delivery to this courier (before pickup); its pending offers are withdrawn. */
export const assignDelivery = (deliveryId: string, driverId: string, idempotencyKey: string) =>
  call(
    api.POST('/v1/admin/deliveries/{delivery_id}/assign', {
      params: { path: { delivery_id: deliveryId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: { driver_id: driverId },
    }),
    ['driver_id'],
  );

// ---- Problem reports

export const reportQueue = (status: 'open' | 'resolved', cursor: string | undefined, limit: number) =>
  page(call(api.GET('/v1/admin/reports', { params: { query: { status, limit, ...(cursor ? { cursor } : {}) } } })));

export type ReportDecision = Schemas['ProblemReportDecision'];

export const resolveReport = (reportId: string, decision: ReportDecision, idempotencyKey: string) =>
  call(
    api.POST('/v1/admin/reports/{report_id}/resolve', {
      params: { path: { report_id: reportId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: decision,
    }),
    ['amount_minor', 'reason'],
  );

export const reportKindWords: Record<ProblemReport['kind'], string> = {
  missing_items: 'Items missing',
  wrong_items: 'Wrong items',
  late: 'Late',
  damaged: 'Damaged',
};

// ---- ETA quality

export const etaQuality = (windowHours: number) =>
  call(api.GET('/v1/admin/metrics/eta', { params: { query: { window_hours: windowHours } } }), ['window_hours']);

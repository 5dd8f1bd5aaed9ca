// A store's orders kept up to date without reloading: every page of GET
// /v1/merchants/{id}/orders once (at most QUEUE_ORDERS_MAX orders), then the topic
// merchant.<id>.orders: an order it names that is new or newer is read again (GET
// /v1/orders/{id}, with its lines). A new order that waits for an answer raises `onNewOrder`.
// After every (re)subscription the whole list is read again, since events sent while the socket
// was down are not replayed.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useLiveTopic, type LiveState } from '../../../api/live';
import { getOrder, merchantOrders, type Order, type OrderSummary } from '../../../api/orders';
import type { UserError } from '../../../api/problem';

const PAGE_ORDERS = 100;
/** The most orders read at once; a store with more sees its oldest ones left out (and is told). */
export const QUEUE_ORDERS_MAX = 1000;
const activeStatuses = new Set(['placed', 'accepted', 'preparing', 'ready', 'picked_up']);

export interface QueueEntry {
  summary: OrderSummary;
  /** The full order (lines, delivery) for orders still in progress; null until read. */
  detail: Order | null;
}

export interface OrderQueue {
  entries: QueueEntry[] | null;
  error: UserError | null;
  /** More than QUEUE_ORDERS_MAX orders exist: the newest ones are not all shown. */
  truncated: boolean;
  live: LiveState;
  /** Show an order an action answered with. */
  replace: (order: Order) => void;
}

async function readAll(merchantId: string) {
  const all: OrderSummary[] = [];
  let cursor: string | undefined;
  for (;;) {
    const r = await merchantOrders(merchantId, cursor, PAGE_ORDERS);
    if (!r.ok) return r;
    all.push(...r.data.data);
    if (!r.data.has_more || !r.data.next_cursor) return { ok: true as const, data: all, truncated: false };
    if (all.length >= QUEUE_ORDERS_MAX) return { ok: true as const, data: all, truncated: true };
    cursor = r.data.next_cursor;
  }
}

export function useOrderQueue(merchantId: string, onNewOrder: (order: Order) => void): OrderQueue {
  const [entries, setEntries] = useState<Map<string, QueueEntry> | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [truncated, setTruncated] = useState(false);
  const known = useRef<Map<string, QueueEntry> | null>(null);
  const alert = useRef(onNewOrder);
  alert.current = onNewOrder;

  const put = useCallback((order: OrderSummary, detail: Order | null) => {
    const map = new Map(known.current ?? []);
    const before = map.get(order.id);
    if (before && before.summary.version > order.version) return;
    map.set(order.id, { summary: order, detail: detail ?? (before?.detail?.version === order.version ? before.detail : null) });
    known.current = map;
    setEntries(map);
  }, []);

  const readOne = useCallback(async (orderId: string) => {
    const isNew = known.current !== null && !known.current.has(orderId);
    const r = await getOrder(orderId);
    if (!r.ok) return setError(r.error);
    put(r.data, r.data);
    if (isNew && r.data.status === 'placed') alert.current(r.data);
  }, [put]);

  const generation = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    const r = await readAll(merchantId);
    if (mine !== generation.current) return;
    if (!r.ok) return setError(r.error);
    const before = known.current;
    const map = new Map<string, QueueEntry>();
    for (const o of r.data) {
      const old = before?.get(o.id);
      map.set(o.id, { summary: o, detail: old?.detail?.version === o.version ? old.detail : null });
    }
    known.current = map;
    setEntries(map);
    setTruncated(r.truncated);
    setError(null);
    for (const o of r.data) {
      if (!activeStatuses.has(o.status) || map.get(o.id)?.detail) continue;
      // Placed while the socket was down: as new as one an event announces.
      const fresh = before !== null && !before.has(o.id) && o.status === 'placed';
      void getOrder(o.id).then((d) => {
        if (!d.ok) return;
        put(d.data, d.data);
        if (fresh) alert.current(d.data);
      });
    }
  }, [merchantId, put]);

  useEffect(() => void reload(), [reload]);
  const live = useLiveTopic(`merchant.${merchantId}.orders`, (data) => {
    if (!data) return void reload();
    const id = typeof data.order_id === 'string' ? data.order_id : null;
    const version = typeof data.version === 'number' ? data.version : 0;
    const mine = id ? known.current?.get(id) : undefined;
    if (id && (!mine || mine.summary.version < version)) void readOne(id);
  });

  const list = entries ? [...entries.values()] : null;
  return { entries: list, error, truncated, live, replace: (o) => put(o, o) };
}

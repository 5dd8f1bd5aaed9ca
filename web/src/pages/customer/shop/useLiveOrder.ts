// One order kept up to date without reloading: read once, then re-read whenever its topic
// (order.<id>) says it changed, and after every reconnection (events sent meanwhile are lost).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useLiveTopic, type LiveState } from '../../../api/live';
import { getOrder, type Order } from '../../../api/orders';
import type { UserError } from '../../../api/problem';

export interface LiveOrder {
  order: Order | null;
  error: UserError | null;
  live: LiveState;
  /** Show an order an action answered with. */
  replace: (order: Order) => void;
}

export function useLiveOrder(orderId: string): LiveOrder {
  const [order, setOrder] = useState<Order | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const current = useRef<Order | null>(null);
  const generation = useRef(0);

  const show = useCallback((next: Order) => {
    // Answers can cross: never go back to an older version.
    if (current.current && current.current.version > next.version) return;
    current.current = next;
    setOrder(next);
  }, []);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    const r = await getOrder(orderId);
    if (mine !== generation.current) return;
    if (r.ok) {
      show(r.data);
      setError(null);
    } else if (!current.current || r.error.status === 404) setError(r.error);
  }, [orderId, show]);

  useEffect(() => void reload(), [reload]);
  const live = useLiveTopic(`order.${orderId}`, (data) => {
    const version = typeof data?.version === 'number' ? data.version : null;
    if (version === null || !current.current || version > current.current.version) void reload();
  });
  return { order, error, live, replace: show };
}

// One of the courier's deliveries kept up to date: read once, re-read when its topic
// (delivery.<id>) says it changed, and shown with the steps still waiting in the outbox as done
// (the courier keeps working without network). A step the server refused comes back here.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getDelivery, type Delivery, type DeliveryStatus } from '../../api/deliveries';
import { useLiveTopic, type LiveState } from '../../api/live';
import type { UserError } from '../../api/problem';
import { useCourier } from './courier';
import { onOutboxState, onStepOutcome, queuedSteps } from './outbox';

export interface LiveDelivery {
  delivery: Delivery | null;
  /** The status with the queued steps applied: what the courier has done. */
  status: DeliveryStatus | null;
  /** Steps done on this phone and not sent yet. */
  queued: number;
  error: UserError | null;
  /** A queued step the server refused (a wrong code or PIN). */
  refused: UserError | null;
  live: LiveState;
}

export function useDelivery(deliveryId: string): LiveDelivery {
  const courier = useCourier();
  const [delivery, setDelivery] = useState<Delivery | null>(
    () => courier.active.find((d) => d.id === deliveryId) ?? null,
  );
  const [error, setError] = useState<UserError | null>(null);
  const [refused, setRefused] = useState<UserError | null>(null);
  const [queued, setQueued] = useState(() => queuedSteps(deliveryId));
  const current = useRef(delivery);

  const show = useCallback(
    (d: Delivery) => {
      if (current.current && current.current.version > d.version) return;
      current.current = d;
      setDelivery(d);
      courier.replaceDelivery(d);
    },
    [courier.replaceDelivery],
  );

  const reload = useCallback(async () => {
    const r = await getDelivery(deliveryId);
    if (r.ok) show(r.data);
    setError(r.ok ? null : r.error);
  }, [deliveryId, show]);

  useEffect(() => void reload(), [reload]);
  useEffect(() => onOutboxState(() => setQueued(queuedSteps(deliveryId))), [deliveryId]);
  useEffect(
    () =>
      onStepOutcome((o) => {
        if (o.deliveryId !== deliveryId) return;
        if (o.ok) {
          setRefused(null);
          show(o.delivery);
        } else setRefused(o.error);
      }),
    [deliveryId, show],
  );
  const live = useLiveTopic(`delivery.${deliveryId}`, (data) => {
    const version = typeof data?.version === 'number' ? data.version : null;
    // Position messages carry no status change: only a changed status is worth a read.
    if (data && 'position' in data && data.status === current.current?.status) return;
    if (version === null || !current.current || version > current.current.version) void reload();
  });

  const status = queued.length > 0 ? queued[queued.length - 1]!.status : (delivery?.status ?? null);
  return { delivery, status, queued: queued.length, error, refused, live };
}

// The platform delivery of an order, live: found by the order (GET /v1/orders/{id}/delivery) once
// a courier is being looked for, then kept up to date from delivery.<id>: status and ETAs on
// every change, the courier's position as they ride. After delivery, the proof photo.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { deliveryOfOrder, proofPhoto, type Delivery } from '../../../api/deliveries';
import { useLiveTopic, type LiveState } from '../../../api/live';
import type { Order } from '../../../api/orders';
import type { LatLng } from '../../../ui';

export interface LiveDelivery {
  delivery: Delivery | null;
  courier: { at: LatLng; seenAt: string } | null;
  photo: string | null;
  live: LiveState;
}

const watched = (order: Order) =>
  order.delivery.mode === 'platform' && !['placed', 'rejected', 'cancelled'].includes(order.status);

const final = ['delivered', 'failed', 'returned', 'cancelled'];
const num = (v: unknown) => (typeof v === 'number' ? v : null);

export function useLiveDelivery(order: Order): LiveDelivery {
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const [courier, setCourier] = useState<LiveDelivery['courier']>(null);
  const [photo, setPhoto] = useState<string | null>(null);
  const current = useRef<Delivery | null>(null);
  const active = watched(order);

  const reload = useCallback(async () => {
    const r = await deliveryOfOrder(order.id);
    if (!r.ok) return;
    if (current.current && current.current.version > r.data.version) return;
    current.current = r.data;
    setDelivery(r.data);
  }, [order.id]);

  // The order's own changes (accepted, picked up, delivered) are when a delivery appears or moves.
  useEffect(() => {
    if (active) void reload();
  }, [active, order.version, reload]);

  useEffect(() => {
    if (delivery?.status === 'delivered' && !photo)
      void proofPhoto(delivery.id).then((r) => r.ok && setPhoto(r.data));
  }, [delivery?.status, delivery?.id]);

  // The topic is open to customers while the delivery is under way; a final one has no news.
  const following = delivery && !final.includes(delivery.status) ? `delivery.${delivery.id}` : null;
  const live = useLiveTopic(following, (data) => {
    if (!data) return void reload();
    const position = data.position as { lat?: unknown; lng?: unknown } | undefined;
    const lat = num(position?.lat);
    const lng = num(position?.lng);
    if (lat !== null && lng !== null)
      setCourier({ at: { lat, lng }, seenAt: typeof data.at === 'string' ? data.at : new Date().toISOString() });
    const d = current.current;
    if (!d) return;
    if (data.status !== d.status) return void reload();
    const etas = {
      pickup_eta: typeof data.pickup_eta === 'string' ? data.pickup_eta : d.pickup_eta,
      dropoff_eta: typeof data.dropoff_eta === 'string' ? data.dropoff_eta : d.dropoff_eta,
    };
    current.current = { ...d, ...etas };
    setDelivery(current.current);
  });

  return { delivery, courier, photo, live };
}

// The platform courier coming for an order, on its queue card: who (first name, vehicle), how far
// from the store and when they arrive, live from delivery.<id> (GET /v1/orders/{id}/delivery
// first, looked up again a few times since deliveries opens it just after the acceptance), and
// the pickup code the staff give at the counter, which the courier enters to take the order
// (the API checks it).
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { deliveryOfOrder, type Delivery } from '../../../api/deliveries';
import { useLiveTopic } from '../../../api/live';
import { vehicleWords } from '../../../api/operations';
import { distanceKm, type LatLng } from '../../../ui';
import { clock } from '../shell';

/** Until the courier rides away with the order: the statuses the queue card shows them in. */
const coming = new Set(['pending', 'assigned', 'at_pickup']);
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const LOOKUP_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

function useCourierComing(orderId: string, orderStatus: string) {
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const [position, setPosition] = useState<LatLng | null>(null);
  const current = useRef<Delivery | null>(null);
  /** The delivery read again; the refusal's status when there is none to read (404 at first). */
  const reload = useCallback(async () => {
    const r = await deliveryOfOrder(orderId);
    if (!r.ok) return r.error.status;
    if (!current.current || current.current.version <= r.data.version) {
      current.current = r.data;
      setDelivery(r.data);
    }
    return null;
  }, [orderId]);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async (attempt: number) => {
      const refused = await reload();
      if (!stopped && refused === 404 && attempt < LOOKUP_DELAYS_MS.length)
        timer = setTimeout(() => void look(attempt + 1), LOOKUP_DELAYS_MS[attempt]);
    };
    void look(0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [orderStatus, reload]);
  const topic = delivery && coming.has(delivery.status) ? `delivery.${delivery.id}` : null;
  useLiveTopic(topic, (data) => {
    const d = current.current;
    if (!data || !d || data.status !== d.status) return void reload();
    const at = data.position as { lat?: unknown; lng?: unknown } | undefined;
    const lat = num(at?.lat);
    const lng = num(at?.lng);
    if (lat !== null && lng !== null) setPosition({ lat, lng });
    if (typeof data.pickup_eta === 'string') {
      current.current = { ...d, pickup_eta: data.pickup_eta };
      setDelivery(current.current);
    }
  });
  return { delivery, position };
}

export function CourierComing({ orderId, orderStatus, timeZone }: { orderId: string; orderStatus: string; timeZone: string }) {
  const { delivery: d, position } = useCourierComing(orderId, orderStatus);
  if (!d || !coming.has(d.status)) return null;
  if (d.status === 'pending' || !d.courier)
    return <p class="cell-note courier-coming">Finding a courier for this order…</p>;
  const { first_name, vehicle } = d.courier;
  const who = `${first_name || 'Your courier'}${vehicle ? ` (${vehicleWords[vehicle].toLowerCase()})` : ''}`;
  const where =
    d.status === 'at_pickup'
      ? 'is at the counter'
      : [
          position ? `is ${distanceKm(position, d.pickup.location).toFixed(1)} km away` : 'is on the way',
          d.pickup_eta ? `arrives about ${clock(d.pickup_eta, timeZone)}` : '',
        ]
          .filter(Boolean)
          .join(', ');
  return (
    <div class="courier-coming">
      <p role="status">
        Courier: <strong>{who}</strong> {where}.
      </p>
      {d.pickup_code && (
        <p>
          Pickup code <strong class="pickup-code">{d.pickup_code}</strong>
          <span class="cell-note">Tell it to the courier at the counter: they enter it to take the order.</span>
        </p>
      )}
    </div>
  );
}

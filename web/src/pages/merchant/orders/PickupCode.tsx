// The pickup code on a queue card of an order a platform courier collects (docs/deliveries.md):
// staff tell it to the courier at the counter, who enters it to pick up; with the courier's
// progress, read again when the order changes. Deliveries opens the delivery just after the acceptance, so a missing one is looked
// up again a few times.
import { useEffect, useState } from 'preact/hooks';
import { deliveryOfOrder, deliveryWords } from '../../../api/deliveries';
import type { OrderStatus } from '../../../api/orders';

type Delivery = Extract<Awaited<ReturnType<typeof deliveryOfOrder>>, { ok: true }>['data'];

const LOOKUP_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

export function PickupCode({ orderId, status }: { orderId: string; status: OrderStatus }) {
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async (attempt: number) => {
      const r = await deliveryOfOrder(orderId);
      if (stopped) return;
      if (r.ok) return setDelivery(r.data);
      if (r.error.status === 404 && attempt < LOOKUP_DELAYS_MS.length)
        timer = setTimeout(() => void look(attempt + 1), LOOKUP_DELAYS_MS[attempt]);
    };
    void look(0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [orderId, status]);
  if (!delivery?.pickup_code) return null;
  return (
    <p class="pickup-code">
      Pickup code <strong>{delivery.pickup_code}</strong>: tell it to the courier when you hand the order over.{' '}
      <span class="muted">{deliveryWords[delivery.status]}.</span>
    </p>
  );
}

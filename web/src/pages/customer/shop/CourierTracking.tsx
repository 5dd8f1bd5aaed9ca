// The courier on the customer's order page: where they are on the map (no outside tile host
// unless the server names one), the arrival counting down, the PIN to give at the door, and the
// photo the courier took once delivered, and the way to the delivery's records on the blockchain.
import { useEffect, useState } from 'preact/hooks';
import { loadWebConfig, type WebConfig } from '../../../api/config';
import { deliveryWords } from '../../../api/deliveries';
import type { Order } from '../../../api/orders';
import { distanceKm, formatDateTime, Link, MapView, type MapLayer } from '../../../ui';
import { verificationPath } from '../paths';
import { CourierChat } from './CourierChat';
import { useLiveDelivery } from './useLiveDelivery';

/** "About 12 min (by 18:42)", counting down with `now`. */
function etaWords(iso: string, now: number): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const by = new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (seconds <= 30) return `Any moment now (expected ${by})`;
  const minutes = Math.floor(seconds / 60);
  return `About ${minutes} min ${String(seconds % 60).padStart(2, '0')} s (by ${by})`;
}

function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function CourierTracking({ order }: { order: Order }) {
  const { delivery, courier, photo } = useLiveDelivery(order);
  const now = useNow();
  const [config, setConfig] = useState<WebConfig | null>(null);
  useEffect(() => void loadWebConfig().then(setConfig), []);
  if (!delivery) return null;
  const underWay = ['assigned', 'at_pickup', 'picked_up', 'at_dropoff'].includes(delivery.status);
  const layers: MapLayer[] = [
    { kind: 'point', id: 'pickup', at: delivery.pickup.location, label: delivery.merchant_name, tone: 'merchant' },
    { kind: 'point', id: 'dropoff', at: delivery.dropoff.location, label: 'You', tone: 'address' },
  ];
  if (courier && underWay) layers.push({ kind: 'point', id: 'courier', at: courier.at, label: 'Your courier', tone: 'selected' });
  return (
    <section class="card stack" aria-labelledby="courier-title">
      <h2 id="courier-title">Courier</h2>
      <p>{deliveryWords[delivery.status]}</p>
      <CourierChat orderId={order.id} deliveryStatus={delivery.status} />
      {underWay && delivery.dropoff_eta && (
        <p class="eta">
          <span class="visually-hidden">Arrives: </span>
          {etaWords(delivery.dropoff_eta, now)}
        </p>
      )}
      {delivery.pin && underWay && (
        <p>
          Give your courier this PIN at the door: <strong class="pin">{delivery.pin}</strong>
        </p>
      )}
      {underWay && (
        <p role="status" class="courier-position">
          {courier
            ? `Your courier is ${distanceKm(courier.at, delivery.dropoff.location).toFixed(2)} km from you (seen ${formatDateTime(courier.seenAt)}).`
            : 'The courier’s position shows here once they ride.'}
        </p>
      )}
      {underWay && (
        <div class="courier-map">
          <MapView
            label="Map: the restaurant, your courier and you"
            center={courier?.at ?? delivery.pickup.location}
            zoom={13}
            layers={layers}
            tiles={config?.tiles ?? null}
            fitToLayers
          />
        </div>
      )}
      {delivery.status === 'delivered' && photo && (
        <figure>
          <img class="proof-photo" src={photo} alt="The photo your courier took at the door" width={320} height={240} />
          <figcaption>Photo taken by your courier at the door.</figcaption>
        </figure>
      )}
      {config?.chain && (
        <p>
          <Link href={verificationPath(order.id)}>Check this delivery’s records on the blockchain</Link>
        </p>
      )}
    </section>
  );
}

// One delivery, step by step: ride to the restaurant, arrive, give the pickup code, ride to the
// customer, arrive, prove it (photo, signature, temperature for cold-chain orders, the PIN) and
// deliver. The next stop's address is on top, with the map. Steps go through the outbox, so they
// work without network and are sent in order once it is back.
import { useEffect, useState } from 'preact/hooks';
import { deliveryWords, type Delivery, type DeliveryStatus, type StepRequest } from '../../api/deliveries';
import { loadWebConfig, type WebConfig } from '../../api/config';
import { liveWords } from '../../api/live';
import type { UserError } from '../../api/problem';
import { Alert, Badge, Button, Checkbox, Form, Link, MapView, Price, TextField, type MapLayer } from '../../ui';
import { useCourier } from './courier';
import { DeliveryChat } from './DeliveryChat';
import { queueStep } from './outbox';
import { LocationControls } from './LocationControls';
import { OutboxStatus } from './OutboxStatus';
import { ProofPhoto } from './ProofPhoto';
import { DriverPage, paths } from './shell';
import { SignaturePad } from './SignaturePad';
import { TemperatureEntry } from './TemperatureEntry';
import { useDelivery } from './useDelivery';

const toPickup = (s: DeliveryStatus) => s === 'assigned' || s === 'at_pickup';

const fieldNames: Record<string, string> = { pickup_code: 'The pickup code', pin: "The customer's PIN", reason: 'The reason' };

/** A refused step in words: the step's form is gone by the time the answer comes. */
function refusalWords(error: UserError): string {
  const parts = Object.entries(error.fields).map(([field, message]) => `${fieldNames[field] ?? field} ${message}.`);
  return parts.length > 0 ? `${parts.join(' ')} Check it and try again.` : error.message;
}

function DeliveryMap({ delivery, status }: { delivery: Delivery; status: DeliveryStatus }) {
  const { location } = useCourier();
  const [config, setConfig] = useState<WebConfig | null>(null);
  useEffect(() => void loadWebConfig().then(setConfig), []);
  const layers: MapLayer[] = [
    { kind: 'point', id: 'pickup', at: delivery.pickup.location, label: `Pick up: ${delivery.merchant_name}`, tone: 'merchant' },
    { kind: 'point', id: 'dropoff', at: delivery.dropoff.location, label: `Deliver: ${delivery.dropoff.address}`, tone: 'address' },
  ];
  if (location.position) layers.push({ kind: 'point', id: 'me', at: location.position, label: 'You', tone: 'selected' });
  return (
    <div class="delivery-map">
      <MapView
        label={toPickup(status) ? 'Map: you and the restaurant' : 'Map: you and the customer'}
        center={toPickup(status) ? delivery.pickup.location : delivery.dropoff.location}
        zoom={14}
        layers={layers}
        tiles={config?.tiles ?? null}
        fitToLayers
      />
    </div>
  );
}

function NextStop({ delivery, status }: { delivery: Delivery; status: DeliveryStatus }) {
  const pickup = toPickup(status);
  return (
    <section class="card" aria-labelledby="stop-title">
      <h2 id="stop-title">{pickup ? `Pick up at ${delivery.merchant_name}` : 'Deliver to'}</h2>
      <p class="stop-address">{pickup ? delivery.pickup.address : delivery.dropoff.address}</p>
      {!pickup && delivery.instructions && <p>Instructions: {delivery.instructions}</p>}
      {!pickup && delivery.leave_at_door && <p>The customer asks to leave it at the door.</p>}
    </section>
  );
}

interface StepProps {
  delivery: Delivery;
  status: DeliveryStatus;
  send: (step: StepRequest) => void;
}

function StepPanel({ delivery, status, send }: StepProps) {
  const [idChecked, setIdChecked] = useState(false);
  switch (status) {
    case 'assigned':
      return <Button onClick={() => send({ status: 'at_pickup' })}>I am at the restaurant</Button>;
    case 'at_pickup':
      return (
        <Form
          label="Pick up"
          submitLabel="Picked up"
          busyLabel="Saving…"
          onSubmit={async (v) => send({ status: 'picked_up', pickup_code: v.pickup_code ?? '' })}
        >
          <TextField name="pickup_code" label="Pickup code" hint="The restaurant's staff tell you the 6 digits." inputMode="numeric" autoComplete="off" required />
        </Form>
      );
    case 'picked_up':
      return <Button onClick={() => send({ status: 'at_dropoff' })}>I am at the drop-off</Button>;
    case 'at_dropoff':
      return (
        <Form
          label="Deliver"
          submitLabel="Delivered"
          busyLabel="Saving…"
          onSubmit={async (v) => {
            if (delivery.age_restricted && !idChecked)
              return { message: "Check the customer's ID first: this order has age-restricted items.", fields: {}, status: 422 };
            send({ status: 'delivered', ...(delivery.pin_required ? { pin: v.pin ?? '' } : {}), id_checked: idChecked });
          }}
        >
          {delivery.pin_required && (
            <TextField name="pin" label="Customer's PIN" hint="The customer sees 4 digits on their order page." inputMode="numeric" autoComplete="off" required />
          )}
          {delivery.age_restricted && (
            <Checkbox label="I checked the customer's ID: they are old enough" checked={idChecked} onChange={setIdChecked} />
          )}
        </Form>
      );
    default:
      return null;
  }
}

export function DeliveryPage({ deliveryId }: { deliveryId: string }) {
  const view = useDelivery(deliveryId);
  const { delivery, status } = view;
  if (!delivery || !status)
    return (
      <DriverPage title="Delivery">
        {view.error ? (
          <Alert tone="error">{view.error.status === 404 ? 'This delivery is not yours.' : view.error.message}</Alert>
        ) : (
          <p role="status">Loading the delivery…</p>
        )}
        <p>
          <Link href={paths.home}>Back to your work</Link>
        </p>
      </DriverPage>
    );
  const underWay = ['assigned', 'at_pickup', 'picked_up', 'at_dropoff'].includes(status);
  return (
    <DriverPage title={`Delivery for ${delivery.merchant_name}`}>
      <div class="stack">
        <p role="status">
          <Badge tone={status === 'delivered' ? 'success' : 'warning'}>{deliveryWords[status]}</Badge>
          {view.queued > 0 && ' Saved on this phone: sent once you are back online.'}
        </p>
        {view.refused && <Alert tone="error">{refusalWords(view.refused)}</Alert>}
        {underWay && <NextStop delivery={delivery} status={status} />}
        {underWay && <StepPanel delivery={delivery} status={status} send={(step) => queueStep(delivery.id, step)} />}
        <DeliveryChat orderId={delivery.order_id} status={status} />
        {status === 'delivered' && (
          <Alert tone="success">
            Delivered.{' '}
            {delivery.earnings && (
              <>
                You earned <Price minor={delivery.earnings.amount_minor} currency={delivery.earnings.currency} />.
              </>
            )}
          </Alert>
        )}
        <OutboxStatus />
        {underWay && (
          <section class="card stack" aria-label="Your position">
            <DeliveryMap delivery={delivery} status={status} />
            <LocationControls />
          </section>
        )}
        {(status === 'picked_up' || status === 'at_dropoff' || status === 'delivered') && (
          <>
            <ProofPhoto deliveryId={delivery.id} />
            <SignaturePad deliveryId={delivery.id} />
          </>
        )}
        {delivery.cold_chain && underWay && status !== 'assigned' && (
          <TemperatureEntry deliveryId={delivery.id} range={delivery.cold_chain} />
        )}
        <p class="muted live-state">{liveWords[view.live]}</p>
        <p>
          <Link href={paths.home}>Back to your work</Link>
        </p>
      </div>
    </DriverPage>
  );
}

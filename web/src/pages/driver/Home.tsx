// The courier's work page: on or off shift, where they are (the phone or simulated movement),
// what the phone still has to send, the offers with their countdown (live), and the deliveries
// under way, and notifications on this phone (Web Push).
import { useState } from 'preact/hooks';
import { setShift, deliveryWords } from '../../api/deliveries';
import { liveWords } from '../../api/live';
import type { UserError } from '../../api/problem';
import { DevicePush } from '../../notifications/DevicePush';
import { Alert, Badge, Link, navigate, Toggle } from '../../ui';
import { useCourier } from './courier';
import { LocationControls } from './LocationControls';
import { OfferCard } from './OfferCard';
import { OutboxStatus } from './OutboxStatus';
import { DriverPage, paths } from './shell';

function ShiftCard() {
  const courier = useCourier();
  const { profile } = courier;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  if (!profile)
    return (
      <section class="card" aria-labelledby="shift-title">
        <h2 id="shift-title">Your shift</h2>
        <p>Before your first shift, tell us what you ride.</p>
        <p>
          <Link class="btn btn-primary" href={paths.profile}>
            Set up your vehicle
          </Link>
        </p>
      </section>
    );
  const onShift = profile.status !== 'offline';
  return (
    <section class="card stack" aria-labelledby="shift-title">
      <h2 id="shift-title">Your shift</h2>
      <Toggle
        label="On shift"
        checked={onShift}
        stateLabels={['Offline', 'Online']}
        busy={busy}
        hint={onShift ? 'You get offers while online.' : 'Go online to get offers.'}
        onChange={async (online) => {
          setBusy(true);
          setError(null);
          const r = await setShift(online);
          setBusy(false);
          if (r.ok) courier.setProfile(r.data);
          else setError(r.error);
        }}
      />
      {error && <Alert tone="error">{error.message}</Alert>}
      <LocationControls />
      <OutboxStatus />
    </section>
  );
}

export function Home() {
  const courier = useCourier();
  const [gone, setGone] = useState<string[]>([]);
  const offers = courier.offers.filter((o) => !gone.includes(o.id));
  const onShift = courier.profile !== null && courier.profile.status !== 'offline';
  // The whole page at once when the first answers arrive: nothing already shown moves (CLS).
  if (!courier.loaded)
    return (
      <DriverPage title="Your work">
        <p role="status">Loading your shift and offers…</p>
      </DriverPage>
    );
  return (
    <DriverPage title="Your work">
      <div class="stack">
        {courier.error && <Alert tone="error">{courier.error.message}</Alert>}
        <ShiftCard />
        {courier.active.length > 0 && (
          <section class="card" aria-labelledby="active-title">
            <h2 id="active-title">Under way</h2>
            <ul class="plain-list">
              {courier.active.map((d) => (
                <li key={d.id}>
                  <Link href={paths.delivery(d.id)}>{d.merchant_name} → {d.dropoff.address}</Link>{' '}
                  <Badge tone="warning">{deliveryWords[d.status]}</Badge>
                </li>
              ))}
            </ul>
          </section>
        )}
        <section aria-labelledby="offers-title" class="stack">
          <h2 id="offers-title">Offers</h2>
          <p class="muted live-state">{liveWords[courier.live]}</p>
          {offers.length === 0 ? (
            <p>{onShift ? 'No offers right now. New ones show here as they come.' : 'Go online to get offers.'}</p>
          ) : (
            offers.map((o) => (
              <OfferCard
                key={o.id}
                offer={o}
                onGone={(id) => setGone((g) => [...g, id])}
                onAccepted={(d) => {
                  courier.replaceDelivery(d);
                  navigate(paths.delivery(d.id));
                }}
              />
            ))
          )}
        </section>
        <section class="card stack" aria-labelledby="device-push">
          <h2 id="device-push">Notifications on this phone</h2>
          <DevicePush worker="/driver/sw.js" scope="/driver/" />
        </section>
      </div>
    </DriverPage>
  );
}

// The courier's profile: vehicle, how many orders they carry at once, an insulated box for
// cold-chain orders, their ID check (IdCheck), and how we notify them. The vehicle cannot change
// on shift.
import { useState } from 'preact/hooks';
import { putDriverProfile, type DriverProfileInput } from '../../api/deliveries';
import { NotificationPreferencesEditor } from '../../notifications/PreferencesForm';
import { Alert, Checkbox, Form, Select, TextField } from '../../ui';
import { useCourier } from './courier';
import { IdCheck } from './IdCheck';
import { DriverPage } from './shell';

const vehicles = [
  { value: 'bike', label: 'Bike (up to 2 orders)' },
  { value: 'scooter', label: 'Scooter (up to 3 orders)' },
  { value: 'car', label: 'Car (up to 5 orders)' },
  { value: 'van', label: 'Van (up to 10 orders)' },
];

export function Vehicle() {
  const courier = useCourier();
  const { profile, me } = courier;
  const [cold, setCold] = useState(profile?.cold_storage ?? false);
  const [saved, setSaved] = useState(false);
  const welcome = new URLSearchParams(location.search).has('welcome');
  return (
    <DriverPage title="Your vehicle">
      <div class="stack">
        {welcome && (
          <Alert tone="success">
            Your courier account is ready. Step 2 of 3: your vehicle; step 3: your ID document, below.
          </Alert>
        )}
        <p>
          {me.name} ({me.email}).
        </p>
        {profile && profile.status !== 'offline' && (
          <Alert tone="info">You are on shift: go offline on the work page before changing your vehicle.</Alert>
        )}
        {saved && <Alert tone="success">Saved. You can go online from the work page.</Alert>}
        <Form
          label="Your vehicle"
          submitLabel="Save"
          busyLabel="Saving…"
          onSubmit={async (values) => {
            setSaved(false);
            const body: DriverProfileInput = {
              vehicle: values.vehicle as DriverProfileInput['vehicle'],
              capacity: Number(values.capacity),
              cold_storage: cold,
            };
            const r = await putDriverProfile(body);
            if (!r.ok) return r.error;
            courier.setProfile(r.data);
            setSaved(true);
          }}
        >
          <Select name="vehicle" label="Vehicle" options={vehicles} defaultValue={profile?.vehicle ?? 'bike'} required />
          <TextField
            name="capacity"
            label="Orders at once"
            type="number"
            inputMode="numeric"
            min={1}
            max={10}
            required
            defaultValue={String(profile?.capacity ?? 1)}
          />
          <Checkbox
            label="I have an insulated box (needed for cold-chain orders)"
            checked={cold}
            onChange={setCold}
            name="cold_storage"
          />
        </Form>
        <IdCheck />
        <section class="card stack" aria-labelledby="notify-title">
          <h2 id="notify-title">How we notify you</h2>
          <NotificationPreferencesEditor shown={['email', 'sms', 'push']} />
        </section>
      </div>
    </DriverPage>
  );
}

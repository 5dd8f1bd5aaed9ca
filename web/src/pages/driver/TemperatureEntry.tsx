// A cold-chain order's temperature, read off the box's thermometer and entered by the courier
// (a sensor in the vehicle sends its own readings): in or out of the allowed range, in words.
import { useState } from 'preact/hooks';
import type { UserError } from '../../api/problem';
import { sendTemperature } from '../../api/deliveries';
import { Alert, Form, TextField } from '../../ui';

export function TemperatureEntry({ deliveryId, range }: { deliveryId: string; range: { min_c: number; max_c: number } }) {
  const [last, setLast] = useState<{ celsius: number; inRange: boolean } | null>(null);
  return (
    <section class="card stack" aria-labelledby="temperature-title">
      <h2 id="temperature-title">Temperature</h2>
      <p>
        Keep this order between {range.min_c} °C and {range.max_c} °C. Enter what the box's thermometer shows.
      </p>
      <Form
        label="Temperature"
        submitLabel="Record"
        busyLabel="Recording…"
        onSubmit={async (values): Promise<UserError | void> => {
          const celsius = Number((values.celsius ?? '').replace(',', '.'));
          if (!values.celsius || !Number.isFinite(celsius))
            return { message: 'Enter the temperature as a number, e.g. 4.5.', fields: { celsius: 'must be a number' }, status: 422 };
          const r = await sendTemperature(deliveryId, celsius, new Date().toISOString());
          if (!r.ok) {
            const field = r.error.fields['readings[0].celsius'];
            const fields: Record<string, string> = field ? { celsius: field } : {};
            return { ...r.error, fields };
          }
          setLast({ celsius, inRange: celsius >= range.min_c && celsius <= range.max_c });
        }}
      >
        <TextField name="celsius" label="Temperature (°C)" inputMode="decimal" required />
      </Form>
      {last && (
        <Alert tone={last.inRange ? 'success' : 'error'}>
          {last.inRange
            ? `Recorded ${last.celsius} °C: within range.`
            : `Recorded ${last.celsius} °C: out of range. The restaurant is alerted; close the box and keep going.`}
        </Alert>
      )}
    </section>
  );
}

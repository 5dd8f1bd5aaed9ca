// "Busy? Pause new orders for 10/20/30/60 minutes" with a reason; while paused: "Paused until
// 14:35" and "Resume now". Any staff level may pause and resume.
import { useEffect, useState } from 'preact/hooks';
import { pauseMerchant, resumeMerchant } from '../../api/merchant';
import type { UserError } from '../../api/problem';
import { Alert, Button, Form, RadioGroup, TextField } from '../../ui';
import { clock, useStore, zoneName } from './shell';

const durations = [
  { value: '10', label: '10 minutes' },
  { value: '20', label: '20 minutes' },
  { value: '30', label: '30 minutes' },
  { value: '60', label: '1 hour' },
];

export function PauseControl() {
  const { merchant, update, reload } = useStore();
  const [resuming, setResuming] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const paused = merchant.paused_until !== null && Date.parse(merchant.paused_until) > Date.now();

  // When the pause ends by itself, read the store again (open again, or closed by its hours).
  useEffect(() => {
    if (!paused) return;
    const timer = setTimeout(() => void reload(), Date.parse(merchant.paused_until!) - Date.now() + 1000);
    return () => clearTimeout(timer);
  }, [merchant.paused_until]);

  if (paused)
    return (
      <div class="stack">
        {notice && <Alert tone="success">{notice}</Alert>}
        {error && <Alert tone="error">{error.message}</Alert>}
        <p class="pause-state">
          <strong>
            New orders are paused until {clock(merchant.paused_until!, merchant.time_zone)} (
            {zoneName(merchant.time_zone)} time).
          </strong>
          {merchant.pause_reason && <> Reason: {merchant.pause_reason}.</>} Customers see the store
          as closed; orders already placed carry on.
        </p>
        <Button
          busy={resuming}
          busyLabel="Resuming…"
          onClick={async () => {
            setResuming(true);
            setError(null);
            const r = await resumeMerchant(merchant.id);
            setResuming(false);
            if (!r.ok) return setError(r.error);
            update(r.data);
            setNotice('The store takes new orders again.');
          }}
        >
          Resume now
        </Button>
      </div>
    );

  return (
    <div class="stack">
      {notice && <Alert tone="success">{notice}</Alert>}
      <p>
        Too busy? Pause new orders for a while: the store shows as closed and reopens by itself
        when the time is up.
      </p>
      <Form
        label="Pause new orders"
        submitLabel="Pause new orders"
        busyLabel="Pausing…"
        onSubmit={async ({ minutes, reason }) => {
          if (!minutes)
            return { message: 'Choose how long to pause.', fields: { minutes: 'Choose how long.' }, status: 0 };
          const r = await pauseMerchant(merchant.id, Number(minutes), reason || undefined);
          if (!r.ok) return r.error;
          setNotice(null);
          update(r.data);
        }}
      >
        <RadioGroup name="minutes" legend="Pause for" options={durations} defaultValue="20" required />
        <TextField
          name="reason"
          label="Reason"
          hint="For your team, e.g. “kitchen full” or “driver shortage”."
          maxLength={200}
        />
      </Form>
    </div>
  );
}

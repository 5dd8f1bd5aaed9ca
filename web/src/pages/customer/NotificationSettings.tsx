// The notification preference centre: the channels of each kind of notification, quiet hours,
// language and time zone, and Web Push on this device (a service worker subscribed with the
// server's VAPID key).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import {
  preferences as loadPreferences,
  savePreferences,
  type NotificationPreferences,
} from '../../api/notifications';
import type { UserError } from '../../api/problem';
import {
  Alert,
  Checkbox,
  CheckboxGroup,
  Form,
  Link,
  Page,
  Select,
  TextField,
  TimeRangeInput,
  type TimeRange,
} from '../../ui';
import { DevicePush } from '../../notifications/DevicePush';
import { paths } from './paths';
import { SignedIn } from './SignedIn';

type Kind = 'order' | 'delivery' | 'payment' | 'account';
type Channel = 'email' | 'sms' | 'push' | 'in_app';

const kinds: readonly { kind: Kind; label: string }[] = [
  { kind: 'order', label: 'Orders' },
  { kind: 'delivery', label: 'Deliveries' },
  { kind: 'payment', label: 'Payments' },
  { kind: 'account', label: 'Account' },
];
const channels: readonly { value: Channel; label: string }[] = [
  { value: 'email', label: 'Email' },
  { value: 'sms', label: 'Text message (SMS)' },
  { value: 'push', label: 'Notifications on my devices' },
  { value: 'in_app', label: 'Inbox on this site' },
];
const languages = [
  { value: 'en', label: 'English' },
  { value: 'fr', label: 'Français' },
  { value: 'de', label: 'Deutsch' },
];

export function NotificationSettings({ nav }: { nav: ComponentChildren }) {
  return (
    <Page title="Notification settings" portal="Customer" nav={nav}>
      <SignedIn visitorText="Log in to choose how we notify you.">
        <Settings />
      </SignedIn>
    </Page>
  );
}

function Settings() {
  const [stored, setStored] = useState<NotificationPreferences | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  useEffect(() => {
    void loadPreferences().then((r) => (r.ok ? setStored(r.data) : setError(r.error)));
  }, []);
  if (error) return <Alert tone="error">{error.message}</Alert>;
  if (!stored) return <p role="status">Loading your settings…</p>;
  return (
    <div class="stack">
      <p>
        <Link href={paths.notifications}>Back to my notifications</Link>
      </p>
      <section class="card stack" aria-labelledby="device-push">
        <h2 id="device-push">This device</h2>
        <DevicePush worker="/customer/sw.js" scope="/customer/" />
      </section>
      <PreferencesForm stored={stored} onSaved={setStored} />
    </div>
  );
}

function chosen(p: NotificationPreferences): Record<Kind, Channel[]> {
  const out = {} as Record<Kind, Channel[]>;
  for (const { kind } of kinds) {
    const of = p.channels[kind];
    out[kind] = channels.map((c) => c.value).filter((c) => of[c] === true);
  }
  return out;
}

function PreferencesForm({ stored, onSaved }: {
  stored: NotificationPreferences;
  onSaved: (p: NotificationPreferences) => void;
}) {
  const [choices, setChoices] = useState(() => chosen(stored));
  const [quiet, setQuiet] = useState(stored.quiet_hours !== null);
  const [range, setRange] = useState<TimeRange>(stored.quiet_hours ?? { start: '22:00', end: '07:00' });
  const [saved, setSaved] = useState(false);
  return (
    <>
      {saved && <Alert tone="success">Your notification settings are saved.</Alert>}
      <Form
        label="Notification settings"
        submitLabel="Save settings"
        busyLabel="Saving…"
        onSubmit={async ({ locale, time_zone }) => {
          setSaved(false);
          const body = {
            locale: (locale ?? 'en') as 'en' | 'fr' | 'de',
            time_zone: time_zone || 'UTC',
            quiet_hours: quiet ? range : null,
            channels: Object.fromEntries(
              kinds.map(({ kind }) => [kind, Object.fromEntries(channels.map((c) => [c.value, choices[kind].includes(c.value)]))]),
            ),
          };
          const r = await savePreferences(body);
          if (!r.ok) return r.error;
          onSaved(r.data);
          setSaved(true);
        }}
      >
        {kinds.map(({ kind, label }) => (
          <CheckboxGroup
            key={kind}
            legend={label}
            options={channels}
            values={choices[kind]}
            onChange={(values) => setChoices({ ...choices, [kind]: values as Channel[] })}
          />
        ))}
        <p class="muted">Security codes and password resets always come by email.</p>
        <Checkbox
          label="Hold notifications during quiet hours"
          hint="Email, text messages and device notifications wait until the quiet hours end; the inbox fills at once."
          checked={quiet}
          onChange={setQuiet}
        />
        {quiet && <TimeRangeInput label="Quiet hours" value={range} onChange={setRange} startLabel="From" endLabel="Until" />}
        <Select name="locale" label="Language of messages" options={languages} defaultValue={stored.locale} />
        <TextField
          name="time_zone"
          label="Time zone"
          hint="Times in messages and quiet hours use it, for example Europe/Paris."
          defaultValue={stored.time_zone}
          required
        />
      </Form>
    </>
  );
}

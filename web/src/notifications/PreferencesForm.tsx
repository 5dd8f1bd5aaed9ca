// The notification preference centre's form, for every portal (docs/notifications.md): the
// channels of each kind of notification, quiet hours, language and time zone. A portal without
// an inbox page leaves that channel out: its stored choice is kept as it is.
import { useEffect, useState } from 'preact/hooks';
import {
  preferences as loadPreferences,
  savePreferences,
  type NotificationPreferences,
} from '../api/notifications';
import type { UserError } from '../api/problem';
import { Alert, Checkbox, CheckboxGroup, Form, Select, TextField, TimeRangeInput, type TimeRange } from '../ui';

type Kind = 'order' | 'delivery' | 'payment' | 'account' | 'chat';
export type Channel = 'email' | 'sms' | 'push' | 'in_app';

const every: readonly Channel[] = ['email', 'sms', 'push', 'in_app'];
/** Each kind with the channels it may take: chat messages never go by email or SMS (one mail per message would flood a mailbox). */
const kinds: readonly { kind: Kind; label: string; allowed: readonly Channel[] }[] = [
  { kind: 'order', label: 'Orders', allowed: every },
  { kind: 'delivery', label: 'Deliveries', allowed: every },
  { kind: 'payment', label: 'Payments', allowed: every },
  { kind: 'account', label: 'Account', allowed: every },
  { kind: 'chat', label: 'Chat messages I have not read', allowed: ['push', 'in_app'] },
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

/** The stored preferences, then the form; `shown` the channels offered (all by default). */
export function NotificationPreferencesEditor({ shown }: { shown?: readonly Channel[] }) {
  const [stored, setStored] = useState<NotificationPreferences | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  useEffect(() => {
    void loadPreferences().then((r) => (r.ok ? setStored(r.data) : setError(r.error)));
  }, []);
  if (error) return <Alert tone="error">{error.message}</Alert>;
  if (!stored) return <p role="status">Loading your settings…</p>;
  return <PreferencesForm stored={stored} onSaved={setStored} shown={shown ?? channels.map((c) => c.value)} />;
}

function chosen(p: NotificationPreferences): Record<Kind, Channel[]> {
  const out = {} as Record<Kind, Channel[]>;
  for (const { kind } of kinds) {
    const of = p.channels[kind];
    out[kind] = channels.map((c) => c.value).filter((c) => of[c] === true);
  }
  return out;
}

function PreferencesForm({ stored, onSaved, shown }: {
  stored: NotificationPreferences;
  onSaved: (p: NotificationPreferences) => void;
  shown: readonly Channel[];
}) {
  const offered = channels.filter((c) => shown.includes(c.value));
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
              kinds.map(({ kind }) => [
                kind,
                Object.fromEntries(
                  channels.map((c) => [c.value, shown.includes(c.value) ? choices[kind].includes(c.value) : stored.channels[kind][c.value]]),
                ),
              ]),
            ),
          };
          const r = await savePreferences(body);
          if (!r.ok) return r.error;
          onSaved(r.data);
          setSaved(true);
        }}
      >
        {kinds.map(({ kind, label, allowed }) => (
          <CheckboxGroup
            key={kind}
            legend={label}
            options={offered.filter((c) => allowed.includes(c.value))}
            values={choices[kind].filter((c) => shown.includes(c))}
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

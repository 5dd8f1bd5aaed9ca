// "Turn on notifications on this device", for every portal: asks the browser's permission,
// registers the portal's service worker (public/<portal>/sw.js, which shows each push and opens
// the portal's page for it), subscribes it with the server's VAPID key and hands the
// subscription to the server; turning off does the reverse.
import { useEffect, useState } from 'preact/hooks';
import {
  pushSubscriptions,
  subscribeDevice,
  unsubscribeDevice,
  vapidPublicKey,
} from '../api/notifications';
import { Alert, Button } from '../ui';

/** The portal's service worker and its scope: `/driver/sw.js` for `/driver/`. */
export interface PushPortal {
  worker: string;
  scope: string;
}

type State = 'checking' | 'unsupported' | 'blocked' | 'off' | 'on';

const supported = () =>
  typeof navigator !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

async function currentSubscription({ scope }: PushPortal): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration(scope);
  return registration ? registration.pushManager.getSubscription() : null;
}

async function turnOn({ worker, scope }: PushPortal): Promise<string | null> {
  if ((await Notification.requestPermission()) !== 'granted')
    return 'Notifications are blocked for this site. Allow them in your browser’s site settings, then try again.';
  const key = await vapidPublicKey();
  if (!key.ok) return key.error.message;
  const registration = await navigator.serviceWorker.register(worker, { scope });
  await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: key.data.public_key, // base64url, as the Push API accepts it
  });
  const stored = await subscribeDevice(subscription.toJSON());
  return stored.ok ? null : stored.error.message;
}

async function turnOff(portal: PushPortal): Promise<string | null> {
  const subscription = await currentSubscription(portal);
  if (!subscription) return null;
  const mine = await pushSubscriptions();
  if (!mine.ok) return mine.error.message;
  const record = mine.data.find((s) => s.endpoint === subscription.endpoint);
  if (record) {
    const removed = await unsubscribeDevice(record.id);
    if (!removed.ok) return removed.error.message;
  }
  await subscription.unsubscribe();
  return null;
}

export function DevicePush(portal: PushPortal) {
  const [state, setState] = useState<State>('checking');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!supported()) return setState('unsupported');
    if (Notification.permission === 'denied') return setState('blocked');
    void currentSubscription(portal).then(
      (s) => setState(s ? 'on' : 'off'),
      () => setState('off'),
    );
  }, []);

  async function toggle(on: boolean) {
    setBusy(true);
    setProblem(null);
    try {
      const failure = on ? await turnOn(portal) : await turnOff(portal);
      if (failure) setProblem(failure);
      else setState(on ? 'on' : 'off');
    } catch {
      setProblem('This browser could not turn notifications on. Try again, or use the inbox and email.');
    }
    setBusy(false);
  }

  if (state === 'checking') return <p role="status">Checking this device…</p>;
  if (state === 'unsupported')
    return <p>This browser cannot show notifications from websites. You still get them in the inbox and by email.</p>;
  if (state === 'blocked')
    return <p>Notifications are blocked for this site. Allow them in your browser’s site settings to turn them on.</p>;
  return (
    <div class="stack">
      {problem && <Alert tone="error">{problem}</Alert>}
      <p>
        {state === 'on'
          ? 'This device shows your notifications, even when this site is closed.'
          : 'Get your notifications on this device, even when this site is closed.'}
      </p>
      <p>
        <Button variant={state === 'on' ? 'secondary' : 'primary'} busy={busy} busyLabel="Working…" onClick={() => toggle(state !== 'on')}>
          {state === 'on' ? 'Turn off notifications on this device' : 'Turn on notifications on this device'}
        </Button>
      </p>
    </div>
  );
}

// The customer's notification preference centre: Web Push on this device (a service worker
// subscribed with the server's VAPID key), then the channels of each kind of notification, quiet
// hours, language and time zone (the shared form).
import type { ComponentChildren } from 'preact';
import { DevicePush } from '../../notifications/DevicePush';
import { NotificationPreferencesEditor } from '../../notifications/PreferencesForm';
import { Link, Page } from '../../ui';
import { paths } from './paths';
import { SignedIn } from './SignedIn';

export function NotificationSettings({ nav }: { nav: ComponentChildren }) {
  return (
    <Page title="Notification settings" portal="Customer" nav={nav}>
      <SignedIn visitorText="Log in to choose how we notify you.">
        <div class="stack">
          <p>
            <Link href={paths.notifications}>Back to my notifications</Link>
          </p>
          <section class="card stack" aria-labelledby="device-push">
            <h2 id="device-push">This device</h2>
            <DevicePush worker="/customer/sw.js" scope="/customer/" />
          </section>
          <NotificationPreferencesEditor />
        </div>
      </SignedIn>
    </Page>
  );
}

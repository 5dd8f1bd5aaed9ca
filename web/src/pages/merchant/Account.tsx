// The merchant's own account: who they are (their user id, which an owner needs to add them to a
// store's staff), notifications on this device and how we notify them, two-step login, where
// they are logged in.
import { useState } from 'preact/hooks';
import { MfaSettings } from '../../auth/MfaSettings';
import { SessionsList } from '../../auth/SessionsList';
import { DevicePush } from '../../notifications/DevicePush';
import { NotificationPreferencesEditor } from '../../notifications/PreferencesForm';
import { CopyButton } from '../../ui';
import { MerchantPage, useMerchantAccount } from './shell';

export function Account() {
  const { me } = useMerchantAccount();
  const [mfa, setMfa] = useState(Boolean(me.mfa_enabled));
  return (
    <MerchantPage title="Your account">
      <div class="stack">
        <section class="card" aria-labelledby="who-title">
          <h2 id="who-title">Profile</h2>
          <dl class="facts">
            <dt>Name</dt>
            <dd>{me.name}</dd>
            <dt>Email</dt>
            <dd>{me.email}</dd>
            <dt>User id</dt>
            <dd>
              <code id="my-user-id">{me.id}</code>
            </dd>
          </dl>
          <p class="muted">
            To join a store, give your user id to its owner or a manager: they add you on the
            store's Staff page.
          </p>
          <CopyButton text={me.id ?? ''} label="Copy user id" targetId="my-user-id" />
        </section>
        <section class="card stack" aria-labelledby="device-push">
          <h2 id="device-push">Notifications on this device</h2>
          <DevicePush worker="/merchant/sw.js" scope="/merchant/" />
        </section>
        <section class="card stack" aria-labelledby="notify-title">
          <h2 id="notify-title">How we notify you</h2>
          <NotificationPreferencesEditor shown={['email', 'sms', 'push']} />
        </section>
        <section class="card" aria-labelledby="mfa-title">
          <h2 id="mfa-title">Two-step login</h2>
          <MfaSettings enabled={mfa} onChange={() => setMfa((on) => !on)} />
        </section>
        <section class="card" aria-labelledby="sessions-title">
          <h2 id="sessions-title">Where you are logged in</h2>
          <SessionsList />
        </section>
      </div>
    </MerchantPage>
  );
}

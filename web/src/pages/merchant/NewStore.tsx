// "Create your store": the profile, address and location; opening hours and the delivery zone
// start with plain defaults (every day 11:00–22:00, 3 km around the store) that the store's own
// pages change. The account becomes the store's owner.
import { useState } from 'preact/hooks';
import { createMerchant, forForm, type MerchantCreate } from '../../api/merchant';
import { Form, navigate } from '../../ui';
import { PendingInvitations } from './Invitations';
import { MerchantPage, paths, useMerchantAccount } from './shell';
import {
  profileFromValues,
  siteFromValues,
  StoreFields,
  storeFieldPaths,
  type StoreExtras,
} from './StoreFields';

export const defaultHours: MerchantCreate['opening_hours'] = {
  weekly: (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => ({
    day,
    open: '11:00',
    close: '22:00',
  })),
  exceptions: [],
};

export function NewStore() {
  const account = useMerchantAccount();
  const [extras, setExtras] = useState<StoreExtras>({ cuisines: [], location: null });
  const first = account.memberships.length === 0;
  return (
    <MerchantPage title={first ? 'Create your store' : 'Create another store'}>
      <div class="stack">
        <PendingInvitations />
        <p>
          {first
            ? 'You are not part of a store yet. Create yours here and you become its owner; to join a store that exists, ask its owner to invite your email address from its Staff page.'
            : 'You become the owner of the new store.'}{' '}
          It opens every day from 11:00 to 22:00 and delivers within 3 km until you change its
          opening hours and delivery zone.
        </p>
        <Form
          label="Create your store"
          submitLabel="Create store"
          busyLabel="Creating the store…"
          onSubmit={async (values) => {
            const currency = values.currency || 'EUR';
            const profile = profileFromValues(values, currency);
            const site = siteFromValues(values, extras.location);
            const errors = { ...profile.errors, ...site.errors };
            if (extras.cuisines.length === 0) errors.cuisines = 'Choose at least one cuisine.';
            if (Object.keys(errors).length > 0)
              return { message: 'Some fields need a change: see the messages beside them.', fields: errors, status: 0 };
            const body = {
              ...profile.body,
              ...site.body,
              cuisines: extras.cuisines,
              delivery_zone: { type: 'radius', radius_m: 3000 },
              opening_hours: defaultHours,
            } as MerchantCreate;
            const r = await createMerchant(body);
            if (!r.ok) return forForm(r.error, storeFieldPaths);
            await account.reload();
            navigate(`${paths.store(r.data.id)}?created=1`);
          }}
        >
          <StoreFields extras={extras} onExtras={setExtras} site="new" currency="EUR" />
        </Form>
      </div>
    </MerchantPage>
  );
}

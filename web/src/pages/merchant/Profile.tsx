// The store's profile (PATCH /v1/merchants/{id}): text, cuisines, price level, preparation time,
// minimum order, photo, and for a kitchen its address, location and time zone (a brand shares
// its kitchen's). Field errors appear beside their fields.
import { useState } from 'preact/hooks';
import { forForm, updateMerchant, type MerchantPatch } from '../../api/merchant';
import { Alert, Form, Link } from '../../ui';
import { atLeast, paths, StorePage, useStore } from './shell';
import {
  profileFromValues,
  siteFromValues,
  StoreFields,
  storeFieldPaths,
  type StoreExtras,
} from './StoreFields';

export function Profile() {
  const { merchant, level, update } = useStore();
  const [extras, setExtras] = useState<StoreExtras>({
    cuisines: merchant.cuisines,
    location: merchant.location,
  });
  const [saved, setSaved] = useState(false);
  const brand = merchant.kitchen_id !== null;

  if (!atLeast(level, 'manager'))
    return (
      <StorePage section="profile">
        <p>Only managers and owners change the profile. Ask one of them for changes.</p>
      </StorePage>
    );

  return (
    <StorePage section="profile">
      <div class="stack">
        {brand && (
          <Alert tone="info">
            A virtual brand shares its{' '}
            <Link href={paths.store(merchant.kitchen_id!, 'profile')}>kitchen's</Link> address,
            location, time zone and currency: change them there.
          </Alert>
        )}
        {saved && <Alert tone="success">The profile is saved.</Alert>}
        <Form
          label="Store profile"
          submitLabel="Save profile"
          busyLabel="Saving…"
          onSubmit={async (values) => {
            setSaved(false);
            const profile = profileFromValues(values, merchant.currency);
            const site = brand ? { body: {}, errors: {} } : siteFromValues(values, extras.location);
            const errors: Record<string, string> = { ...profile.errors, ...site.errors };
            if (extras.cuisines.length === 0) errors.cuisines = 'Choose at least one cuisine.';
            if (Object.keys(errors).length > 0)
              return { message: 'Some fields need a change: see the messages beside them.', fields: errors, status: 0 };
            const body = { ...profile.body, ...site.body, cuisines: extras.cuisines } as MerchantPatch;
            const r = await updateMerchant(merchant.id, body);
            if (!r.ok) return forForm(r.error, storeFieldPaths);
            update(r.data);
            setSaved(true);
          }}
        >
          <StoreFields
            merchant={merchant}
            extras={extras}
            onExtras={setExtras}
            site={brand ? 'none' : 'edit'}
            currency={merchant.currency}
          />
        </Form>
      </div>
    </StorePage>
  );
}

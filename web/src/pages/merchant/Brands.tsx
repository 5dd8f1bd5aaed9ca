// Virtual brands: other names and menus cooked in this kitchen (its address, staff and order
// queue). Owners create them; each brand is then a store of its own in this portal, with its
// own profile, hours, zone and menu.
import { useEffect, useState } from 'preact/hooks';
import { createBrand, forForm, listBrands, type BrandCreate, type Merchant } from '../../api/merchant';
import type { UserError } from '../../api/problem';
import { Alert, Badge, Button, Form, Link } from '../../ui';
import { paths, StorePage, storeState, useStore } from './shell';
import { profileFromValues, StoreFields, storeFieldPaths, type StoreExtras } from './StoreFields';

export function Brands() {
  const { merchant, level } = useStore();
  const [brands, setBrands] = useState<Merchant[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [created, setCreated] = useState<Merchant | null>(null);
  const [adding, setAdding] = useState(false);
  const [extras, setExtras] = useState<StoreExtras>({ cuisines: [], location: null });

  async function load() {
    const r = await listBrands(merchant.id);
    if (!r.ok) return setError(r.error);
    setError(null);
    setBrands(r.data.data);
  }
  useEffect(() => {
    if (!merchant.kitchen_id) void load();
  }, [merchant.id]);

  if (merchant.kitchen_id)
    return (
      <StorePage section="brands">
        <p>
          {merchant.name} is a virtual brand. Its kitchen lists and creates brands:{' '}
          <Link href={paths.store(merchant.kitchen_id, 'brands')}>the kitchen's brands</Link>.
        </p>
      </StorePage>
    );

  return (
    <StorePage section="brands">
      <div class="stack">
        <p>
          A virtual brand is another restaurant name with its own menu, cooked in this kitchen by
          the same team. It shares the kitchen's address and staff, and appears to customers as
          a store of its own.
        </p>
        {created && (
          <Alert tone="success">
            <p>
              {created.name} is created. It has no menu yet:{' '}
              <Link href={paths.store(created.id, 'menu')}>build the menu of {created.name}</Link>.
            </p>
          </Alert>
        )}
        {error && <Alert tone="error">{error.message}</Alert>}
        {!brands && !error && <p role="status">Loading the brands…</p>}
        {brands &&
          (brands.length === 0 ? (
            <div class="empty-state" role="status">
              <p>This kitchen has no virtual brands yet.</p>
            </div>
          ) : (
            <ul class="cards" aria-label="Brands of this kitchen">
              {brands.map((b) => {
                const state = storeState(b);
                return (
                  <li class="card" key={b.id}>
                    <h2>
                      <Link href={paths.store(b.id)}>{b.name}</Link>
                    </h2>
                    <p>
                      <Badge tone={state.tone}>{state.text}</Badge>
                    </p>
                    <p class="muted">{b.description}</p>
                    <p>
                      <Link href={paths.store(b.id, 'menu')}>Edit the menu of {b.name}</Link>
                    </p>
                  </li>
                );
              })}
            </ul>
          ))}
        {level === 'owner' ? (
          adding ? (
            <section class="card" aria-labelledby="new-brand-title">
              <h2 id="new-brand-title">New brand</h2>
              <p class="muted">
                It starts with this kitchen's opening hours and delivery zone; change them on the
                brand's own pages.
              </p>
              <Form
                label="New brand"
                submitLabel="Create brand"
                busyLabel="Creating the brand…"
                actions={
                  <Button variant="secondary" onClick={() => setAdding(false)}>
                    Cancel
                  </Button>
                }
                onSubmit={async (values) => {
                  const profile = profileFromValues(values, merchant.currency);
                  const errors = { ...profile.errors };
                  if (extras.cuisines.length === 0) errors.cuisines = 'Choose at least one cuisine.';
                  if (Object.keys(errors).length > 0)
                    return { message: 'Some fields need a change: see the messages beside them.', fields: errors, status: 0 };
                  const body = {
                    ...profile.body,
                    cuisines: extras.cuisines,
                    delivery_zone: merchant.delivery_zone,
                    opening_hours: merchant.opening_hours,
                  } as BrandCreate;
                  const r = await createBrand(merchant.id, body);
                  if (!r.ok) return forForm(r.error, storeFieldPaths);
                  setCreated(r.data);
                  setAdding(false);
                  setExtras({ cuisines: [], location: null });
                  await load();
                }}
              >
                <StoreFields extras={extras} onExtras={setExtras} site="none" currency={merchant.currency} />
              </Form>
            </section>
          ) : (
            <p>
              <Button onClick={() => setAdding(true)}>Create a brand</Button>
            </p>
          )
        ) : (
          <p class="muted">Only owners create brands.</p>
        )}
      </div>
    </StorePage>
  );
}

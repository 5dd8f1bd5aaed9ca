// The portal's home: the stores this account works at (and their virtual brands), to pick one.
// Right after logging in with one store: straight to it. No store: "Create your store".
import { useEffect, useState } from 'preact/hooks';
import { getMerchant, listBrands, type Membership, type Merchant } from '../../api/merchant';
import type { UserError } from '../../api/problem';
import { Alert, Badge, Button, Link, navigate } from '../../ui';
import { PendingInvitations } from './Invitations';
import { NewStore } from './NewStore';
import { levelLabel, MerchantPage, paths, storeState, useMerchantAccount } from './shell';

interface Kitchen {
  membership: Membership;
  merchant: Merchant | null;
  brands: Merchant[];
}

async function loadKitchens(memberships: Membership[]): Promise<Kitchen[] | UserError> {
  const kitchens = await Promise.all(
    memberships.map(async (membership) => {
      const id = membership.merchant_id ?? '';
      const [m, b] = await Promise.all([getMerchant(id), listBrands(id)]);
      if (!m.ok && m.error.status !== 404) return m.error;
      return { membership, merchant: m.ok ? m.data : null, brands: b.ok ? b.data.data : [] };
    }),
  );
  const failed = kitchens.find((k): k is UserError => 'message' in k);
  if (failed) return failed;
  // By name, so a long list is easy to scan.
  return (kitchens as Kitchen[]).sort((a, b) => (a.merchant?.name ?? '').localeCompare(b.merchant?.name ?? ''));
}

function StoreLine({ merchant, note }: { merchant: Merchant; note?: string }) {
  const state = storeState(merchant);
  return (
    <>
      <Link href={paths.store(merchant.id)}>{merchant.name}</Link>{' '}
      <Badge tone={state.tone}>{state.text}</Badge>
      {note && <span class="cell-note">{note}</span>}
    </>
  );
}

export function Stores() {
  const account = useMerchantAccount();
  const [kitchens, setKitchens] = useState<Kitchen[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const only = account.memberships.length === 1 ? account.memberships[0]?.merchant_id : undefined;
  const single = new URLSearchParams(location.search).has('from_login') ? only : undefined;

  async function load() {
    setError(null);
    const r = await loadKitchens(account.memberships);
    if ('message' in r) setError(r);
    else setKitchens(r);
  }

  useEffect(() => {
    // Just logged in, one store, nothing to choose: go straight to it.
    if (single) navigate(paths.store(single), { replace: true });
    else if (account.memberships.length > 0) void load();
  }, [account.memberships]);

  if (account.memberships.length === 0) return <NewStore />;
  if (single)
    return (
      <MerchantPage title="Your stores" narrow>
        <p role="status">Opening your store…</p>
      </MerchantPage>
    );
  return (
    <MerchantPage title="Your stores">
      <div class="stack">
        <PendingInvitations />
        <p>Choose the store to work on. Virtual brands are listed under the kitchen that cooks for them.</p>
        {error && (
          <Alert tone="error">
            <p>{error.message}</p>
            <p>
              <Button variant="secondary" onClick={() => void load()}>
                Try again
              </Button>
            </p>
          </Alert>
        )}
        {!kitchens && !error && <p role="status">Loading your stores…</p>}
        {kitchens && (
          <ul class="cards">
            {kitchens.map(({ membership, merchant, brands }) => (
              <li class="card" key={membership.merchant_id}>
                <h2>
                  {merchant ? (
                    <StoreLine merchant={merchant} />
                  ) : (
                    <span class="muted">A store that was removed</span>
                  )}
                </h2>
                <p class="muted">You are {membership.level ? levelLabel(membership.level).toLowerCase() : 'staff'} here.</p>
                {brands.length > 0 && (
                  <>
                    <h3 class="h-small">Brands of this kitchen</h3>
                    <ul class="plain-list">
                      {brands.map((b) => (
                        <li key={b.id}>
                          <StoreLine merchant={b} />
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link class="btn btn-secondary" href={paths.newStore}>
            Create another store
          </Link>
        </p>
      </div>
    </MerchantPage>
  );
}

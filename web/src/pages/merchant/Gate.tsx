// Who may see the merchant portal's pages. Anonymous → the login page (and back to the page asked
// for); another role → "not a merchant account"; a merchant account → its stores (RequireMerchant);
// a store page → the store's document and the account's level there (RequireStore), or "not
// found" when the account is not its staff (the API answers 404 to strangers).
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getMe, type Profile } from '../../api/auth';
import { getMerchant, myMemberships, type Membership, type Merchant } from '../../api/merchant';
import type { UserError } from '../../api/problem';
import { useSession } from '../../auth/useSession';
import { Alert, Button, Link, navigate, withQuery } from '../../ui';
import {
  AccountContext,
  logOut,
  MerchantPage,
  paths,
  StoreContext,
  type MerchantAccountValue,
} from './shell';

export interface AccountState {
  me: Profile | null;
  memberships: Membership[] | null;
  error: UserError | null;
  reload: () => Promise<void>;
}

/**
 * Loads /v1/me and the account's stores whenever the session becomes authenticated (login,
 * restore, log in again after expiry). Kept across pages, so moving around does not reload them.
 */
export function useAccountLoader(): AccountState {
  const state = useSession();
  const [me, setMe] = useState<Profile | null>(null);
  const [memberships, setMemberships] = useState<Membership[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  async function load() {
    const who = await getMe();
    if (!who.ok) return setError(who.error);
    setMe(who.data);
    if (who.data.role !== 'merchant') return setError(null);
    const stores = await myMemberships();
    if (!stores.ok) return setError(stores.error);
    setError(null);
    setMemberships(stores.data);
  }

  useEffect(() => {
    if (state === 'anonymous') {
      setMe(null);
      setMemberships(null);
      return;
    }
    if (state === 'authenticated') void load();
  }, [state]);

  return { me, memberships, error, reload: load };
}

/** Where to go after logging in: a path of this portal, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/merchant/') && !next.startsWith('//') ? next : paths.home;
}

function NotMerchant({ me }: { me: Profile }) {
  const portal =
    me.role === 'customer' ? '/customer/' : me.role === 'admin' ? '/admin/' : null;
  return (
    <MerchantPage title="This account is not a merchant account" narrow>
      <div class="stack">
        <p>
          You are logged in as {me.email}, a {me.role} account. The merchant portal is for people
          who run stores on ReskFlow.
        </p>
        <p>Log out, then log in with a merchant account or sign up for one.</p>
        <div class="form-actions">
          <Button onClick={() => void logOut()}>Log out</Button>
          {portal && (
            <a class="btn btn-secondary" href={portal}>
              Go to the {me.role} portal
            </a>
          )}
        </div>
      </div>
    </MerchantPage>
  );
}

function CouldNotOpen({ error, retry }: { error: UserError; retry: () => void }) {
  return (
    <MerchantPage title="The merchant portal could not open" narrow>
      <div class="stack">
        <Alert tone="error">{error.message}</Alert>
        <Button onClick={retry}>Try again</Button>
      </div>
    </MerchantPage>
  );
}

/** Renders `children` only for a merchant account, with its stores in AccountContext. */
export function RequireMerchant({
  account,
  children,
}: {
  account: AccountState;
  children: ComponentChildren;
}) {
  const state = useSession();

  useEffect(() => {
    if (state !== 'anonymous') return;
    // Deferred: on the first render this effect runs before App's usePath() subscribes.
    const timer = setTimeout(() =>
      navigate(withQuery(paths.logIn, { next: location.pathname + location.search }), {
        replace: true,
      }),
    );
    return () => clearTimeout(timer);
  }, [state]);

  if (state === 'anonymous')
    return (
      <MerchantPage title="Log in to the merchant portal" narrow>
        <p role="status">
          Taking you to the <Link href={paths.logIn}>login page</Link>…
        </p>
      </MerchantPage>
    );
  const { me, memberships, error } = account;
  if (error && state === 'authenticated' && (!me || !memberships))
    return <CouldNotOpen error={error} retry={() => void account.reload()} />;
  if (me && me.role !== 'merchant') return <NotMerchant me={me} />;
  if (!me || !memberships)
    return (
      <MerchantPage title="Merchant portal" narrow>
        <p role="status">Checking your session…</p>
      </MerchantPage>
    );
  const value: MerchantAccountValue = { me, memberships, reload: account.reload };
  return <AccountContext.Provider value={value}>{children}</AccountContext.Provider>;
}

/**
 * Renders `children` (a store page) with the store's document and the account's level there.
 * A brand's staff are its kitchen's, so the level comes from the kitchen's membership.
 */
export function RequireStore({
  storeId,
  memberships,
  children,
}: {
  storeId: string;
  memberships: Membership[];
  children: ComponentChildren;
}) {
  const [merchant, setMerchant] = useState<Merchant | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  async function load() {
    const r = await getMerchant(storeId);
    if (!r.ok) return setError(r.error);
    setError(null);
    setMerchant(r.data);
  }
  useEffect(() => void load(), [storeId]);

  const staffOf = merchant ? (merchant.kitchen_id ?? merchant.id) : storeId;
  const level = memberships.find((m) => m.merchant_id === staffOf)?.level;

  if (error || (merchant && !level))
    return (
      <MerchantPage title="Store not found" narrow>
        <div class="stack">
          <p>
            {error && error.status !== 404
              ? error.message
              : 'There is no store at this address that you work at. It may have been removed, or the link is wrong.'}
          </p>
          <p>
            <Link href={paths.home}>Go to your stores</Link>
          </p>
        </div>
      </MerchantPage>
    );
  if (!merchant || !level)
    return (
      <MerchantPage title="Store" narrow>
        <p role="status">Loading the store…</p>
      </MerchantPage>
    );
  return (
    <StoreContext.Provider value={{ merchant, level, update: setMerchant, reload: load }}>
      {children}
    </StoreContext.Provider>
  );
}

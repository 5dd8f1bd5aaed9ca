// The merchant portal: one page per path under /merchant/. Every page but login and sign-up sits
// behind RequireMerchant (a merchant account and its stores); the pages of one store
// (/merchant/stores/{id}/{section}) also behind RequireStore (its document and the account's
// level there). SessionExpiredDialog asks to log in again on top of the page when the session
// ends underneath it, so nothing typed is lost.
import { RefreshNotice } from '../../auth/RefreshNotice';
import { SessionExpiredDialog } from '../../auth/SessionExpiredDialog';
import { lazyPage, Link, navigate, usePath } from '../../ui';
import { Account } from './Account';
import { Brands } from './Brands';
import { RequireMerchant, RequireStore, useAccountLoader } from './Gate';
import { Hours } from './Hours';
import { LogIn } from './LogIn';
import { MenuEditor } from './menu/MenuEditor';
import { NewStore } from './NewStore';
import { Overview } from './Overview';
import { Profile } from './Profile';
import { MerchantPage, paths, sections, type Section } from './shell';
import { SignUp } from './SignUp';
import { Staff } from './Staff';
import { Stores } from './Stores';
import { Zone } from './Zone';

// The live order queue, the balance, the promotions and support load on first use.
const Support = lazyPage(() => import('./Support').then((m) => m.Support));
const OrderQueue = lazyPage(() => import('./orders/OrderQueue').then((m) => m.OrderQueue));
const Balance = lazyPage(() => import('./Balance').then((m) => m.Balance));
const Promotions = lazyPage(() => import('./Promotions').then((m) => m.Promotions));

function NotFound() {
  return (
    <MerchantPage title="Page not found">
      <p>There is no merchant page at this address.</p>
      <p>
        <Link href={paths.home}>Go to your stores</Link>
      </p>
    </MerchantPage>
  );
}

function storePage(section: Section) {
  switch (section) {
    case 'overview':
      return <Overview />;
    case 'orders':
      return <OrderQueue />;
    case 'balance':
      return <Balance />;
    case 'promotions':
      return <Promotions />;
    case 'profile':
      return <Profile />;
    case 'hours':
      return <Hours />;
    case 'zone':
      return <Zone />;
    case 'menu':
      return <MenuEditor />;
    case 'staff':
      return <Staff />;
    case 'brands':
      return <Brands />;
  }
}

/** "/merchant/stores/ID/menu" → { id, section: 'menu' }; null for other paths. */
function storePath(path: string): { id: string; section: Section } | null {
  const m = /^\/merchant\/stores\/([^/]+)(?:\/([a-z]+))?$/.exec(path);
  if (!m || m[1] === 'new') return null;
  const section = (m[2] ?? 'overview') as Section;
  if (!sections.some((s) => s.section === section)) return null;
  return { id: decodeURIComponent(m[1]!), section };
}

export function App() {
  const path = usePath().replace(/\/+$/, '') || '/';
  const account = useAccountLoader();
  let page;
  if (path === paths.logIn) page = <LogIn />;
  else if (path === paths.signUp) page = <SignUp />;
  else {
    const store = storePath(path);
    const inner =
      path === '/merchant' ? (
        <Stores />
      ) : path === paths.newStore ? (
        <NewStore />
      ) : path === paths.account ? (
        <Account />
      ) : path === paths.support ? (
        <Support />
      ) : store ? (
        <RequireStore storeId={store.id} memberships={account.memberships ?? []}>
          {storePage(store.section)}
        </RequireStore>
      ) : null;
    page = inner ? (
      // Keyed by path: each page starts fresh (forms, dialogs) when navigated to.
      <RequireMerchant key={path} account={account}>
        {inner}
      </RequireMerchant>
    ) : (
      <NotFound />
    );
  }
  return (
    <>
      {page}
      <RefreshNotice />
      <SessionExpiredDialog onLoggedOut={() => navigate(paths.logIn)} />
    </>
  );
}

// The admin portal: one page per path under /admin/. Every page but the login sits behind
// RequireAdmin (an administrator with two-step login); SessionExpiredDialog asks to log in again
// on top of the page when the session ends underneath it.
import { RefreshNotice } from '../../auth/RefreshNotice';
import { SessionExpiredDialog } from '../../auth/SessionExpiredDialog';
import { Link, lazyPage, navigate, usePath } from '../../ui';
import { Account } from './Account';
import { ApiKeys } from './ApiKeys';
import { Audit } from './Audit';
import { RequireAdmin, useAdminAccount } from './Gate';
import { IdVerifications } from './IdVerifications';
import { LogIn } from './LogIn';
import { Merchants } from './Merchants';
import { Overview } from './Overview';
import { AdminPage, paths } from './shell';
import { Users } from './Users';

// The operations pages are chunks of their own: the login page does not carry them.
const City = lazyPage(() => import('./City').then((m) => m.City));
const Orders = lazyPage(() => import('./Orders').then((m) => m.Orders));
const OrderDetail = lazyPage(() => import('./OrderDetail').then((m) => m.OrderDetail));
const Complaints = lazyPage(() => import('./Complaints').then((m) => m.Complaints));
const Support = lazyPage(() => import('./Support').then((m) => m.Support));
const Couriers = lazyPage(() => import('./Couriers').then((m) => m.Couriers));
const EtaFigures = lazyPage(() => import('./EtaFigures').then((m) => m.EtaFigures));
const Promotions = lazyPage(() => import('./Promotions').then((m) => m.Promotions));
const Subscriptions = lazyPage(() => import('./Subscriptions').then((m) => m.Subscriptions));
const System = lazyPage(() => import('./System').then((m) => m.System));
const orderPath = new RegExp(`^${paths.orders}/([^/]+)$`);

function NotFound() {
  return (
    <AdminPage title="Page not found">
      <p>There is no admin page at this address.</p>
      <p>
        <Link href={paths.home}>Go to the admin overview</Link>
      </p>
    </AdminPage>
  );
}

/** The page for a path behind the gate, or null for an unknown path. */
function adminPage(path: string) {
  switch (path) {
    case '/admin':
      return <Overview />;
    case paths.city:
      return <City />;
    case paths.orders:
      return <Orders />;
    case paths.reports:
      return <Complaints />;
    case paths.promotions:
      return <Promotions />;
    case '/admin/subscriptions': return <Subscriptions />;
    case '/admin/system': return <System />;
    case paths.support:
      return <Support />;
    case paths.drivers:
      return <Couriers />;
    case paths.eta:
      return <EtaFigures />;
    case paths.users:
      return <Users />;
    case paths.merchants:
      return <Merchants />;
    case paths.idVerifications:
      return <IdVerifications />;
    case paths.apiKeys:
      return <ApiKeys />;
    case paths.audit:
      return <Audit />;
    case paths.account:
      return <Account />;
    default: {
      const order = orderPath.exec(path)?.[1];
      return order ? <OrderDetail orderId={decodeURIComponent(order)} /> : null;
    }
  }
}

export function App() {
  const path = usePath().replace(/\/+$/, '') || '/';
  const account = useAdminAccount();
  let page;
  if (path === paths.logIn) page = <LogIn />;
  else {
    const inner = adminPage(path);
    page = inner ? (
      // Keyed by path: each page starts fresh (filters, dialogs) when navigated to.
      <RequireAdmin key={path} account={account}>
        {inner}
      </RequireAdmin>
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

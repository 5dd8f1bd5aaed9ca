// The customer portal: one page per path under /customer/. Browsing and searching need no
// account; carts, group orders and ratings do (their pages ask to log in and come back).
import type { ComponentChildren } from 'preact';
import { logOutTo } from '../../auth/LogOut';
import { RefreshNotice } from '../../auth/RefreshNotice';
import { SessionExpiredDialog } from '../../auth/SessionExpiredDialog';
import { useSession } from '../../auth/useSession';
import { lazyPage, Link, navigate, Page, usePath } from '../../ui';
import { Account } from './Account';
import { Address } from './Address';
import { Browse } from './Browse';
import { Cart } from './Cart';
import { Carts } from './Carts';
import { ForgotPassword } from './ForgotPassword';
import { Home } from './Home';
import { JoinGroup } from './JoinGroup';
import { LogIn } from './LogIn';
import { Merchant } from './Merchant';
import { NotificationSettings } from './NotificationSettings';
import { Notifications, useUnreadCount } from './Notifications';
import { cartPath, logInAndReturn, paths } from './paths';
import { Reviews } from './Reviews';
import { Search } from './Search';
import { SignUp } from './SignUp';
import { readAddress } from './shop/address';
import { useCartSummaries } from './shop/cartSummary';

export { paths };

// Ordering's pages load on first use: most visits browse and never open them.
const Checkout = lazyPage(() => import('./Checkout').then((m) => m.Checkout));
const Order = lazyPage(() => import('./Order').then((m) => m.Order));
const Orders = lazyPage(() => import('./Orders').then((m) => m.Orders));
const Verification = lazyPage(() => import('./Verification').then((m) => m.Verification));

/** "Cart 3" (read "Cart 3 items"): the one active cart, or the list when there are several. */
function CartLink() {
  const carts = useCartSummaries() ?? [];
  const items = carts.reduce((n, c) => n + c.item_count, 0);
  const href = carts.length === 1 ? cartPath(carts[0]!.id) : paths.carts;
  return (
    <Link href={href}>
      Cart
      {items > 0 && (
        <span class="nav-count">
          {items}
          <span class="visually-hidden"> item{items === 1 ? '' : 's'}</span>
        </span>
      )}
    </Link>
  );
}

/** "Notifications 2" (read "Notifications, 2 unread"). */
function NotificationsLink() {
  const unread = useUnreadCount(true);
  return (
    <Link href={paths.notifications}>
      Notifications
      {unread > 0 && (
        <span class="nav-count">
          {unread}
          <span class="visually-hidden"> unread</span>
        </span>
      )}
    </Link>
  );
}

/** Header navigation: what a visitor or a signed-in customer can go to. */
function Nav() {
  const state = useSession();
  const signedIn = state === 'authenticated' || state === 'expired';
  return (
    <>
      <li>
        <Link href={paths.browse}>Merchants</Link>
      </li>
      <li>
        <Link href={paths.search}>Search</Link>
      </li>
      {signedIn ? (
        <>
          <li>
            <CartLink />
          </li>
          <li>
            <Link href={paths.orders}>Orders</Link>
          </li>
          <li>
            <Link href={paths.reviews}>Rate orders</Link>
          </li>
          <li>
            <NotificationsLink />
          </li>
          <li>
            <Link href={paths.account}>Account</Link>
          </li>
        </>
      ) : (
        <>
          <li>
            <Link href={logInAndReturn()}>Log in</Link>
          </li>
          <li>
            <Link href={paths.signUp}>Sign up</Link>
          </li>
        </>
      )}
    </>
  );
}

function NotFound() {
  return (
    <Page title="Page not found" portal="Customer" nav={<Nav />}>
      <p>There is no customer page at this address.</p>
      <p>
        <Link href={paths.home}>Go to the customer home page</Link>
      </p>
    </Page>
  );
}

const withId = /^\/customer\/(merchants|carts|group|orders)\/([^/]+)(\/.*)?$/;

/**
 * Pages with an id in their path: merchants/{id}, carts/{id}[/checkout], group/{token},
 * orders/{id}[/verification].
 */
function pageWithId(path: string, nav: ComponentChildren) {
  const [, section, id, rest] = path.match(withId) ?? [];
  if (!section || !id) return null;
  const value = decodeURIComponent(id);
  if (section === 'carts' && rest === '/checkout') return <Checkout key={value} nav={nav} cartId={value} />;
  if (section === 'orders' && rest === '/verification') return <Verification key={value} nav={nav} orderId={value} />;
  if (rest) return null;
  if (section === 'orders') return <Order key={value} nav={nav} orderId={value} />;
  if (section === 'merchants') return <Merchant key={value} nav={nav} merchantId={value} />;
  if (section === 'carts') return <Cart key={value} nav={nav} cartId={value} />;
  return <JoinGroup key={value} nav={nav} token={value} />;
}

function page(path: string, nav: ComponentChildren) {
  switch (path) {
    case '/customer':
      // With a delivery address the home page is the list of merchants delivering there.
      return readAddress() ? <Browse nav={nav} /> : <Home nav={nav} />;
    case paths.browse:
      return <Browse nav={nav} />;
    case paths.address:
      return <Address nav={nav} />;
    case paths.search:
      return <Search nav={nav} />;
    case paths.carts:
      return <Carts nav={nav} />;
    case paths.reviews:
      return <Reviews nav={nav} />;
    case paths.orders:
      return <Orders nav={nav} />;
    case paths.notifications:
      return <Notifications nav={nav} />;
    case paths.notificationSettings:
      return <NotificationSettings nav={nav} />;
    case paths.signUp:
      return <SignUp nav={nav} />;
    case paths.logIn:
      return <LogIn nav={nav} />;
    case paths.forgotPassword:
      return <ForgotPassword nav={nav} />;
    case paths.account:
      return <Account nav={nav} onLogOut={onLogOut} />;
    default:
      return pageWithId(path, nav) ?? <NotFound />;
  }
}

export function App() {
  const path = usePath().replace(/\/+$/, '') || '/';
  return (
    <>
      {page(path, <Nav />)}
      <RefreshNotice />
      <SessionExpiredDialog onLoggedOut={() => navigate(paths.logIn)} />
    </>
  );
}

const onLogOut = () => logOutTo(paths.logIn);

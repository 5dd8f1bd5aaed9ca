// The driver app: one page per path under /driver/. Every page but the login sits behind
// RequireDriver (a courier account) and shares the courier's state (courier.tsx).
// SessionExpiredDialog asks to log in again on top of the page when the session ends.
import { RefreshNotice } from '../../auth/RefreshNotice';
import { SessionExpiredDialog } from '../../auth/SessionExpiredDialog';
import { Link, navigate, usePath } from '../../ui';
import { DeliveryPage } from './DeliveryPage';
import { Earnings } from './Earnings';
import { RequireDriver } from './Gate';
import { Home } from './Home';
import { LogIn } from './LogIn';
import { SignUp } from './SignUp';
import { Vehicle } from './Vehicle';
import { DriverPage, paths } from './shell';

function NotFound() {
  return (
    <DriverPage title="Page not found">
      <p>There is no driver page at this address.</p>
      <p>
        <Link href={paths.home}>Go to your work</Link>
      </p>
    </DriverPage>
  );
}

function page(path: string) {
  if (path === '/driver') return <Home />;
  if (path === paths.profile) return <Vehicle />;
  if (path === paths.earnings) return <Earnings />;
  const delivery = /^\/driver\/deliveries\/([^/]+)$/.exec(path);
  if (delivery) return <DeliveryPage key={delivery[1]} deliveryId={decodeURIComponent(delivery[1]!)} />;
  return <NotFound />;
}

export function App() {
  const path = usePath().replace(/\/+$/, '') || '/';
  return (
    <>
      <RefreshNotice />
      {path === paths.logIn ? <LogIn /> : path === paths.signUp ? <SignUp /> : <RequireDriver>{page(path)}</RequireDriver>}
      <SessionExpiredDialog onLoggedOut={() => navigate(paths.logIn)} />
    </>
  );
}

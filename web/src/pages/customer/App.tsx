// The customer portal: one page per path under /customer/.
import { logout } from '../../api/auth';
import { SessionExpiredDialog } from '../../auth/SessionExpiredDialog';
import { useSession } from '../../auth/useSession';
import { Link, navigate, Page, usePath } from '../../ui';
import { Account } from './Account';
import { ForgotPassword } from './ForgotPassword';
import { Home } from './Home';
import { LogIn } from './LogIn';
import { SignUp } from './SignUp';

export const paths = {
  home: '/customer/',
  signUp: '/customer/signup',
  logIn: '/customer/login',
  account: '/customer/account',
  forgotPassword: '/customer/forgot-password',
} as const;

/** Header navigation: what a visitor or a signed-in customer can go to. */
function Nav() {
  const state = useSession();
  if (state === 'authenticated' || state === 'expired')
    return (
      <>
        <li>
          <Link href={paths.home}>Home</Link>
        </li>
        <li>
          <Link href={paths.account}>Account</Link>
        </li>
      </>
    );
  return (
    <>
      <li>
        <Link href={paths.logIn}>Log in</Link>
      </li>
      <li>
        <Link href={paths.signUp}>Sign up</Link>
      </li>
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

export function App() {
  const path = usePath().replace(/\/+$/, '') || '/';
  const nav = <Nav />;
  let page;
  switch (path) {
    case '/customer':
      page = <Home nav={nav} />;
      break;
    case paths.signUp:
      page = <SignUp nav={nav} />;
      break;
    case paths.logIn:
      page = <LogIn nav={nav} />;
      break;
    case paths.forgotPassword:
      page = <ForgotPassword nav={nav} />;
      break;
    case paths.account:
      page = <Account nav={nav} onLogOut={onLogOut} />;
      break;
    default:
      page = <NotFound />;
  }
  return (
    <>
      {page}
      <SessionExpiredDialog onLoggedOut={() => navigate(paths.logIn)} />
    </>
  );
}

async function onLogOut() {
  await logout();
  navigate(`${paths.logIn}?logged_out=1`);
}


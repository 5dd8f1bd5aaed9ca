// The admin portal's frame: its paths, the signed-in admin (context), the navigation and the
// page wrapper every admin page renders. Pages import these from './shell'.
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Profile } from '../../api/auth';
import { LogOutButton, logOutTo } from '../../auth/LogOut';
import { useSession } from '../../auth/useSession';
import { Link, Page } from '../../ui';

export const paths = {
  home: '/admin/',
  city: '/admin/city',
  orders: '/admin/orders',
  reports: '/admin/reports',
  promotions: '/admin/promotions',
  support: '/admin/support',
  drivers: '/admin/drivers',
  eta: '/admin/eta',
  logIn: '/admin/login',
  users: '/admin/users',
  merchants: '/admin/merchants',
  idVerifications: '/admin/id-verifications',
  apiKeys: '/admin/api-keys',
  audit: '/admin/audit',
  account: '/admin/account',
} as const;

/** The signed-in administrator (with a second factor); set by RequireAdmin around every page. */
export const AdminContext = createContext<Profile | null>(null);

/** The signed-in administrator. Only for pages rendered inside RequireAdmin. */
export function useAdmin(): Profile {
  const me = useContext(AdminContext);
  if (!me) throw new Error('useAdmin outside RequireAdmin');
  return me;
}

export const logOut = () => logOutTo(paths.logIn);

/** The header navigation: every section for an admin, only "Log out" while the gate is shut. */
function Nav() {
  const me = useContext(AdminContext);
  const state = useSession();
  const signedIn = state === 'authenticated' || state === 'expired';
  if (!me)
    return signedIn ? (
      <li>
        <LogOutButton logInPath={paths.logIn} />
      </li>
    ) : (
      <li>
        <Link href={paths.logIn}>Log in</Link>
      </li>
    );
  return (
    <>
      <li>
        <Link href={paths.home}>Overview</Link>
      </li>
      <li>
        <Link href={paths.city}>Live city</Link>
      </li>
      <li>
        <Link href={paths.orders}>Orders</Link>
      </li>
      <li>
        <Link href={paths.reports}>Complaints</Link>
      </li>
      <li>
        <Link href={paths.promotions}>Promotions</Link>
      </li>
      <li><Link href="/admin/subscriptions">Subscriptions</Link></li>
      <li><Link href="/admin/system">System</Link></li>
      <li>
        <Link href={paths.support}>Support</Link>
      </li>
      <li>
        <Link href={paths.drivers}>Couriers</Link>
      </li>
      <li>
        <Link href={paths.eta}>ETA figures</Link>
      </li>
      <li>
        <Link href={paths.users}>Users</Link>
      </li>
      <li>
        <Link href={paths.merchants}>Merchants</Link>
      </li>
      <li>
        <Link href={paths.idVerifications}>ID checks</Link>
      </li>
      <li>
        <Link href={paths.apiKeys}>API keys</Link>
      </li>
      <li>
        <Link href={paths.audit}>Audit log</Link>
      </li>
      <li>
        <Link href={paths.account}>Account</Link>
      </li>
      <li>
        <LogOutButton logInPath={paths.logIn} />
      </li>
    </>
  );
}

/** Every admin page: <Page> with the admin navigation. */
export function AdminPage({
  title,
  narrow,
  children,
}: {
  title: string;
  narrow?: boolean;
  children: ComponentChildren;
}) {
  return (
    <Page title={title} portal="Admin" nav={<Nav />} narrow={narrow}>
      {children}
    </Page>
  );
}

/** "customer" → "Customer". */
export const roleLabel = (role: string | undefined) =>
  role ? role[0]!.toUpperCase() + role.slice(1) : 'Unknown';

/** The order's number as people say it: the id's last six characters ("#3F9A2C"). */
export const orderNumber = (id: string) => `#${id.slice(-6).toUpperCase()}`;

/** A courier's short name: the last six characters of their id. */
export const courierName = (driverId: string) => `Courier ${driverId.slice(-6).toUpperCase()}`;

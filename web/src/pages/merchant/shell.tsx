// The merchant portal's frame: its paths, the signed-in merchant account and the store being
// edited (contexts), the header navigation, and the page wrappers every merchant page renders.
// Pages import these from './shell'.
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Profile } from '../../api/auth';
import { LogOutButton, logOutTo } from '../../auth/LogOut';
import type { Membership, Merchant, StaffLevel } from '../../api/merchant';
import { useSession } from '../../auth/useSession';
import { Link, Page } from '../../ui';

export type Section =
  | 'overview'
  | 'orders'
  | 'profile'
  | 'hours'
  | 'zone'
  | 'menu'
  | 'staff'
  | 'brands'
  | 'balance'
  | 'promotions';

export const paths = {
  home: '/merchant/',
  logIn: '/merchant/login',
  signUp: '/merchant/signup',
  newStore: '/merchant/stores/new',
  account: '/merchant/account',
  support: '/merchant/support',
  store: (id: string, section: Section = 'overview') =>
    section === 'overview' ? `/merchant/stores/${id}` : `/merchant/stores/${id}/${section}`,
} as const;

export const sections: readonly { section: Section; label: string }[] = [
  { section: 'overview', label: 'Overview' },
  { section: 'orders', label: 'Orders' },
  { section: 'profile', label: 'Profile' },
  { section: 'hours', label: 'Opening hours' },
  { section: 'zone', label: 'Delivery zone' },
  { section: 'menu', label: 'Menu' },
  { section: 'staff', label: 'Staff' },
  { section: 'brands', label: 'Brands' },
  { section: 'balance', label: 'Balance' },
  { section: 'promotions', label: 'Promotions' },
];

// ---- The signed-in merchant account (RequireMerchant)

export interface MerchantAccountValue {
  me: Profile;
  /** The stores (kitchens) this account is staff of, with its level at each. */
  memberships: Membership[];
  /** Load the memberships again (after creating a store). */
  reload: () => Promise<void>;
}

export const AccountContext = createContext<MerchantAccountValue | null>(null);

export function useMerchantAccount(): MerchantAccountValue {
  const value = useContext(AccountContext);
  if (!value) throw new Error('useMerchantAccount outside RequireMerchant');
  return value;
}

// ---- The store being edited (RequireStore)

export interface StoreValue {
  merchant: Merchant;
  /** The account's level at this store (a brand's is its kitchen's). */
  level: StaffLevel;
  /** Replace the document after a change the API answered with it. */
  update: (merchant: Merchant) => void;
  reload: () => Promise<void>;
}

export const StoreContext = createContext<StoreValue | null>(null);

export function useStore(): StoreValue {
  const value = useContext(StoreContext);
  if (!value) throw new Error('useStore outside RequireStore');
  return value;
}

const rank: Record<StaffLevel, number> = { staff: 0, manager: 1, owner: 2 };

/** At least `min` (owner > manager > staff). */
export const atLeast = (level: StaffLevel, min: StaffLevel) => rank[level] >= rank[min];

export const levelLabel = (level: StaffLevel) =>
  level === 'owner' ? 'Owner' : level === 'manager' ? 'Manager' : 'Staff';

// ---- Navigation and page frames

export const logOut = () => logOutTo(paths.logIn);

/** The header: the account's places when signed in, log in / sign up otherwise. */
function Nav() {
  const account = useContext(AccountContext);
  const state = useSession();
  if (account)
    return (
      <>
        <li>
          <Link href={paths.home}>Your stores</Link>
        </li>
        <li>
          <Link href={paths.support}>Support</Link>
        </li>
        <li>
          <Link href={paths.account}>Account</Link>
        </li>
        <li>
          <LogOutButton logInPath={paths.logIn} />
        </li>
      </>
    );
  if (state === 'authenticated' || state === 'expired')
    return (
      <li>
        <LogOutButton logInPath={paths.logIn} />
      </li>
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

/** Every merchant page: <Page> with the merchant navigation. */
export function MerchantPage({
  title,
  narrow,
  children,
}: {
  title: string;
  narrow?: boolean;
  children: ComponentChildren;
}) {
  return (
    <Page title={title} portal="Merchant" nav={<Nav />} narrow={narrow}>
      {children}
    </Page>
  );
}

/** Open, paused or closed, in words (and colour). */
export function storeState(m: Merchant): { tone: 'success' | 'warning' | 'danger' | 'neutral'; text: string } {
  if (m.status === 'suspended') return { tone: 'danger', text: 'Suspended by ReskFlow' };
  if (m.paused_until && Date.parse(m.paused_until) > Date.now())
    return { tone: 'warning', text: `Paused until ${clock(m.paused_until, m.time_zone)}` };
  return m.open_now ? { tone: 'success', text: 'Open now' } : { tone: 'neutral', text: 'Closed now' };
}

/** "14:35": a time of day on the store's clock, 24-hour like its opening hours. */
export const clock = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(
    new Date(iso),
  );

/** "Europe/Berlin" as people write it: "Europe/Berlin", "America/New York". */
export const zoneName = (timeZone: string) => timeZone.replace(/_/g, ' ');

/**
 * A page of one store: the heading says which section of which store, then the store's own
 * navigation (its sections), then the page.
 */
export function StorePage({
  section,
  children,
}: {
  section: Section;
  children: ComponentChildren;
}) {
  const { merchant } = useStore();
  const label = sections.find((s) => s.section === section)!.label;
  const state = storeState(merchant);
  return (
    <MerchantPage title={section === 'overview' ? merchant.name : `${label}: ${merchant.name}`}>
      <div class="store-bar">
        <p class="store-bar-status">
          <span class={`badge badge-${state.tone}`}>{state.text}</span>
          {merchant.kitchen_id && <span class="muted"> Virtual brand</span>}
        </p>
        <nav class="store-nav" aria-label="Store">
          <ul>
            {sections.map((s) => (
              <li key={s.section}>
                <Link href={paths.store(merchant.id, s.section)}>{s.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {children}
    </MerchantPage>
  );
}

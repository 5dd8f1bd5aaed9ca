// The customer portal's addresses. Pages link with these (and App.tsx routes them), so a path
// changes in one place.
export const paths = {
  home: '/customer/',
  signUp: '/customer/signup',
  logIn: '/customer/login',
  account: '/customer/account',
  forgotPassword: '/customer/forgot-password',
  address: '/customer/address',
  browse: '/customer/browse',
  search: '/customer/search',
  carts: '/customer/carts',
  reviews: '/customer/reviews',
  orders: '/customer/orders',
  notifications: '/customer/notifications',
  notificationSettings: '/customer/notifications/settings',
} as const;

export const merchantPath = (merchantId: string) =>
  `/customer/merchants/${encodeURIComponent(merchantId)}`;
export const cartPath = (cartId: string) => `/customer/carts/${encodeURIComponent(cartId)}`;
export const checkoutPath = (cartId: string) => `${cartPath(cartId)}/checkout`;
export const orderPath = (orderId: string) => `/customer/orders/${encodeURIComponent(orderId)}`;
export const verificationPath = (orderId: string) => `${orderPath(orderId)}/verification`;
export const groupPath = (token: string) => `/customer/group/${encodeURIComponent(token)}`;

/** Where to go after logging in: a `next` customer path from the query, else `fallback`. */
export function nextPath(fallback: string): string {
  const next = new URLSearchParams(location.search).get('next');
  // Only paths inside this portal: never another site (an open redirect).
  return next && /^\/customer\/[^/]/.test(next) && !next.startsWith('//') ? next : fallback;
}

/**
 * Where logging in from here should come back to: this page, or, from the log-in and sign-up
 * pages themselves, where those come back to (the home page when nothing was asked for).
 */
function here(): string {
  if (location.pathname === paths.logIn || location.pathname === paths.signUp) {
    return nextPath(paths.home);
  }
  return location.pathname + location.search;
}

/** The log-in page that comes back here afterwards. */
export const logInAndReturn = (back = here()) => `${paths.logIn}?next=${encodeURIComponent(back)}`;
export const signUpAndReturn = (back = here()) => `${paths.signUp}?next=${encodeURIComponent(back)}`;

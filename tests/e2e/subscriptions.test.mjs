// A customer's membership on the account page against the real server: the plan an admin put on
// sale, a declined card said in words, subscribing, the status with its next billing date,
// cancelling at the period's end and keeping it after all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall,
  checkPage,
  createAdminWithTotp,
  newEmail,
  openPage,
  useServerAndBrowser,
  waitForFocus,
} from './harness.mjs';
import { PASSWORD, registerUser } from './stores.mjs';

const suite = useServerAndBrowser();

async function adminToken(server) {
  const admin = await createAdminWithTotp(server, newEmail('plans'));
  const login = await apiCall(server.url, 'POST', '/v1/auth/login', {
    body: { email: admin.email, password: admin.password },
  });
  const mfa = await apiCall(server.url, 'POST', '/v1/auth/mfa', {
    body: { mfa_token: login.body.mfa_token, code: admin.recovery[0] },
  });
  assert.equal(mfa.status, 200, JSON.stringify(mfa.body));
  return mfa.body.access_token;
}

test('a customer subscribes on their account page, cancels at the period end and resumes', async () => {
  const base = suite.server.url;
  const plan = await apiCall(base, 'POST', '/v1/admin/subscription-plans', {
    token: await adminToken(suite.server),
    body: { name: 'Plus', price_minor: 999, currency: 'EUR', free_delivery_threshold_minor: 1500, service_fee_bp: 250 },
  });
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  const ada = await registerUser(base, { tag: 'member', name: 'Ada Member', role: 'customer' });

  const { page, context, check } = await openPage(suite.browser, base);
  await page.goto(`${base}/customer/login?next=${encodeURIComponent('/customer/account')}`);
  await page.getByLabel('Email').fill(ada.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/customer/account');
  const membership = page.getByRole('region', { name: 'Membership' });
  await membership.getByText(/Plus.*€9\.99 a month.*free delivery on orders from €15\.00/).waitFor();
  await checkPage(page, 'customer-membership-offer');

  // A declined card: the reason in words, focus on the message, nothing subscribed.
  await membership.getByLabel('Card number').fill('4000 0000 0000 0002');
  await membership.getByRole('button', { name: 'Subscribe for €9.99 a month' }).click();
  await waitForFocus(membership.getByRole('alert'));
  assert.match(await membership.getByRole('alert').innerText(), /declined/i);
  assert.equal((await apiCall(base, 'GET', '/v1/me/subscription', { token: ada.token })).status, 404);

  await membership.getByLabel('Card number').fill('4242 4242 4242 4242');
  await membership.getByRole('button', { name: 'Subscribe for €9.99 a month' }).click();
  await membership.getByText(/^Active\. Next billing on /).waitFor();
  await membership.getByText('Plus: €9.99 a month').waitFor();
  await checkPage(page, 'customer-membership-active');
  const mine = await apiCall(base, 'GET', '/v1/me/subscription', { token: ada.token });
  assert.equal(mine.body.status, 'active');

  // Cancelling keeps the benefits until the period ends; the page says until when.
  await membership.getByRole('button', { name: 'Cancel membership' }).click();
  await membership.getByText(/^Cancelled: your benefits last until /).waitFor();
  await checkPage(page, 'customer-membership-cancelled');
  await page.reload();
  await membership.getByText(/^Cancelled: your benefits last until /).waitFor();
  await membership.getByRole('button', { name: 'Keep my membership' }).click();
  await membership.getByText(/^Active\. Next billing on /).waitFor();
  const resumed = await apiCall(base, 'GET', '/v1/me/subscription', { token: ada.token });
  assert.equal(resumed.body.cancel_at_period_end, false);
  check();
  await context.close();
});

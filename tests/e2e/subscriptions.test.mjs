// A customer's membership on the account page against the real server: the plan an admin put on
// sale, a declined card said in words, subscribing, the status with its next billing date,
// cancelling at the period's end and keeping it after all, a new card for the next payment; and
// the admins' list of subscriptions filtered by plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall,
  checkPage,
  createAdminWithTotp,
  logInAdmin,
  newEmail,
  openPage,
  useServerAndBrowser,
  waitForFocus,
} from './harness.mjs';
import { PASSWORD, registerUser } from './stores.mjs';

const suite = useServerAndBrowser();

async function adminToken(server, admin) {
  const login = await apiCall(server.url, 'POST', '/v1/auth/login', {
    body: { email: admin.email, password: admin.password },
  });
  const mfa = await apiCall(server.url, 'POST', '/v1/auth/mfa', {
    body: { mfa_token: login.body.mfa_token, code: admin.recovery.shift() },
  });
  assert.equal(mfa.status, 200, JSON.stringify(mfa.body));
  return mfa.body.access_token;
}

async function createPlan(server, admin, name, price_minor) {
  const plan = await apiCall(server.url, 'POST', '/v1/admin/subscription-plans', {
    token: await adminToken(server, admin),
    body: { name, price_minor, currency: 'EUR', free_delivery_threshold_minor: 1500, service_fee_bp: 250 },
  });
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  return plan.body;
}

test('a customer subscribes on their account page, cancels at the period end, resumes and changes the card', async () => {
  const base = suite.server.url;
  await createPlan(suite.server, await createAdminWithTotp(suite.server, newEmail('plans')), 'Plus', 999);
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

  // A new card: nothing is charged now, the next monthly payment uses it.
  await membership.getByLabel('New card number').fill('4242 4242 4242 4242');
  await membership.getByRole('button', { name: 'Use this card' }).click();
  await membership.getByText('Saved: your next monthly payment uses this card.').waitFor();
  await checkPage(page, 'customer-membership-card');
  check();
  await context.close();
});

test('an admin lists the subscriptions and filters them by plan', async () => {
  const base = suite.server.url;
  const admin = await createAdminWithTotp(suite.server, newEmail('subs'));
  const gold = await createPlan(suite.server, admin, 'Gold', 1999);
  const bob = await registerUser(base, { tag: 'gold', name: 'Bob Gold', role: 'customer' });
  const subscribed = await fetch(`${base}/v1/me/subscription`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bob.token}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'gold-1' },
    body: JSON.stringify({ plan_id: gold.id, payment_method: '4242424242424242' }),
  });
  assert.equal(subscribed.status, 201);

  const { page, context, check } = await openPage(suite.browser, base);
  await logInAdmin(page, base, admin, '/admin/subscriptions');
  await page.getByRole('heading', { name: 'Subscriptions' }).waitFor();
  await page.getByRole('cell', { name: bob.id }).waitFor();
  await page.getByLabel('Plan').selectOption({ label: 'Gold' });
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get('plan_id') === gold.id);
  const table = page.getByRole('table');
  await table.getByText('Gold').first().waitFor();
  assert.equal(await table.getByRole('row').count(), 2); // the header and Bob's
  await table.getByText('Active').waitFor();
  await checkPage(page, 'admin-subscriptions');
  check();
  await context.close();
});

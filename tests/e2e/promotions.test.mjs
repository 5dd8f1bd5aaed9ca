// Promotions end to end: a merchant's manager creates a code on the store's Promotions page and
// sees it listed; an admin creates the platform's automatic free-delivery offer on the platform
// promotions page, and a Swiss franc one (currency chosen on the form); at checkout the customer's unknown code is refused beside the "Promo code"
// field with the reason, the store's code shows what it takes off, both discounts are steps of
// the price, and the order is placed at the discounted total. The merchant then sees the
// redemption and pauses the code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiCall, checkPage, createAdminWithTotp, logInAdmin, newEmail, openPage, useServerAndBrowser } from './harness.mjs';
import { PASSWORD, openStore, registerUser } from './stores.mjs';

const ALEXANDERPLATZ = { lat: 52.5219, lng: 13.4132 };
const STORE = 'Promo Diner';
const suite = useServerAndBrowser();

async function logIn(page, url, email) {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

test('a store code and a platform offer at checkout, run from both portals', async () => {
  const base = suite.server.url;
  const owner = await registerUser(base, { tag: 'promo-owner', role: 'merchant' });
  const store = await openStore(base, owner, {
    name: STORE,
    location: { lat: 52.5219, lng: 13.4532 },
    items: [{ name: 'Spree Burger', price_minor: 1200 }],
  });
  const customer = await registerUser(base, { tag: 'promo-eater', role: 'customer' });
  const cart = await apiCall(base, 'POST', '/v1/carts', {
    token: customer.token,
    body: { merchant_id: store.id, delivery_point: ALEXANDERPLATZ },
  });
  assert.ok([200, 201].includes(cart.status), JSON.stringify(cart.body));
  const line = await apiCall(base, 'POST', `/v1/carts/${cart.body.id}/lines`, {
    token: customer.token,
    body: { item_id: store.items[0].id, quantity: 2, option_ids: [] },
  });
  assert.equal(line.status, 201, JSON.stringify(line.body));

  // The merchant's manager creates a code on the store's Promotions page.
  const desk = (await openPage(suite.browser, base)).page;
  await logIn(desk, `${base}/merchant/stores/${store.id}/promotions`, owner.email);
  await desk.getByRole('heading', { level: 1, name: `Promotions: ${STORE}` }).waitFor();
  await desk.getByText('No promotions yet. Create one below.').waitFor();
  const form = desk.getByRole('form', { name: 'New promotion' });
  await form.getByLabel('Name').fill('Welcome');
  await form.getByLabel('Code (optional)').fill('welcome3');
  await form.getByLabel('Kind').selectOption('fixed_amount');
  await form.getByLabel('Amount off (EUR)').fill('3.00');
  await form.getByLabel('Uses per customer (optional)').fill('1');
  await form.getByRole('button', { name: 'Create promotion' }).click();
  await desk.getByRole('status').getByText('Welcome is running.').waitFor();
  const row = desk.getByRole('row', { name: /Welcome \(code WELCOME3\)/ });
  await row.getByText('€3.00 off').waitFor();
  await row.getByText('active').waitFor();
  await checkPage(desk, 'merchant-promotions');

  // An admin runs the platform's automatic free delivery.
  const admin = await createAdminWithTotp(suite.server, newEmail('promo-admin'));
  const ops = (await openPage(suite.browser, base)).page;
  await logInAdmin(ops, base, admin, '/admin/promotions');
  await ops.getByRole('heading', { level: 1, name: 'Platform promotions' }).waitFor();
  const platformForm = ops.getByRole('form', { name: 'New promotion' });
  await platformForm.getByLabel('Name').fill('Free delivery week');
  await platformForm.getByLabel('Kind').selectOption('free_delivery');
  await platformForm.getByRole('button', { name: 'Create promotion' }).click();
  await ops.getByRole('row', { name: /Free delivery week \(automatic\)/ }).waitFor();
  // Any currency: the merchants' one first and chosen, then the others, amounts in the chosen one.
  assert.equal(await platformForm.getByLabel('Currency').inputValue(), 'EUR');
  await platformForm.getByLabel('Currency').selectOption('CHF');
  await platformForm.getByLabel('Name').fill('Franken fünf');
  await platformForm.getByLabel('Kind').selectOption('fixed_amount');
  await platformForm.getByLabel('Amount off (CHF)').fill('5.00');
  await platformForm.getByRole('button', { name: 'Create promotion' }).click();
  await ops.getByRole('row', { name: /Franken fünf \(automatic\)/ }).getByText(/CHF\s?5\.00 off/).waitFor();
  await checkPage(ops, 'admin-promotions');

  // The customer's checkout: the offer applies by itself; an unknown code says why beside the
  // field; the store's code shows what it takes off.
  const shop = (await openPage(suite.browser, base)).page;
  await shop.goto(`${base}/customer/address`);
  await shop.getByRole('button', { name: /Alexanderplatz, Mitte/ }).click();
  await shop.getByRole('heading', { level: 1, name: 'Merchants near you' }).waitFor();
  await logIn(shop, `${base}/customer/login?next=${encodeURIComponent(`/customer/carts/${cart.body.id}/checkout`)}`, customer.email);
  await shop.getByRole('heading', { level: 1, name: `Order from ${STORE}` }).waitFor();
  const quote = shop.getByRole('region', { name: `Your order from ${STORE}` });
  await quote.getByText('Free delivery week: free delivery').waitFor();
  await shop.getByRole('textbox', { name: 'Address', exact: true }).fill('Alexanderplatz 7');
  const code = shop.getByRole('textbox', { name: 'Promo code' });
  await code.fill('NOPE');
  await shop.getByText('No promotion has the code NOPE.').first().waitFor();
  await code.fill('welcome3');
  await shop.getByText('Applied: Code WELCOME3: 3.00 EUR off; Free delivery week: free delivery.').waitFor();
  await quote.getByText('Code WELCOME3: 3.00 EUR off').waitFor();
  await checkPage(shop, 'customer-checkout-promo-code');
  await shop.getByLabel('Card number').fill('4242 4242 4242 4242');
  await shop.getByRole('button', { name: 'Place order' }).click();
  await shop.getByRole('heading', { level: 2, name: 'Status: Placed' }).waitFor();
  const orders = await apiCall(base, 'GET', '/v1/orders', { token: customer.token });
  const order = await apiCall(base, 'GET', `/v1/orders/${orders.body.data[0].id}`, { token: customer.token });
  const discounts = order.body.price.steps.filter((s) => s.kind === 'discount');
  assert.deepEqual(discounts.map((s) => s.label), ['Code WELCOME3: 3.00 EUR off', 'Free delivery week: free delivery']);

  // The merchant sees the redemption and pauses the code.
  await desk.reload();
  const redeemed = desk.getByRole('row', { name: /Welcome \(code WELCOME3\)/ });
  await redeemed.getByRole('cell', { name: '€3.00', exact: true }).waitFor();
  await redeemed.getByRole('button', { name: 'Pause Welcome' }).click();
  await redeemed.getByText('paused').waitFor();
  await redeemed.getByRole('button', { name: 'Resume Welcome' }).waitFor();
});

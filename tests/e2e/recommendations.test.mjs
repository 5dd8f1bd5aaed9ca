// Recommendations in the customer portal against the real API: after two customers' orders of a
// burger and fries were delivered (and a third order of a shake was only placed), the first
// customer's home shows the dishes and the merchant to order again and the dishes popular near
// the address (the shake is not among them), and the burger's dialog on the menu offers the fries
// as often ordered together, which opens the fries' dialog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiCall, checkPage, eventually, openPage, useServerAndBrowser } from './harness.mjs';
import { PASSWORD, openStore, registerUser } from './stores.mjs';

const STORE_AT = { lat: 52.5219, lng: 13.4532 };
const CUSTOMER_AT = { lat: 52.5219, lng: 13.4132 }; // Alexanderplatz, a demo address
const suite = useServerAndBrowser();
const call = (method, path, options = {}) => apiCall(suite.server.url, method, path, options);
const tag = Date.now().toString(36).slice(-4);

/** A store delivering its own orders, open around the clock: a burger, fries and a shake. */
async function makeStore() {
  const owner = await registerUser(suite.server.url, { tag: 'owner', role: 'merchant' });
  const name = `Spree Grill ${tag}`;
  const store = await openStore(suite.server.url, owner, {
    name,
    location: STORE_AT,
    deliveryMode: 'merchant',
    items: [
      { name: 'Burger', price_minor: 900 },
      { name: 'Fries', price_minor: 350 },
      { name: 'Shake', price_minor: 450 },
    ],
  });
  const [burger, fries, shake] = store.items.map((i) => i.id);
  return { token: owner.token, id: store.id, name, burger, fries, shake };
}

/** `items` to the customer's door, paid with the test card: the order's id. */
async function placeOrder(customer, store, items) {
  const cart = await call('POST', '/v1/carts', {
    token: customer.token,
    body: { merchant_id: store.id, delivery_point: CUSTOMER_AT },
  });
  assert.ok([200, 201].includes(cart.status), JSON.stringify(cart.body));
  for (const item of items) {
    const line = await call('POST', `/v1/carts/${cart.body.id}/lines`, {
      token: customer.token,
      body: { item_id: item, quantity: 1, option_ids: [] },
    });
    assert.equal(line.status, 201, JSON.stringify(line.body));
  }
  const placed = await call('POST', '/v1/orders', {
    token: customer.token,
    body: { cart_id: cart.body.id, payment_method: '4242424242424242', delivery: { address: 'Alexanderplatz 7', point: CUSTOMER_AT } },
  });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  return placed.body.id;
}

/** The merchant takes the order all the way to the customer (merchant delivery). */
async function deliver(store, orderId) {
  const steps = [['accept', { prep_time_minutes: 10 }], ['preparing'], ['ready'], ['picked-up'], ['delivered']];
  for (const [step, body = {}] of steps) {
    const r = await call('POST', `/v1/orders/${orderId}/${step}`, { token: store.token, body });
    assert.equal(r.status, 200, `${step}: ${JSON.stringify(r.body)}`);
  }
}

test('delivered orders show as order again, popular near you and often ordered together', async () => {
  const store = await makeStore();
  const ada = await registerUser(suite.server.url, { tag: 'ada', name: 'Ada Lovelace', role: 'customer' });
  const bob = await registerUser(suite.server.url, { tag: 'bob', name: 'Bob Byte', role: 'customer' });
  await deliver(store, await placeOrder(ada, store, [store.burger, store.fries]));
  await deliver(store, await placeOrder(bob, store, [store.burger, store.fries]));
  await placeOrder(bob, store, [store.shake]); // placed, never delivered: it counts for nothing
  // Recommendations counts each delivery from its event, just after the answer.
  await eventually('the deliveries to be counted', async () => {
    const r = await call('GET', `/v1/recommendations/popular?lat=${CUSTOMER_AT.lat}&lng=${CUSTOMER_AT.lng}`);
    return r.body?.items?.length === 2 ? r : undefined;
  });

  const { page, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/customer/address');
  await page.getByRole('button', { name: /Alexanderplatz, Mitte/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Merchants near you' }).waitFor();
  // A visitor sees what is popular near the address, and nothing to order again.
  const popular = page.getByRole('list', { name: 'Dishes popular near you' });
  await popular.getByRole('link', { name: 'Burger' }).waitFor();
  await popular.getByRole('link', { name: 'Fries' }).waitFor();
  assert.equal(await popular.getByText('Shake').count(), 0);
  assert.equal(await page.getByRole('heading', { name: 'Order again' }).count(), 0);

  await page.goto(suite.server.url + '/customer/login');
  await page.getByLabel('Email').fill(ada.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Merchants near you' }).waitFor();
  const again = page.getByRole('list', { name: 'Dishes to order again' });
  await again.getByRole('link', { name: 'Burger' }).waitFor();
  await again.getByRole('link', { name: 'Fries' }).waitFor();
  await again.getByText('€9.00').waitFor();
  await page.getByRole('region', { name: 'Order again' }).getByRole('link', { name: store.name }).waitFor();
  await checkPage(page, 'customer-recommendations');

  // The burger from "order again" opens its merchant's menu; its dialog offers the fries.
  await again.getByRole('link', { name: 'Burger' }).click();
  await page.getByRole('heading', { level: 1, name: store.name }).waitFor();
  await page.getByRole('button', { name: 'Add Burger' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Burger' });
  const together = dialog.getByRole('region', { name: 'Often ordered together' });
  await together.getByText('€3.50').waitFor();
  await checkPage(page, 'customer-often-ordered-together');
  await together.getByRole('button', { name: 'See Fries' }).click();
  await page.getByRole('dialog', { name: 'Add Fries' }).waitFor();
  await page.getByRole('dialog', { name: 'Add Fries' }).getByRole('region', { name: 'Often ordered together' })
    .getByRole('button', { name: 'See Burger' }).waitFor();
  check();
});

// What a merchant changes in the merchant portal reaches customers, each in their own browser:
// the merchant changes an item's price and marks another sold out, and the customer's menu shows
// both after a reload; the merchant redraws the delivery zone, and a customer outside the new
// zone no longer finds the merchant. The server has the demo city loaded (`reskflow seed`); the
// merchant is the test's own, 2.7 km east of the customer's demo address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiCall, checkPage, newEmail, openPage, useServerAndBrowser } from './harness.mjs';

const PASSWORD = 'lantern orbit pebble 42';
const ALEXANDERPLATZ = { lat: 52.5219, lng: 13.4132 };
const STORE_AT = { lat: 52.5219, lng: 13.4532 };
const STORE = 'Oberbaum Diner';
const suite = useServerAndBrowser({ seed: true });
const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

async function call(method, path, options) {
  return apiCall(suite.server.url, method, path, options);
}

/** The merchant and its menu, made through the API: { email, id }. */
async function makeMerchant() {
  const email = newEmail('diner');
  const registered = await call('POST', '/v1/auth/register', {
    body: { email, password: PASSWORD, name: 'Dora Diner', role: 'merchant' },
  });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  const token = registered.body.access_token;
  const created = await call('POST', '/v1/merchants', {
    token,
    body: {
      name: STORE,
      address: { line1: 'Warschauer Straße 1', city: 'Berlin', postal_code: '10243', country: 'DE' },
      location: STORE_AT,
      time_zone: 'Europe/Berlin',
      currency: 'EUR',
      cuisines: ['burgers', 'american'],
      price_level: 2,
      prep_time_minutes: 15,
      delivery_zone: { type: 'radius', radius_m: 4000 },
      opening_hours: { weekly: everyDay.map((day) => ({ day, open: '00:00', close: '00:00' })) },
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const menu = await call('PUT', `/v1/merchants/${id}/menu`, {
    token,
    body: {
      modifier_groups: [],
      categories: [{ name: 'Burgers', items: [
        { name: 'Spree Burger', price_minor: 1200, allergens: ['gluten'] },
        { name: 'Kiez Fries', price_minor: 450 },
      ] }],
    },
  });
  assert.equal(menu.status, 200, JSON.stringify(menu.body));
  return { email, id };
}

/** Names of the merchants that deliver to `at` and match `q` (discovery's read model). */
async function listedAt(at, q) {
  const r = await call('GET', `/v1/merchants?lat=${at.lat}&lng=${at.lng}&q=${encodeURIComponent(q)}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.data.map((m) => m.name);
}

/** Reloads `page` until `text` (a string or a pattern) shows: discovery indexes catalog's changes from its events. */
async function reloadUntil(page, text) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await page.reload();
    try {
      await page.getByText(text).waitFor({ timeout: 2000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        const said = await page.getByRole('main').innerText();
        throw new Error(`${text} never showed; the page says:\n${said}`, { cause: error });
      }
    }
  }
}

test('a merchant changes a price, sells out an item and redraws the zone; a customer sees each after a reload', async () => {
  const merchant = await makeMerchant();

  // The customer: the demo address, the merchant found by name, its menu.
  const customer = await openPage(suite.browser, suite.server.url);
  const shop = customer.page;
  await shop.goto(suite.server.url + '/customer/address');
  await shop.getByRole('button', { name: /Alexanderplatz, Mitte/ }).click();
  await shop.getByRole('heading', { level: 1, name: 'Merchants near you' }).waitFor();
  await shop.goto(suite.server.url + '/customer/search?q=Oberbaum');
  await reloadUntil(shop, /^1 merchant and \d+ dish(es)? match “Oberbaum”\.$/);
  await shop.locator('#search-results').getByRole('link', { name: STORE }).click();
  await shop.getByRole('heading', { level: 1, name: STORE }).waitFor();
  const burger = shop.locator('.shop-item', { hasText: 'Spree Burger' });
  const fries = shop.locator('.shop-item', { hasText: 'Kiez Fries' });
  await burger.getByText('€12.00').waitFor();
  await fries.getByRole('button', { name: 'Add Kiez Fries' }).waitFor();

  // The merchant, in another browser: the menu page asks to log in and comes back to it.
  const owner = await openPage(suite.browser, suite.server.url);
  const desk = owner.page;
  await desk.goto(`${suite.server.url}/merchant/stores/${merchant.id}/menu`);
  await desk.getByLabel('Email').fill(merchant.email);
  await desk.getByLabel('Password').fill(PASSWORD);
  await desk.getByRole('button', { name: 'Log in' }).click();
  await desk.getByRole('heading', { level: 1, name: `Menu: ${STORE}` }).waitFor();
  await desk.getByRole('button', { name: 'Change Spree Burger' }).click();
  const dialog = desk.getByRole('dialog', { name: 'Change Spree Burger' });
  await dialog.getByLabel('Price (EUR)').fill('13.50');
  await dialog.getByRole('button', { name: 'Save item' }).click();
  await desk.getByText('Spree Burger is saved.').waitFor();
  await desk.getByRole('switch', { name: 'Sold out: Kiez Fries' }).click();
  await desk.getByText('Kiez Fries is sold out.').waitFor();

  // The customer reloads the menu: the new price, and the fries sold out (no "Add").
  await shop.reload();
  await burger.getByText('€13.50').waitFor();
  await fries.getByText('Sold out').waitFor();
  assert.equal(await fries.getByRole('button').count(), 0, 'a sold-out item has no Add button');
  await checkPage(shop, 'customer-merchant-after-edit');

  // The merchant draws a smaller area: a square around the store, less one corner.
  await desk.getByRole('navigation', { name: 'Store' }).getByRole('link', { name: 'Delivery zone', exact: true }).click();
  await desk.getByRole('heading', { level: 1, name: `Delivery zone: ${STORE}` }).waitFor();
  await desk.getByLabel('An area drawn on the map').check();
  await desk.getByRole('button', { name: 'Start with a square' }).click();
  await desk.getByRole('heading', { name: 'Corners (4)' }).waitFor();
  await desk.getByRole('button', { name: 'Remove corner 2' }).click();
  await desk.getByRole('heading', { name: 'Corners (3)' }).waitFor();
  await desk.getByRole('button', { name: 'Save delivery zone' }).click();
  await desk.getByText('The delivery zone is saved.').waitFor();
  owner.check();
  await owner.context.close();

  // The customer at Alexanderplatz, outside the new area, no longer finds the merchant...
  await shop.goto(suite.server.url + '/customer/search?q=Oberbaum');
  await reloadUntil(shop, 'Nothing matches “Oberbaum”. Check the spelling or try fewer words.');
  assert.deepEqual(await listedAt(ALEXANDERPLATZ, 'Oberbaum'), []);
  // ...while someone inside it, south-west of the store, still does.
  const inside = { lat: STORE_AT.lat - 0.005, lng: STORE_AT.lng - 0.005 };
  assert.deepEqual(await listedAt(inside, 'Oberbaum'), [STORE]);
  customer.check();
  await customer.context.close();
});

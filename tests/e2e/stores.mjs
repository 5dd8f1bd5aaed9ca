// Accounts and stores for the browser tests: a user of any role and a Berlin store open around
// the clock with a menu of one category (made through the API), logging in on a portal's page,
// the merchant's live order queue and its accept step, and a courier's phone (390 px, location
// granted) online in the driver app.
import assert from 'node:assert/strict';
import { apiCall, countChimes, newEmail, openPage } from './harness.mjs';

export const PASSWORD = 'lantern orbit pebble 42';
const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A new account of `role` on the server at `baseUrl`: { email, token, id, base }. */
export async function registerUser(baseUrl, { tag, name = `${tag} tester`, role }) {
  const email = newEmail(tag);
  const r = await apiCall(baseUrl, 'POST', '/v1/auth/register', { body: { email, password: PASSWORD, name, role } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const me = await apiCall(baseUrl, 'GET', '/v1/me', { token: r.body.access_token });
  return { email, token: r.body.access_token, id: me.body.id, base: baseUrl };
}

/**
 * `owner`'s store at `location`, open around the clock, delivering in `deliveryMode` (platform
 * couriers unless 'merchant'), selling `items` in one category (with `modifierGroups` their
 * `modifier_group_ids` name): { id, items } with the items as the menu answered them (ids
 * included).
 */
export async function openStore(
  baseUrl,
  owner,
  { name, location, deliveryMode = 'platform', category = 'Mains', items, modifierGroups = [] },
) {
  const created = await apiCall(baseUrl, 'POST', '/v1/merchants', {
    token: owner.token,
    body: {
      name,
      address: { line1: 'Warschauer Straße 1', city: 'Berlin', postal_code: '10243', country: 'DE' },
      location,
      time_zone: 'Europe/Berlin',
      currency: 'EUR',
      cuisines: ['burgers'],
      price_level: 2,
      prep_time_minutes: 15,
      delivery_zone: { type: 'radius', radius_m: 4000 },
      opening_hours: { weekly: everyDay.map((day) => ({ day, open: '00:00', close: '00:00' })) },
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assert.equal(created.body.delivery_mode, 'platform');
  if (deliveryMode === 'merchant') {
    const r = await apiCall(baseUrl, 'PATCH', `/v1/merchants/${id}`, { token: owner.token, body: { delivery_mode: 'merchant' } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const menu = await apiCall(baseUrl, 'PUT', `/v1/merchants/${id}/menu`, {
    token: owner.token,
    body: { modifier_groups: modifierGroups, categories: [{ name: category, items }] },
  });
  assert.equal(menu.status, 200, JSON.stringify(menu.body));
  return { id, items: menu.body.categories[0].items };
}

/** Logs `email` in on the login form `url` shows (any portal's; `?next=` brings it back). */
export async function logIn(page, url, email) {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/**
 * The live order queue of `store` ({ id, name }) in its own browser context, logged in as
 * `email` before any order exists, its chimes counted (harness countChimes): openPage's answer.
 */
export async function openQueue(browser, baseUrl, email, store) {
  const owner = await openPage(browser, baseUrl);
  const desk = owner.page;
  await countChimes(desk);
  await logIn(desk, `${baseUrl}/merchant/stores/${store.id}/orders`, email);
  await desk.getByRole('heading', { level: 1, name: `Orders: ${store.name}` }).waitFor();
  await desk.getByText('Live: changes show here as they happen.').waitFor();
  await desk.getByText('No new orders.', { exact: false }).waitFor();
  return owner;
}

/** On the queue `desk`: order `number` (#ABC123) announced by the alert and a chime. */
export async function orderAnnounced(desk, number) {
  await desk.getByRole('alert').getByText(`New order: ${number}`, { exact: false }).waitFor();
  await desk.waitForFunction(() => window.chimes > 0);
}

/** On the queue `desk`: the alert marked seen, then order `number` accepted as ready in `minutes`. */
export async function acceptOrder(desk, number, minutes) {
  await desk.getByRole('button', { name: 'Seen' }).click();
  await desk.getByRole('button', { name: `Accept order ${number}` }).click();
  const dialog = desk.getByRole('dialog', { name: `Accept order ${number}` });
  await dialog.getByLabel('Ready in (minutes)').fill(String(minutes));
  await dialog.getByRole('button', { name: 'Accept order' }).click();
}

/**
 * `courier`'s phone in its own browser context: 390 px wide, geolocation granted through the
 * browser's emulation and set to `at` (`{latitude, longitude, accuracy}`), logged in to the
 * driver app, a car saved on the vehicle page (with an insulated box for `coldStorage`), on
 * shift. Answers openPage's { page, context, check }.
 */
export async function courierOnline(browser, baseUrl, courier, { at, coldStorage = false }) {
  const driver = await openPage(browser, baseUrl);
  const phone = driver.page;
  await driver.context.grantPermissions(['geolocation', 'notifications'], { origin: baseUrl });
  await driver.context.setGeolocation(at);
  await phone.setViewportSize({ width: 390, height: 844 });
  await logIn(phone, `${baseUrl}/driver/`, courier.email);
  await phone.getByRole('heading', { level: 1, name: 'Your work' }).waitFor();
  await phone.getByRole('link', { name: 'Set up your vehicle' }).click();
  await phone.getByRole('heading', { level: 1, name: 'Your vehicle' }).waitFor();
  await phone.getByRole('combobox', { name: 'Vehicle' }).selectOption('car');
  await phone.getByLabel('Orders at once').fill('2');
  if (coldStorage) await phone.getByLabel(/I have an insulated box/).check();
  await phone.getByRole('button', { name: 'Save', exact: true }).click();
  await phone.getByText('Saved. You can go online from the work page.').waitFor();
  await phone.getByRole('link', { name: 'Work' }).click();
  await phone.getByRole('switch', { name: 'On shift' }).click();
  await phone.getByRole('switch', { name: 'On shift', checked: true }).waitFor();
  await phone.getByText("Sharing your phone's location.").waitFor();
  await phone.getByText('Live: changes show here as they happen.').waitFor();
  return driver;
}

// The admin's operations pages against the real API: the live city (a courier's position moving
// in the list without reloading, over `city.drivers`; the delivery of an accepted order; the
// merchants' zones), order search by merchant, state and day with an order's timeline and a
// manual assignment of its delivery to a courier, the payment and ledger entries of a delivered
// order, a complaint about one line (reported on the customer's order page) resolved with that
// line's price, the outcome on the customer's page, the full refund of the
// rest, the couriers' list and the ETA figures. One admin in one tab, tests in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall,
  checkPage,
  createAdminWithTotp,
  eventually,
  logInAdmin,
  newEmail,
  openPage,
  useServerAndBrowser,
} from './harness.mjs';
import { PASSWORD, openStore, registerUser } from './stores.mjs';

const STORE_AT = { lat: 52.5219, lng: 13.4532 };
const CUSTOMER_AT = { lat: 52.5219, lng: 13.4432 };
const suite = useServerAndBrowser({ env: { RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION: '0' } });
const call = (method, path, options = {}) => apiCall(suite.server.url, method, path, options);
const tag = Date.now().toString(36).slice(-4);

let admin;
let tab;
/** The courier: { email, token, id }. */
let courier;
/** The platform-delivery store and its accepted order. */
let platform;
let platformOrder;

const register = (name, role) => registerUser(suite.server.url, { tag: role, name, role });

/** A store open around the clock selling a burger (9.00) and fries (3.50). */
async function makeStore(name, deliveryMode) {
  const owner = await register(`${name} owner`, 'merchant');
  const store = await openStore(suite.server.url, owner, {
    name,
    location: STORE_AT,
    deliveryMode,
    items: [{ name: 'Burger', price_minor: 900 }, { name: 'Fries', price_minor: 350 }],
  });
  const [burger, fries] = store.items.map((i) => i.id);
  return { ...owner, id: store.id, name, burger, fries };
}

/** A burger and fries to the customer's door, paid with the test card: the order's id. */
async function placeOrder(customer, store) {
  const cart = await call('POST', '/v1/carts', { token: customer.token, body: { merchant_id: store.id, delivery_point: CUSTOMER_AT } });
  assert.ok([200, 201].includes(cart.status), JSON.stringify(cart.body));
  for (const item of [store.burger, store.fries]) {
    const line = await call('POST', `/v1/carts/${cart.body.id}/lines`, { token: customer.token, body: { item_id: item, quantity: 1, option_ids: [] } });
    assert.equal(line.status, 201, JSON.stringify(line.body));
  }
  const placed = await call('POST', '/v1/orders', {
    token: customer.token,
    body: { cart_id: cart.body.id, payment_method: '4242424242424242', delivery: { address: 'Alexanderplatz 7', point: CUSTOMER_AT } },
  });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  return placed.body.id;
}

async function moveOrder(store, orderId, step, body = {}) {
  const r = await call('POST', `/v1/orders/${orderId}/${step}`, { token: store.token, body });
  assert.equal(r.status, 200, `${step}: ${JSON.stringify(r.body)}`);
}

/** One position of the courier, `metresEast` of the store, stamped now. */
async function courierAt(metresEast) {
  const point = { lat: STORE_AT.lat, lng: STORE_AT.lng + metresEast / 67_800, at: new Date().toISOString(), accuracy_m: 150 };
  const r = await call('POST', '/v1/drivers/me/locations', { token: courier.token, body: { points: [point] } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.accepted, 1, JSON.stringify(r.body));
}

async function openSection(page, link, heading) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

const courierName = (id) => `Courier ${id.slice(-6).toUpperCase()}`;
const orderNumber = (id) => `#${id.slice(-6).toUpperCase()}`;

test('the live city shows a courier moving without reloading, the deliveries under way and the zones', async () => {
  admin = await createAdminWithTotp(suite.server, newEmail('ops'));
  courier = await register('Cora Courier', 'driver');
  const vehicle = await call('PUT', '/v1/drivers/me', { token: courier.token, body: { vehicle: 'car', capacity: 2 } });
  assert.equal(vehicle.status, 200, JSON.stringify(vehicle.body));
  const shift = await call('POST', '/v1/drivers/me/shift', { token: courier.token, body: { online: true } });
  assert.equal(shift.status, 200, JSON.stringify(shift.body));
  await courierAt(-200);
  platform = await makeStore(`Spree Grill ${tag}`, 'platform');

  tab = await openPage(suite.browser, suite.server.url);
  const { page } = tab;
  await logInAdmin(page, suite.server.url, admin, '/admin/city');
  await page.getByRole('heading', { level: 1, name: 'Live city' }).waitFor();
  await page.getByText('Live: changes show here as they happen.').waitFor();
  const row = page.getByRole('row').filter({ hasText: courierName(courier.id) });
  await row.getByText('Online').waitFor();
  const before = await row.textContent();
  assert.match(before, /Car/);
  await page.getByRole('listitem').filter({ hasText: `Spree Grill ${tag}: within 4.0 km` }).waitFor();
  await page.getByText('No delivery is under way.').waitFor();

  // The courier rides on: the city topic brings the new position, the page is not reloaded.
  await courierAt(-50);
  await row.filter({ hasNotText: before }).waitFor();

  // A customer's order is accepted: its delivery shows with the restaurant and the address.
  const customer = await register('Carl Customer', 'customer');
  platformOrder = await placeOrder(customer, platform);
  await moveOrder(platform, platformOrder, 'accept', { prep_time_minutes: 10 });
  // Deliveries opens the delivery when it hears of the acceptance, just after the answer.
  await eventually('the delivery to be opened', async () => {
    const r = await call('GET', `/v1/orders/${platformOrder}/delivery`, { token: platform.token });
    return r.status === 200 ? r : undefined;
  });
  await page.getByRole('button', { name: 'Refresh deliveries' }).click();
  const delivery = page.getByRole('row').filter({ hasText: `Spree Grill ${tag}` });
  await delivery.getByText('Alexanderplatz 7').waitFor();
  await delivery.getByRole('link', { name: `Order ${orderNumber(platformOrder)}` }).waitFor();
  assert.equal(await page.locator('.leaflet-interactive').count() >= 4, true, 'zone, route, both ends and the courier are drawn');
  await checkPage(page, 'admin-city');
  tab.check();
});

test('an order is found by merchant, state and day, and its delivery is given to a courier by hand', async () => {
  const { page } = tab;
  await courierAt(-40);
  await openSection(page, 'Orders', 'Orders');
  await page.getByLabel('Merchant').selectOption({ label: `Spree Grill ${tag}` });
  await page.getByLabel('State').selectOption({ label: 'Accepted' });
  const today = new Date();
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  await page.getByLabel('Placed from').fill(day);
  await page.getByLabel('Placed until').fill(day);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/merchant_id=/);
  const link = page.getByRole('link', { name: `Order ${orderNumber(platformOrder)}` });
  await link.waitFor();
  assert.equal(await page.locator('table.data-table tbody tr').count(), 1);
  await checkPage(page, 'admin-orders');

  // Yesterday has none of them.
  const yesterday = new Date(Date.now() - 86_400_000);
  const dayBefore = `${yesterday.getFullYear()}-${String(yesterday.getMonth() + 1).padStart(2, '0')}-${String(yesterday.getDate()).padStart(2, '0')}`;
  await page.getByLabel('Placed from').fill(dayBefore);
  await page.getByLabel('Placed until').fill(dayBefore);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('No orders match these filters.').waitFor();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await link.click();

  await page.getByRole('heading', { level: 1, name: `Order ${orderNumber(platformOrder)}` }).waitFor();
  const timeline = page.getByRole('region', { name: 'Timeline' }).getByRole('listitem');
  await timeline.nth(1).waitFor();
  assert.deepEqual((await timeline.allInnerTexts()).map((t) => t.split(' ')[0]), ['Placed', 'Accepted']);
  await timeline.last().getByText(/by the merchant/).waitFor();
  await page.getByText('No money has moved yet').waitFor();
  await page.getByLabel('Courier').selectOption({ label: `${courierName(courier.id)} (Car)` });
  await checkPage(page, 'admin-order-assign');
  await page.getByRole('button', { name: /^(Assign|Reassign)$/ }).click();
  await page.getByText(`${courierName(courier.id)} now has this delivery.`).waitFor();
  await page.getByRole('region', { name: 'Delivery' }).getByText('Courier on the way to the restaurant').waitFor();
  const mine = await call('GET', '/v1/drivers/me/deliveries?active=true', { token: courier.token });
  assert.equal(mine.body.data.map((d) => d.order_id).join(), platformOrder, 'the courier has the delivery');

  // The page is live: the kitchen starting shows in the timeline without reloading.
  await page.evaluate(() => (window.sameDocument = true));
  await moveOrder(platform, platformOrder, 'preparing');
  await timeline.nth(2).getByText('Being prepared').waitFor();
  assert.equal(await page.evaluate(() => window.sameDocument), true);
  tab.check();
});

test('a delivered order shows its payment and ledger entries; one line is refunded through a complaint, then the rest', async () => {
  const { page } = tab;
  const own = await makeStore(`Kiez Kitchen ${tag}`, 'merchant');
  const customer = await register('Dora Diner', 'customer');
  const orderId = await placeOrder(customer, own);
  await moveOrder(own, orderId, 'accept', { prep_time_minutes: 10 });
  for (const step of ['preparing', 'ready', 'picked-up', 'delivered']) await moveOrder(own, orderId, step);
  // The customer reports the missing fries on the order's page, once quality has heard of the
  // delivery (from its event, just after the answer).
  await eventually('quality to know the order', async () => {
    const r = await call('GET', `/v1/orders/${orderId}/reports`, { token: customer.token });
    return r.status === 200 ? true : undefined;
  });
  const diner = await openPage(suite.browser, suite.server.url);
  const home = diner.page;
  await home.goto(`${suite.server.url}/customer/login?next=${encodeURIComponent(`/customer/orders/${orderId}`)}`);
  await home.getByLabel('Email').fill(customer.email);
  await home.getByLabel('Password').fill(PASSWORD);
  await home.getByRole('button', { name: 'Log in' }).click();
  await home.getByRole('button', { name: 'Report a problem' }).click();
  const report = home.getByRole('form', { name: 'Report a problem' });
  await report.getByLabel('Items are missing').check();
  await report.getByRole('button', { name: 'Send the report' }).click();
  await report.getByText('Choose at least one item.').waitFor();
  await report.getByLabel('1 × Fries').check();
  await report.getByLabel('Anything else we should know?').fill('No fries in the bag.');
  await report.getByRole('button', { name: 'Send the report' }).click();
  await home.getByText('We have your report.', { exact: false }).waitFor();
  await home.getByRole('list', { name: 'Your reports' }).getByText('Waiting').waitFor();
  await checkPage(home, 'customer-order-report');

  await page.goto(`${suite.server.url}/admin/orders/${orderId}`);
  await page.getByRole('heading', { level: 1, name: `Order ${orderNumber(orderId)}` }).waitFor();
  const money = page.getByRole('region', { name: 'Payment and ledger' });
  await money.getByRole('table').getByText(`for order ${orderId}`).waitFor();
  const total = (await call('GET', `/v1/orders/${orderId}`, { token: customer.token })).body.total_minor;
  const euros = (minor) => `€${(minor / 100).toFixed(2)}`;
  await money.getByText('captured', { exact: true }).waitFor();
  assert.match(await money.locator('dl').innerText(), new RegExp(`Captured\\s+${euros(total).replace('.', '\\.')}`));
  await page.getByRole('region', { name: 'Delivery' }).getByText('The merchant delivers this order').waitFor();
  await checkPage(page, 'admin-order-delivered');

  // The complaint names the fries: resolving it suggests their price, and refunds that.
  await openSection(page, 'Complaints', 'Complaints');
  const row = page.getByRole('row').filter({ hasText: orderNumber(orderId) });
  await row.getByText('No fries in the bag.').waitFor();
  await row.getByRole('button', { name: `Resolve the report on order ${orderNumber(orderId)}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Items missing: 1 × Fries.').waitFor();
  assert.equal(await dialog.getByLabel('Amount (EUR)').inputValue(), '3.50');
  await checkPage(page, 'admin-complaint-resolve');
  await dialog.getByRole('button', { name: 'Resolve' }).click();
  await page.getByText(`Refund of 3.50 EUR decided for order ${orderNumber(orderId)}.`).waitFor();
  await page.getByRole('combobox', { name: /Show/ }).selectOption('resolved');
  await page.getByRole('row').filter({ hasText: orderNumber(orderId) }).getByText('Refund of').waitFor();
  await checkPage(page, 'admin-complaints');
  await home.reload();
  await home.getByText(/€3\.50 (is being|was) refunded to your card\./).waitFor();
  diner.check();

  // The rest of the order: refunded in full from its page.
  await page.goto(`${suite.server.url}/admin/orders/${orderId}`);
  const paid = page.getByRole('region', { name: 'Payment and ledger' });
  await paid.getByText('partially refunded').waitFor();
  assert.match(await paid.locator('dl').innerText(), /Refunded\s+€3\.50/);
  await page.getByRole('button', { name: 'Refund the whole order' }).click();
  const refund = page.getByRole('dialog');
  await refund.getByRole('button', { name: 'Refund' }).click();
  await refund.getByText('Say why the order is refunded.').waitFor();
  await refund.getByLabel('Reason').fill('Cold food');
  await refund.getByRole('button', { name: 'Refund' }).click();
  await page.getByText('The order is refunded in full.').waitFor();
  // The entry says what the order left and which admin moved it, linked to their audit trail.
  const entry = page
    .getByRole('region', { name: 'Timeline' })
    .getByText(/^Refunded \(from delivered\) .* by an admin \(account …[\w-]{6}\): Cold food$/);
  await entry.waitFor();
  assert.match(await entry.getByRole('link').getAttribute('href'), /^\/admin\/audit\?actor_id=[\w-]+$/);
  await page.locator('.facts .badge').getByText('Refunded').waitFor();
  const refunded = await call('GET', `/v1/orders/${orderId}`, { token: customer.token });
  assert.equal(refunded.body.status, 'refunded');
  tab.check();
});

test('the couriers list shows shift, vehicle, rating and ID check; the ETA figures say when nothing was measured', async () => {
  const { page } = tab;
  await courierAt(-30);
  await openSection(page, 'Couriers', 'Couriers');
  const row = page.getByRole('row').filter({ hasText: courierName(courier.id) });
  await row.getByText('Online').waitFor();
  await row.getByText('Car, 2 at once').waitFor();
  await row.getByText('Not approved').waitFor();
  await row.getByText('No ratings yet').waitFor();
  await checkPage(page, 'admin-couriers');
  await row.getByRole('button', { name: `Suspend ${courierName(courier.id)}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Suspend' }).click();
  await page.getByText(`${courierName(courier.id)} is suspended and logged out everywhere.`).waitFor();
  const login = await call('POST', '/v1/auth/login', { body: { email: courier.email, password: PASSWORD } });
  assert.notEqual(login.status, 200, 'a suspended courier cannot log in');

  await openSection(page, 'ETA figures', 'ETA figures');
  await page.getByText(/No delivery was completed in this period|completed; the drop-off time/).waitFor();
  await page.getByRole('combobox', { name: /Period/ }).selectOption('168');
  await page.getByRole('status').filter({ hasText: /No delivery was completed|completed; the drop-off/ }).waitFor();
  await checkPage(page, 'admin-eta');
  tab.check();
});

// The whole journey of issue 15 across four browsers at once on one server: a customer finds a
// store by a misspelt search, orders a burger with modifiers and fries, and pays; the merchant's
// queue, open all along, gets the order live with its alert and chime, accepts it and marks it
// ready; the courier's phone (390 px, geolocation granted through the browser's emulation) takes
// the offer, picks up with the code the queue shows, loses the network in the middle and keeps
// working, catches up in order once back online, uploads a proof photo and delivers; the
// customer's order page, never reloaded, shows the courier moving and Delivered; the customer
// reports the missing fries and the admin finds the order with its ledger entries and refunds
// that one line. Every page visited is checked (axe) and screenshotted at 390 and 1280 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall,
  changedText,
  checkPage,
  createAdminWithTotp,
  eventually,
  logInAdmin,
  newEmail,
  openPage,
  photoFile,
  useServerAndBrowser,
} from './harness.mjs';
import { acceptOrder, courierOnline, logIn, openQueue, openStore, orderAnnounced, registerUser } from './stores.mjs';

const STORE = 'Oberbaum Grill';
const MISSPELT = 'Oberbaun';
const STORE_AT = { lat: 52.5219, lng: 13.4532 };
// The courier's emulated accuracy: steps of 270 m are plausible at once (see driver.test.mjs).
const ACCURACY_M = 150;
const WIDTHS = [390, 1280];
// Every accepted order is offered at once, and a dispatch round runs every second.
const suite = useServerAndBrowser({
  env: {
    RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION: '0',
    RESKFLOW_DELIVERIES_DISPATCH_LEAD_S: '3600',
    RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S: '1',
  },
});

const call = (method, path, options = {}) => apiCall(suite.server.url, method, path, options);
const check = (page, name) => checkPage(page, `journey-${name}`, { widths: WIDTHS });
const orderNumber = (id) => `#${id.slice(-6).toUpperCase()}`;

/** The store, platform-delivered: a burger with a required size and optional extras, and fries. */
async function makeStore() {
  const owner = await registerUser(suite.server.url, { tag: 'grill', role: 'merchant' });
  const store = await openStore(suite.server.url, owner, {
    name: STORE,
    location: STORE_AT,
    category: 'Burgers',
    modifierGroups: [
      { id: 'size', name: 'Size', min_selections: 1, max_selections: 1,
        options: [{ name: 'Single' }, { name: 'Double', price_delta_minor: 300 }] },
      { id: 'extras', name: 'Extras', min_selections: 0, max_selections: 2,
        options: [{ name: 'Cheese', price_delta_minor: 100 }, { name: 'Bacon', price_delta_minor: 150 }] },
    ],
    items: [
      { name: 'Spree Burger', price_minor: 1200, modifier_group_ids: ['size', 'extras'] },
      { name: 'Kiez Fries', price_minor: 450 },
    ],
  });
  // Discovery indexes the store from catalog's events: the misspelt name finds it once indexed.
  await eventually('the store to be found by its misspelt name', async () => {
    const r = await call('GET', `/v1/merchants?lat=52.5219&lng=13.4132&q=${MISSPELT}`);
    return r.body?.data?.some((m) => m.name === STORE) ? true : undefined;
  });
  return { ...owner, id: store.id };
}

/** The customer finds the store by a misspelt search and fills the cart: burger with modifiers, fries. */
async function fillCart(shop, customer) {
  const base = suite.server.url;
  await logIn(shop, `${base}/customer/login?next=${encodeURIComponent('/customer/address')}`, customer.email);
  await shop.getByRole('heading', { level: 1, name: 'Where should we deliver?' }).waitFor();
  await shop.getByRole('button', { name: /Alexanderplatz, Mitte/ }).click();
  await shop.getByRole('heading', { level: 1, name: 'Merchants near you' }).waitFor();
  await check(shop, 'customer-browse');
  await shop.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
  await shop.getByLabel('Search merchants and dishes').fill(MISSPELT);
  await shop.getByRole('status').getByText(new RegExp(`1 merchant and \\d+ dish(es)? match “${MISSPELT}”`)).waitFor();
  await check(shop, 'customer-search');
  await shop.locator('#search-results').getByRole('link', { name: STORE }).click();
  await shop.getByRole('heading', { level: 1, name: STORE }).waitFor();
  await check(shop, 'customer-menu');

  // The burger's size is required: Double (+€3.00) with cheese (+€1.00).
  await shop.getByRole('button', { name: 'Add Spree Burger' }).click();
  const burger = shop.getByRole('dialog', { name: 'Add Spree Burger' });
  await burger.getByText('Choose one size.').first().waitFor();
  await burger.getByRole('radio', { name: 'Double' }).check();
  await burger.getByRole('checkbox', { name: 'Cheese' }).check();
  await check(shop, 'customer-modifiers');
  await burger.getByRole('button', { name: 'Add for €16.00' }).click();
  await shop.getByText('Added 1 × Spree Burger to your cart.').waitFor();
  await shop.getByRole('button', { name: 'Add Kiez Fries' }).click();
  await shop.getByRole('dialog', { name: 'Add Kiez Fries' }).getByRole('button', { name: 'Add for €4.50' }).click();
  await shop.getByText('Added 1 × Kiez Fries to your cart.').waitFor();

  await shop.getByRole('link', { name: 'View your cart' }).click();
  await shop.getByRole('heading', { level: 1, name: `Your cart from ${STORE}` }).waitFor();
  await shop.getByText(/Double \(\+€3\.00\)/).waitFor();
  await shop.locator('.price-preview').getByText('€20.50').waitFor();
  await check(shop, 'customer-cart');
}

/** Checkout with an address and the test card; answers the order's id from the order page. */
async function pay(shop) {
  await shop.getByRole('link', { name: 'Go to checkout' }).click();
  await shop.getByRole('heading', { level: 1, name: `Order from ${STORE}` }).waitFor();
  const quote = shop.getByRole('region', { name: `Your order from ${STORE}` });
  await quote.getByText(/This price holds until/).waitFor();
  await shop.getByRole('textbox', { name: 'Address', exact: true }).fill('Alexanderplatz 7');
  await shop.getByLabel('Card number').fill('4242 4242 4242 4242');
  await check(shop, 'customer-checkout');
  await shop.getByRole('button', { name: 'Place order' }).click();
  await shop.getByRole('heading', { level: 2, name: 'Status: Placed' }).waitFor();
  await shop.getByText('Live: changes show here as they happen.').waitFor();
  // From here on the page is never reloaded: this mark would be gone.
  await shop.evaluate(() => (window.sameDocument = true));
  await check(shop, 'customer-order-placed');
  return new URL(shop.url()).pathname.split('/').pop();
}

/** What the phone sends to the server from now on, in order: 'points' and 'step' requests. */
function recordSends(phone) {
  const sends = [];
  phone.on('request', (r) => {
    if (r.method() !== 'POST') return;
    const path = new URL(r.url()).pathname;
    if (path === '/v1/drivers/me/locations') sends.push('points');
    else if (/^\/v1\/deliveries\/[^/]+\/status$/.test(path)) sends.push('step');
  });
  return sends;
}

test('the journey across four browsers: search, order, queue, courier through an outage, delivery, refund', async () => {
  const base = suite.server.url;
  const merchant = await makeStore();
  const customer = await registerUser(base, { tag: 'eater', role: 'customer' });
  const courier = await registerUser(base, { tag: 'rider', role: 'driver' });
  const admin = await createAdminWithTotp(suite.server, newEmail('ops'));

  // Four browser contexts at once. The merchant's queue is open before the order exists.
  const owner = await openQueue(suite.browser, base, merchant.email, { id: merchant.id, name: STORE });
  const desk = owner.page;
  let here = { latitude: STORE_AT.lat, longitude: STORE_AT.lng - 0.003, accuracy: ACCURACY_M };
  const driver = await courierOnline(suite.browser, base, courier, { at: here });
  const phone = driver.page;
  await check(phone, 'driver-work');
  const eater = await openPage(suite.browser, base);
  const shop = eater.page;
  const ops = await openPage(suite.browser, base);
  const office = ops.page;
  await logInAdmin(office, base, admin, '/admin/orders');
  await office.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();

  await fillCart(shop, customer);
  const orderId = await pay(shop);
  const number = orderNumber(orderId);

  // The merchant: the order arrives without a reload, with the alert and the chime.
  const card = desk.getByRole('region', { name: /^New/ }).getByRole('article');
  await card.getByText('1 × Spree Burger').waitFor();
  await card.getByText(/Double/).waitFor();
  await orderAnnounced(desk, number);
  await check(desk, 'merchant-queue-new');
  await acceptOrder(desk, number, 15);
  await shop.getByRole('heading', { level: 2, name: 'Status: Accepted' }).waitFor();

  // The courier gets the offer with its countdown and accepts it.
  const offer = phone.getByRole('article').filter({ hasText: STORE });
  await offer.getByText(/\d+ s left to answer/).waitFor();
  await check(phone, 'driver-offer');
  await offer.getByRole('button', { name: 'Accept' }).click();
  await phone.getByRole('heading', { level: 1, name: `Delivery for ${STORE}` }).waitFor();

  // The kitchen: preparing, then ready; the queue shows who comes for it.
  await desk.getByRole('button', { name: `Start preparing: order ${number}` }).click();
  await desk.getByRole('button', { name: `Mark ready: order ${number}` }).click();
  await shop.getByRole('heading', { level: 2, name: 'Status: Ready for pickup' }).waitFor();
  await phone.getByRole('button', { name: 'I am at the restaurant' }).click();
  await desk.getByText(/Courier: .* \(car\) is at the counter\./).waitFor();
  await check(desk, 'merchant-queue-counter');
  const pickupCode = (await desk.locator('.pickup-code').textContent()).trim();
  await phone.getByLabel('Pickup code').fill(pickupCode);
  await check(phone, 'driver-pickup');
  await phone.getByRole('button', { name: 'Picked up' }).click();
  await phone.getByRole('heading', { name: 'Deliver to' }).waitFor();

  // The customer's page follows the courier as the phone moves.
  const courierCard = shop.getByRole('region', { name: 'Courier' });
  await courierCard.getByText('On the way to you').waitFor();
  const position = courierCard.locator('.courier-position');
  let seen = await changedText(position, 'The courier’s position shows here');
  here = { ...here, longitude: here.longitude - 0.004 };
  await driver.context.setGeolocation(here);
  seen = await changedText(position, seen);
  await check(shop, 'customer-order-courier');

  // The network goes: the courier rides on and arrives; the points and the step wait on the phone.
  await driver.context.setOffline(true);
  for (let i = 0; i < 2; i++) {
    here = { ...here, longitude: here.longitude - 0.004 };
    await driver.context.setGeolocation(here);
  }
  await phone.getByText(/No network: [1-9]\d* location points? kept on this phone/).first().waitFor();
  await phone.getByRole('button', { name: 'I am at the drop-off' }).click();
  await phone.getByText('Saved on this phone: sent once you are back online.').waitFor();
  await phone.getByText(/No network: 1 step and [1-9]\d* location points? kept on this phone/).first().waitFor();
  await check(phone, 'driver-offline');
  assert.equal(await courierCard.getByText('Courier at your door').count(), 0, 'nothing reached the server');

  // Back online: everything kept is sent in the order it happened, and the customer sees it.
  const sends = recordSends(phone);
  await driver.context.setOffline(false);
  await phone.getByText('Everything is sent.').first().waitFor();
  await courierCard.getByText('Courier at your door').waitFor();
  seen = await changedText(position, seen);
  // The points taken before the arrival went first, then the arrival itself.
  const step = sends.indexOf('step');
  assert.ok(step > 0 && sends.slice(0, step).every((s) => s === 'points'), `points first: ${sends}`);

  // Proof photo, then delivered.
  await phone.getByLabel('Take a photo').setInputFiles(await photoFile(phone));
  await phone.getByText('Photo saved with the delivery.').waitFor();
  await phone.getByRole('button', { name: 'Delivered' }).click();
  await phone.getByText(/Delivered\. You earned €\d+\.\d{2}\./).waitFor();
  await check(phone, 'driver-delivered');

  // The customer's page, still the same document: delivered, with the courier's photo.
  await shop.getByRole('heading', { name: /Status: Delivered/ }).waitFor();
  await courierCard.getByRole('img', { name: 'The photo your courier took at the door' }).waitFor();
  assert.equal(await shop.evaluate(() => window.sameDocument), true, 'the order page never reloaded');
  await check(shop, 'customer-order-delivered');

  // The fries were missing: the customer reports that line, once quality has heard of the delivery.
  await eventually('quality to know the order', async () => {
    const r = await call('GET', `/v1/orders/${orderId}/reports`, { token: customer.token });
    return r.status === 200 ? true : undefined;
  });
  await shop.getByRole('button', { name: 'Report a problem' }).click();
  const report = shop.getByRole('form', { name: 'Report a problem' });
  await report.getByLabel('Items are missing').check();
  await report.getByLabel('1 × Kiez Fries').check();
  await report.getByLabel('Anything else we should know?').fill('No fries in the bag.');
  await report.getByRole('button', { name: 'Send the report' }).click();
  await shop.getByText('We have your report.', { exact: false }).waitFor();
  await check(shop, 'customer-order-report');

  // The admin finds the order by its store, sees its payment and ledger entries, and refunds the
  // fries' line by resolving the complaint.
  await office.getByLabel('Merchant').selectOption({ label: STORE });
  await office.getByRole('button', { name: 'Search' }).click();
  await office.getByRole('link', { name: `Order ${number}` }).click();
  await office.getByRole('heading', { level: 1, name: `Order ${number}` }).waitFor();
  const money = office.getByRole('region', { name: 'Payment and ledger' });
  await money.getByRole('table').getByText(`for order ${orderId}`).first().waitFor();
  await money.getByText('captured', { exact: true }).waitFor();
  await check(office, 'admin-order');
  await office.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Complaints' }).click();
  await office.getByRole('heading', { level: 1, name: 'Complaints' }).waitFor();
  const row = office.getByRole('row').filter({ hasText: number });
  await row.getByRole('button', { name: `Resolve the report on order ${number}` }).click();
  const resolve = office.getByRole('dialog');
  await resolve.getByText('Items missing: 1 × Kiez Fries.').waitFor();
  assert.equal(await resolve.getByLabel('Amount (EUR)').inputValue(), '4.50');
  await check(office, 'admin-refund-line');
  await resolve.getByRole('button', { name: 'Resolve' }).click();
  await office.getByText(`Refund of 4.50 EUR decided for order ${number}.`).waitFor();
  await office.goto(`${base}/admin/orders/${orderId}`);
  const refunded = office.getByRole('region', { name: 'Payment and ledger' });
  await refunded.getByText('partially refunded').waitFor();
  assert.match(await refunded.locator('dl').innerText(), /Refunded\s+€4\.50/);
  await check(office, 'admin-order-refunded');

  for (const portal of [owner, driver, eater, ops]) {
    portal.check();
    await portal.context.close();
  }
});

// The driver app end to end, at 390 px with geolocation granted through the browser's
// emulation: a courier sets up a car, goes online, the app's worker shows a push, the courier gets
// the offer of a customer's order (placed through the API at a merchant in platform delivery
// mode) with its countdown, accepts, picks up with the code the merchant's queue shows, rides (the emulated position moves), loses the network in the
// middle (the browser's offline emulation) and keeps working: the step and the points wait on
// the phone and are sent in order once back online; a reload without network opens the same
// delivery from what the phone kept instead of the login page. Then a photo and a signature, the
// customer's PIN, delivered. The customer's order page, one document throughout, shows the
// courier moving, the PIN, the arrival, the delivered state and the proof photo; the merchant's
// queue shows the courier coming and the pickup code given at the counter; the customer rates
// the order and its courier, and the courier's earnings page shows the rating. Last, the app
// opens without network, still logged in, from the service worker's copy of the shell. Other
// tests decline an offer and record a cold-chain order's temperatures, start "Simulate movement"
// where maps open for a courier who never had a position (the demo driver's case), open the
// work page with a kept session without it moving (CLS), and sign a new courier up from the
// app: account, vehicle, ID document with its photo, then the admin's approval shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall,
  changedText,
  checkPage,
  createAdminWithTotp,
  deliverPush,
  eventually,
  newEmail,
  openPage,
  photoFile,
  useServerAndBrowser,
} from './harness.mjs';
import { PASSWORD, courierOnline as phoneOnline, logIn, openStore, registerUser } from './stores.mjs';

const CUSTOMER_AT = { lat: 52.5219, lng: 13.4132 };
const STORE_AT = { lat: 52.5219, lng: 13.4532 };
const STORE = 'Spree Feast House';
// Accuracy the emulation reports: the server allows a jump of both points' accuracy plus what
// the vehicle can ride in the time between, so the test's 270 m steps are plausible at once.
const ACCURACY_M = 150;
// Every order is offered at once (the dispatcher otherwise waits until shortly before it is ready).
const suite = useServerAndBrowser({
  env: { RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION: '0', RESKFLOW_DELIVERIES_DISPATCH_LEAD_S: '3600' },
});

const call = (method, path, options = {}) => apiCall(suite.server.url, method, path, options);

const register = (tag, role) => registerUser(suite.server.url, { tag, role });

/** A merchant in platform delivery mode (the default) open around the clock, selling `item`. */
async function makeMerchant(item = { name: 'Party Platter', price_minor: 11000 }) {
  const owner = await register('feast', 'merchant');
  const store = await openStore(suite.server.url, owner, { name: STORE, location: STORE_AT, category: 'Specials', items: [item] });
  return { ...owner, id: store.id, item: store.items[0].id };
}

/** An order over the high-value threshold (so the courier needs the customer's PIN): its id. */
async function placeOrder(customer, merchant) {
  const cart = await call('POST', '/v1/carts', {
    token: customer.token,
    body: { merchant_id: merchant.id, delivery_point: CUSTOMER_AT },
  });
  assert.ok([200, 201].includes(cart.status), JSON.stringify(cart.body));
  const line = await call('POST', `/v1/carts/${cart.body.id}/lines`, {
    token: customer.token,
    body: { item_id: merchant.item, quantity: 1, option_ids: [] },
  });
  assert.equal(line.status, 201, JSON.stringify(line.body));
  const placed = await call('POST', '/v1/orders', {
    token: customer.token,
    body: { cart_id: cart.body.id, payment_method: '4242424242424242', delivery: { address: 'Alexanderplatz 7', point: CUSTOMER_AT } },
  });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  return placed.body.id;
}

/** The courier's phone at 390 px near the restaurant, logged in, with a car, online. */
const courierOnline = (courier, { coldStorage = false } = {}) =>
  phoneOnline(suite.browser, suite.server.url, courier, {
    at: { latitude: STORE_AT.lat, longitude: STORE_AT.lng - 0.003, accuracy: ACCURACY_M },
    coldStorage,
  });

async function accept(merchant, orderId) {
  const r = await call('POST', `/v1/orders/${orderId}/accept`, { token: merchant.token, body: { prep_time_minutes: 10 } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

test('a courier takes an offer to the door at 390 px, through a network outage, and the customer follows live', async () => {
  const base = suite.server.url;
  const merchant = await makeMerchant();
  const customer = await register('hungry', 'customer');
  const courier = await register('rider', 'driver');
  const orderId = await placeOrder(customer, merchant);

  // The courier's phone: 390 px, location granted, standing near the restaurant.
  const driver = await courierOnline(courier);
  const phone = driver.page;
  let here = { latitude: STORE_AT.lat, longitude: STORE_AT.lng - 0.003, accuracy: ACCURACY_M };

  // The installable shell: a manifest, and the service worker keeps the page for offline use.
  const manifest = await call('GET', '/driver/manifest.webmanifest');
  assert.equal(manifest.status, 200);
  assert.equal(manifest.body.start_url, '/driver/');
  assert.ok(await phone.evaluate(() => navigator.serviceWorker.ready.then(() => caches.match('/driver/')).then(Boolean)));
  // The same worker shows a push (delivered by DevTools: headless Chromium has no push service);
  // a click opens the work page.
  const pushed = await deliverPush(phone, '/driver/', { id: 'offer-push', title: 'New offer', body: 'Pick up at the Feast Hall' });
  assert.deepEqual(pushed, [{ title: 'New offer', body: 'Pick up at the Feast Hall', url: '/driver/' }]);

  // The customer's order page, open before the merchant accepts; never reloaded below.
  const eater = await openPage(suite.browser, base);
  const track = eater.page;
  await logIn(track, `${base}/customer/login?next=${encodeURIComponent(`/customer/orders/${orderId}`)}`, customer.email);
  await track.getByRole('heading', { level: 1, name: `Order from ${STORE}` }).waitFor();
  await track.evaluate(() => (window.sameDocument = true));

  await accept(merchant, orderId);

  // The offer arrives live with its countdown.
  const offer = phone.getByRole('article').filter({ hasText: STORE });
  await offer.getByText(/\d+ s left to answer/).waitFor();
  await offer.getByText('Warschauer Straße 1', { exact: false }).waitFor();
  await checkPage(phone, 'driver-offer');
  await offer.getByRole('button', { name: 'Accept' }).click();
  await phone.getByRole('heading', { level: 1, name: `Delivery for ${STORE}` }).waitFor();
  await phone.getByRole('heading', { name: `Pick up at ${STORE}` }).waitFor();

  // The merchant's queue: who is coming and on what, then at the counter, with the pickup code.
  const owner = await openPage(suite.browser, base);
  const desk = owner.page;
  await logIn(desk, `${base}/merchant/stores/${merchant.id}/orders`, merchant.email);
  await desk.getByText(/Courier: rider \(car\) is (on the way|[\d.]+ km away)/).waitFor();
  await phone.getByRole('button', { name: 'I am at the restaurant' }).click();
  await desk.getByText('Courier: rider (car) is at the counter.').waitFor();
  await checkPage(desk, 'merchant-courier-at-counter');
  const pickupCode = await desk.locator('.pickup-code').textContent();
  const forMerchant = await call('GET', `/v1/orders/${orderId}/delivery`, { token: merchant.token });
  assert.equal(pickupCode, forMerchant.body.pickup_code);
  const wrong = pickupCode === '000000' ? '111111' : '000000';
  await phone.getByLabel('Pickup code').fill(wrong);
  await phone.getByRole('button', { name: 'Picked up' }).click();
  await phone
    .getByRole('alert')
    .getByText('The pickup code does not match the code the merchant has for this order. Check it and try again.')
    .waitFor();
  await phone.getByLabel('Pickup code').fill(pickupCode);
  await checkPage(phone, 'driver-pickup');
  await phone.getByRole('button', { name: 'Picked up' }).click();
  await phone.getByRole('heading', { name: 'Deliver to' }).waitFor();
  await phone.getByText('Alexanderplatz 7').first().waitFor();

  // The customer sees the PIN, the arrival counting down and the courier moving.
  const card = track.getByRole('region', { name: 'Courier' });
  await card.getByText('On the way to you').waitFor();
  const pin = (await card.locator('.pin').textContent()).trim();
  assert.match(pin, /^\d{4}$/);
  await card.getByText(/About \d+ min \d{2} s \(by /).waitFor();
  const position = card.locator('.courier-position');
  let seen = await changedText(position, 'The courier’s position shows here');
  for (let i = 0; i < 2; i++) {
    here = { ...here, longitude: here.longitude - 0.004 };
    await driver.context.setGeolocation(here);
    seen = await changedText(position, seen);
  }
  await checkPage(track, 'customer-order-courier');

  // The network goes: the courier keeps riding and arrives; the step and points wait in order.
  await driver.context.setOffline(true);
  for (let i = 0; i < 2; i++) {
    here = { ...here, longitude: here.longitude - 0.004 };
    await driver.context.setGeolocation(here);
  }
  await phone.getByRole('button', { name: 'I am at the drop-off' }).click();
  await phone.getByText('Saved on this phone: sent once you are back online.').waitFor();
  await phone.getByText(/No network: 1 step and \d+ location points? kept on this phone/).first().waitFor();
  await phone.getByLabel("Customer's PIN").waitFor();
  await checkPage(phone, 'driver-offline');
  assert.equal(await card.getByText('Courier at your door').count(), 0);

  // Reloaded without network, the app opens on the same delivery from what the phone kept (not
  // on the login page), with the step still waiting.
  const deliveryUrl = phone.url();
  await phone.reload();
  await phone.getByText('No network: you are working from what this phone kept.', { exact: false }).waitFor();
  await phone.getByRole('heading', { level: 1, name: `Delivery for ${STORE}` }).waitFor();
  await phone.getByText('Saved on this phone: sent once you are back online.').waitFor();
  await phone.getByLabel("Customer's PIN").waitFor();
  assert.equal(phone.url(), deliveryUrl);
  await checkPage(phone, 'driver-offline-reloaded');

  await driver.context.setOffline(false);
  await phone.getByText('Everything is sent.').first().waitFor();
  await card.getByText('Courier at your door').waitFor();
  seen = await changedText(position, seen);

  // The demo's "Simulate movement" rides on toward the customer without the phone moving.
  await phone.getByRole('switch', { name: 'Simulate movement' }).click();
  await phone.getByText('Simulated movement: riding toward the next stop.').waitFor();
  seen = await changedText(position, seen);
  await changedText(position, seen);
  await phone.getByRole('switch', { name: 'Simulate movement' }).click();
  await phone.getByText("Sharing your phone's location.").first().waitFor();

  // Proof: the photo, a signature, then the customer's PIN.
  await phone.getByLabel('Take a photo').setInputFiles(await photoFile(phone));
  await phone.getByText('Photo saved with the delivery.').waitFor();
  const signature = phone.getByRole('img', { name: 'Signature box, empty' });
  await signature.scrollIntoViewIfNeeded();
  const pad = await signature.boundingBox();
  await phone.mouse.move(pad.x + 20, pad.y + pad.height / 2);
  await phone.mouse.down();
  await phone.mouse.move(pad.x + pad.width / 2, pad.y + 20, { steps: 5 });
  await phone.mouse.move(pad.x + pad.width - 20, pad.y + pad.height - 20, { steps: 5 });
  await phone.mouse.up();
  await phone.getByRole('button', { name: 'Save signature' }).click();
  await phone.getByText('Signature saved with the delivery.').waitFor();
  await phone.getByLabel("Customer's PIN").fill(pin);
  await phone.getByRole('button', { name: 'Delivered' }).click();
  const earnedLine = phone.getByText(/Delivered\. You earned €\d+\.\d{2}\./);
  await earnedLine.waitFor();
  const earned = (await earnedLine.textContent()).match(/€\d+\.\d{2}/)[0];
  await checkPage(phone, 'driver-delivered');

  // The customer's page, still the same document: delivered, with the courier's photo.
  await track.getByRole('heading', { name: /Status: Delivered/ }).waitFor();
  await card.getByRole('img', { name: 'The photo your courier took at the door' }).waitFor();
  assert.equal(await track.evaluate(() => window.sameDocument), true);
  await checkPage(track, 'customer-order-delivered');

  // The customer rates the order and its courier, once, from the order page.
  await track.getByRole('link', { name: 'Rate this order' }).click();
  const rating = track.getByRole('form', { name: `Rate ${STORE}` });
  await rating.getByRole('group', { name: 'Your rating' }).getByRole('radio', { name: '5 stars: Excellent' }).check();
  await rating.getByRole('group', { name: "Courier's rating" }).getByRole('radio', { name: '4 stars: Good' }).check();
  await rating.getByRole('checkbox', { name: 'Friendly' }).check();
  await checkPage(track, 'customer-rate-courier');
  await rating.getByRole('button', { name: 'Publish my rating' }).click();
  await track.getByText(`Thank you: your rating of ${STORE} is published.`).waitFor();

  // Earnings: the courier's rating once quality counted it from its event, the day and the delivery.
  await eventually('the courier rating counted', async () => {
    const score = await call('GET', '/v1/drivers/me/quality', { token: courier.token });
    return score.body.rating_count === 1 ? true : undefined;
  });
  await phone.getByRole('link', { name: 'Earnings' }).click();
  await phone.getByRole('table', { name: 'Per delivery' }).getByRole('row').filter({ hasText: STORE }).filter({ hasText: earned }).waitFor();
  const today = phone.getByRole('table', { name: 'Per day' }).getByRole('row').filter({ hasText: earned });
  assert.equal(await today.locator('.cell-value').first().textContent(), '1');
  await phone.getByRole('region', { name: 'Your rating' }).getByText('4.0 · 1 rating').waitFor();
  await checkPage(phone, 'driver-earnings');

  // Without network the app still opens, logged in: the service worker answers with the kept
  // shell and the pages with what the phone kept.
  await driver.context.setOffline(true);
  await phone.reload();
  await phone.getByRole('heading', { level: 1, name: 'Earnings' }).waitFor();
  assert.equal(await phone.title().then((t) => t.endsWith('· ReskFlow Driver')), true);
  assert.doesNotMatch(phone.url(), /\/driver\/login/);
  await driver.context.setOffline(false);

  driver.check();
  eater.check();
  owner.check();
  await driver.context.close();
  await eater.context.close();
  await owner.context.close();
});

test('a declined offer goes away; a cold-chain order takes temperatures, in and out of range', async () => {
  const merchant = await makeMerchant({ name: 'Ice Cream Tub', price_minor: 900, cold_chain: { min_c: -25, max_c: -15 } });
  const customer = await register('cold', 'customer');
  const courier = await register('frosty', 'driver');
  const driver = await courierOnline(courier, { coldStorage: true });
  const phone = driver.page;
  await checkPage(phone, 'driver-work');

  await accept(merchant, await placeOrder(customer, merchant));
  const first = phone.getByRole('article').filter({ hasText: STORE });
  await first.getByText('Keep it in your insulated box').waitFor();
  await first.getByRole('button', { name: 'Decline' }).click();
  await phone.getByText('No offers right now. New ones show here as they come.').waitFor();

  await accept(merchant, await placeOrder(customer, merchant));
  await phone.getByRole('article').filter({ hasText: STORE }).getByRole('button', { name: 'Accept' }).click();
  await phone.getByRole('button', { name: 'I am at the restaurant' }).click();
  await phone.getByText('Keep this order between -25 °C and -15 °C.', { exact: false }).waitFor();
  await phone.getByLabel('Temperature (°C)').fill('-18');
  await phone.getByRole('button', { name: 'Record' }).click();
  await phone.getByText('Recorded -18 °C: within range.').waitFor();
  await phone.getByLabel('Temperature (°C)').fill('-9,5');
  await phone.getByRole('button', { name: 'Record' }).click();
  await phone.getByText(/Recorded -9\.5 °C: out of range\./).waitFor();
  await checkPage(phone, 'driver-cold-chain');
  const record = await call('GET', `/v1/deliveries/${await phone.evaluate(() => location.pathname.split('/').pop())}/temperature`, {
    token: merchant.token,
  });
  assert.equal(record.status, 200, JSON.stringify(record.body));
  assert.equal(record.body.readings, 2);
  assert.equal(record.body.excursions, 1);

  driver.check();
  await driver.context.close();
});

test('"Simulate movement" on a phone that never had a position starts where maps open (the demo city)', async () => {
  const courier = await register('demo-rider', 'driver');
  const vehicle = await call('PUT', '/v1/drivers/me', {
    token: courier.token,
    body: { vehicle: 'bike', capacity: 1, cold_storage: false },
  });
  assert.equal(vehicle.status, 200, JSON.stringify(vehicle.body));
  assert.equal(vehicle.body.position, null);
  // No location granted: only the simulation can place this courier.
  const driver = await openPage(suite.browser, suite.server.url);
  const phone = driver.page;
  await phone.setViewportSize({ width: 390, height: 844 });
  await logIn(phone, `${suite.server.url}/driver/`, courier.email);
  await phone.getByRole('heading', { level: 1, name: 'Your work' }).waitFor();
  await phone.getByRole('switch', { name: 'Simulate movement' }).click();
  await phone.getByRole('switch', { name: 'On shift' }).click();
  await phone.getByRole('switch', { name: 'On shift', checked: true }).waitFor();
  await phone.getByText('Simulated movement: riding toward the next stop.').waitFor();
  const config = await call('GET', '/v1/system/web-config');
  const at = await eventually('the simulated position', async () => {
    const me = await call('GET', '/v1/drivers/me', { token: courier.token });
    return me.body.position ?? undefined;
  });
  assert.ok(Math.abs(at.lat - config.body.map.center.lat) < 1e-4, JSON.stringify(at));
  assert.ok(Math.abs(at.lng - config.body.map.center.lng) < 1e-4, JSON.stringify(at));
  await phone.getByRole('switch', { name: 'On shift' }).click();
  await phone.getByRole('switch', { name: 'On shift', checked: false }).waitFor();
  driver.check();
  await driver.context.close();
});

test('the work page opened with a kept session does not move while the session is restored', async () => {
  const courier = await register('steady-rider', 'driver');
  const login = await call('POST', '/v1/auth/login', { body: { email: courier.email, password: PASSWORD } });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  const driver = await openPage(suite.browser, suite.server.url);
  const phone = driver.page;
  await phone.setViewportSize({ width: 390, height: 844 });
  // The tab's kept session (as after an earlier visit), and every layout shift summed as
  // Lighthouse sums them (CLS).
  await phone.addInitScript(([key, token]) => {
    if (!sessionStorage.getItem(key)) sessionStorage.setItem(key, token);
    window.shifted = 0;
    new PerformanceObserver((list) => {
      for (const shift of list.getEntries()) if (!shift.hadRecentInput) window.shifted += shift.value;
    }).observe({ type: 'layout-shift', buffered: true });
  }, ['reskflow.refresh_token', login.body.refresh_token]);
  // The session's refresh waits until the page has shown itself restoring it, as on a slow network.
  let release;
  const restoring = new Promise((resolve) => {
    release = resolve;
  });
  await phone.route('**/v1/auth/refresh', async (route) => {
    await restoring;
    await route.continue();
  });
  await phone.goto(`${suite.server.url}/driver/`);
  await phone.getByText('Checking your session…').waitFor();
  release();
  await phone.getByRole('heading', { level: 1, name: 'Your work' }).waitFor();
  await phone.getByRole('heading', { level: 2, name: 'Notifications on this phone' }).waitFor();
  const shifted = await phone.evaluate(() => window.shifted);
  assert.ok(shifted < 0.02, `the page moved while it loaded: CLS ${shifted}`);
  driver.check();
  await driver.context.close();
});

test('a new courier signs up in the app, sets up a bike and sends an ID document that an admin approves', async () => {
  const base = suite.server.url;
  const { page, context, check } = await openPage(suite.browser, base);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/driver/login`);
  await page.getByRole('link', { name: 'Become a courier' }).click();
  await page.getByRole('heading', { level: 1, name: 'Become a courier' }).waitFor();
  await checkPage(page, 'driver-signup');
  const email = newEmail('rookie');
  await page.getByLabel('Name').fill('Rita Rookie');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();

  await page.getByRole('heading', { level: 1, name: 'Your vehicle' }).waitFor();
  await page.getByText('Your courier account is ready.', { exact: false }).waitFor();
  await page.getByRole('combobox', { name: 'Vehicle' }).selectOption('bike');
  await page.getByLabel('Orders at once').fill('2');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved. You can go online from the work page.').waitFor();

  await page.getByText('Not sent yet.', { exact: false }).waitFor();
  await page.getByRole('combobox', { name: 'Document' }).selectOption('driving_licence');
  await page.getByLabel('Document number').fill('B072RRE2I55');
  await page.getByLabel('Date of birth').fill('1994-05-17');
  // Without a photo of the document the form says so; with it, the submission goes.
  await page.getByRole('button', { name: 'Send document' }).click();
  await page.getByText('Add a photo of the document first.').waitFor();
  await page.getByLabel('Photo of the document').setInputFiles(await photoFile(page));
  await page.getByText('Photo added.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Send document' }).click();
  await page.getByText(/Your Driving licence was sent .* An admin checks it/).waitFor();
  await checkPage(page, 'driver-id-check-sent');

  // An admin approves it; the vehicle page says so.
  const admin = await createAdminWithTotp(suite.server, newEmail('checker'));
  const login = await call('POST', '/v1/auth/login', { body: { email: admin.email, password: admin.password } });
  const mfa = await call('POST', '/v1/auth/mfa', { body: { mfa_token: login.body.mfa_token, code: admin.recovery[0] } });
  assert.equal(mfa.status, 200, JSON.stringify(mfa.body));
  const queue = await call('GET', '/v1/admin/id-verifications', { token: mfa.body.access_token });
  const mine = queue.body.data.find((v) => v.document_type === 'driving_licence');
  assert.ok(mine, JSON.stringify(queue.body));
  // The admin sees the uploaded photo (redrawn as a JPEG by the app), never cached.
  const image = await fetch(`${base}/v1/admin/id-verifications/${mine.id}/image`, {
    headers: { Authorization: `Bearer ${mfa.body.access_token}` },
  });
  assert.equal(image.status, 200);
  assert.equal(image.headers.get('content-type'), 'image/jpeg');
  assert.equal(image.headers.get('cache-control'), 'no-store');
  const bytes = Buffer.from(await image.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString('hex'), 'ffd8');
  const decided = await call('POST', `/v1/admin/id-verifications/${mine.id}/decision`, {
    token: mfa.body.access_token,
    body: { decision: 'approved' },
  });
  assert.equal(decided.status, 204, JSON.stringify(decided.body));
  await page.reload();
  await page.getByText('Your ID check is approved.').waitFor();
  check();
  await context.close();
});

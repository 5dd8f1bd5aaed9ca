// Chat in the browser: a customer (order page) and the courier (driver app, 390 px) exchange
// messages live while the delivery is under way; a phone number the customer types is hidden
// from both; "typing…" shows; the chat closes by itself once the order is delivered. Then the
// customer asks support from the same page and an admin answers from the support inbox, live;
// a merchant asks from the portal's Support page, and the open inbox lists it without a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiCall, checkPage, createAdminWithTotp, eventually, logInAdmin, newEmail, openPage, useServerAndBrowser } from './harness.mjs';
import { PASSWORD, openStore, registerUser } from './stores.mjs';

const CUSTOMER_AT = { lat: 52.5219, lng: 13.4132 };
const STORE_AT = { lat: 52.5219, lng: 13.4532 };
const STORE = 'Kiez Chat Kitchen';
// Every order is offered at once (the dispatcher otherwise waits until shortly before it is ready).
const suite = useServerAndBrowser({
  env: { RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION: '0', RESKFLOW_DELIVERIES_DISPATCH_LEAD_S: '3600' },
});

const call = (method, path, options = {}) => apiCall(suite.server.url, method, path, options);
const ok = (r, status = 200) => assert.equal(r.status, status, JSON.stringify(r.body));

async function logIn(page, url, email) {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** A courier with a car, on shift, standing by the store: offers come to them. */
async function courierOnShift() {
  const courier = await registerUser(suite.server.url, { tag: 'rider', role: 'driver' });
  ok(await call('PUT', '/v1/drivers/me', { token: courier.token, body: { vehicle: 'car', capacity: 2 } }));
  ok(await call('POST', '/v1/drivers/me/shift', { token: courier.token, body: { online: true } }));
  const point = { lat: STORE_AT.lat, lng: STORE_AT.lng - 0.002, at: new Date().toISOString(), accuracy_m: 50 };
  ok(await call('POST', '/v1/drivers/me/locations', { token: courier.token, body: { points: [point] } }));
  return courier;
}

/** An order of the customer's at the store (under the PIN threshold): its id. */
async function placeOrder(customer, store) {
  const cart = await call('POST', '/v1/carts', { token: customer.token, body: { merchant_id: store.id, delivery_point: CUSTOMER_AT } });
  assert.ok([200, 201].includes(cart.status), JSON.stringify(cart.body));
  ok(
    await call('POST', `/v1/carts/${cart.body.id}/lines`, {
      token: customer.token,
      body: { item_id: store.items[0].id, quantity: 1, option_ids: [] },
    }),
    201,
  );
  const placed = await call('POST', '/v1/orders', {
    token: customer.token,
    body: { cart_id: cart.body.id, payment_method: '4242424242424242', delivery: { address: 'Alexanderplatz 7', point: CUSTOMER_AT } },
  });
  ok(placed, 201);
  return placed.body.id;
}

/** The courier takes the order's offer as soon as the dispatcher makes it: the delivery. */
async function takeOffer(courier, owner, orderId) {
  // Deliveries opens the delivery when it hears of the acceptance, just after the answer.
  const delivery = await eventually('the delivery', async () => {
    const r = await call('GET', `/v1/orders/${orderId}/delivery`, { token: owner.token });
    return r.status === 200 ? r.body : undefined;
  });
  const offer = await eventually('the offer', async () => {
    const r = await call('GET', '/v1/drivers/me/offers', { token: courier.token });
    return r.body.data?.find((o) => o.delivery_id === delivery.id);
  });
  ok(await call('POST', `/v1/offers/${offer.id}/accept`, { token: courier.token }));
  return delivery;
}

const step = (courier, delivery, body) =>
  call('POST', `/v1/deliveries/${delivery.id}/status`, { token: courier.token, body });

test('customer and courier chat live with contacts hidden, until the order is delivered; support answers', async () => {
  const base = suite.server.url;
  const owner = await registerUser(base, { tag: 'kitchen', role: 'merchant' });
  const store = await openStore(base, owner, { name: STORE, location: STORE_AT, items: [{ name: 'Falafel Wrap', price_minor: 1200 }] });
  const customer = await registerUser(base, { tag: 'eater', role: 'customer' });
  const courier = await courierOnShift();
  const orderId = await placeOrder(customer, store);
  ok(await call('POST', `/v1/orders/${orderId}/accept`, { token: owner.token, body: { prep_time_minutes: 10 } }));
  const delivery = await takeOffer(courier, owner, orderId);

  // The customer's order page offers the chat once the courier has the delivery.
  const eater = await openPage(suite.browser, base);
  const track = eater.page;
  await logIn(track, `${base}/customer/login?next=${encodeURIComponent(`/customer/orders/${orderId}`)}`, customer.email);
  await track.getByRole('heading', { level: 1, name: `Order from ${STORE}` }).waitFor();
  await track.evaluate(() => (window.sameDocument = true));
  await track.getByRole('button', { name: /^Message your courier/ }).click();
  const customerChat = track.getByRole('region', { name: 'Chat with your courier' });
  await customerChat.getByText('Live').waitFor();

  // The courier's phone, on the delivery.
  const rider = await openPage(suite.browser, base);
  const phone = rider.page;
  await phone.setViewportSize({ width: 390, height: 844 });
  await logIn(phone, `${base}/driver/login?next=${encodeURIComponent(`/driver/deliveries/${delivery.id}`)}`, courier.email);
  await phone.getByRole('heading', { level: 1, name: `Delivery for ${STORE}` }).waitFor();
  const courierChat = phone.getByRole('region', { name: 'Chat with the customer' });
  await courierChat.getByText('Live').waitFor();

  // The customer writes a number: it is hidden before it is stored, so neither side sees it.
  await customerChat.getByLabel('Your message').fill('Third floor, ring twice or call 0151 2345678');
  await customerChat.getByRole('button', { name: 'Send' }).click();
  const received = courierChat.getByRole('listitem').filter({ hasText: 'Third floor, ring twice' });
  await received.getByText('Third floor, ring twice or call [phone hidden]').waitFor();
  await received.getByText(/contact details hidden/).waitFor();
  assert.equal(await phone.getByText('0151 2345678').count(), 0);
  await customerChat.getByText('Third floor, ring twice or call [phone hidden]').waitFor();

  // The courier types: the customer sees it, then the answer arrives, then "Seen" once read.
  await courierChat.getByLabel('Your message').fill('On my');
  await customerChat.getByText('Courier is typing…').waitFor();
  await courierChat.getByLabel('Your message').fill('On my way, 5 minutes!');
  await courierChat.getByRole('button', { name: 'Send' }).click();
  await customerChat.getByRole('listitem').filter({ hasText: 'On my way, 5 minutes!' }).getByText('Courier').waitFor();
  await courierChat.getByRole('listitem').filter({ hasText: 'On my way, 5 minutes!' }).getByText(/Seen/).waitFor();
  await checkPage(track, 'customer-order-chat');
  await checkPage(phone, 'driver-chat');

  // The ride ends: the chat closes on both screens without a reload.
  ok(await step(courier, delivery, { status: 'at_pickup' }));
  ok(await step(courier, delivery, { status: 'picked_up', pickup_code: delivery.pickup_code }));
  ok(await step(courier, delivery, { status: 'at_dropoff' }));
  ok(await step(courier, delivery, { status: 'delivered' }));
  await customerChat.getByText('This chat is closed: the order was delivered.').waitFor();
  assert.equal(await customerChat.getByLabel('Your message').count(), 0);
  await track.getByText('Your order was delivered. Enjoy!').waitFor();
  assert.equal(await track.evaluate(() => window.sameDocument), true);

  // The customer asks support about the order from the same page.
  await track.getByRole('button', { name: 'Contact support' }).click();
  await track.getByLabel('What can we help with?').fill('The wrap was cold.');
  await track.getByRole('button', { name: 'Send to support' }).click();
  const supportChat = track.getByRole('region', { name: 'Chat with support' });
  await supportChat.getByText('The wrap was cold.').waitFor();
  await supportChat.getByText('Live').waitFor();

  // An admin takes it from the inbox, unassigned first, and answers.
  const admin = await createAdminWithTotp(suite.server, newEmail('support'));
  const desk = await openPage(suite.browser, base);
  const inbox = desk.page;
  await logInAdmin(inbox, base, admin, '/admin/support');
  await inbox.getByRole('heading', { level: 1, name: 'Support inbox' }).waitFor();
  const row = inbox.getByRole('row').filter({ hasText: `Order #${orderId.slice(-8)}` });
  await row.getByText('Unassigned').waitFor();
  await row.getByRole('button', { name: /^Assign .* to me$/ }).click();
  await row.getByText('You').waitFor();
  const answer = inbox.getByRole('region', { name: 'Conversation' });
  await answer.getByText('The wrap was cold.').waitFor();
  await answer.getByLabel('Your message').fill('Sorry about that: we refund the wrap today.');
  await answer.getByRole('button', { name: 'Send' }).click();
  await supportChat.getByRole('listitem').filter({ hasText: 'we refund the wrap today' }).getByText('Support').waitFor();
  await checkPage(inbox, 'admin-support-inbox');

  // The store's owner asks support from the merchant portal: the open inbox lists it live, and
  // the answer reaches the merchant's page live.
  await inbox.getByText('Live: changes show here as they happen.').waitFor();
  const till = await openPage(suite.browser, base);
  const office = till.page;
  await logIn(office, `${base}/merchant/login?next=${encodeURIComponent('/merchant/support')}`, owner.email);
  await office.getByRole('heading', { level: 1, name: 'Support' }).waitFor();
  await office.getByText('You have not asked support anything yet.', { exact: false }).waitFor();
  await office.getByLabel('Subject').fill('Payout missing');
  await office.getByLabel('What can we help with?').fill('Last week’s payout has not arrived.');
  await office.getByRole('button', { name: 'Send to support' }).click();
  const merchantChat = office.getByRole('region', { name: 'Conversation with support' });
  await merchantChat.getByText('Live').waitFor();
  const asked = inbox.getByRole('row').filter({ hasText: 'Payout missing' });
  await asked.getByText('Merchant').waitFor();
  await asked.getByText('Unassigned').waitFor();
  await asked.getByRole('button', { name: 'Open “Payout missing”' }).click();
  await answer.getByText('Last week’s payout has not arrived.').waitFor();
  await answer.getByLabel('Your message').fill('It leaves on Monday.');
  await answer.getByRole('button', { name: 'Send' }).click();
  await asked.getByText('You', { exact: true }).waitFor();
  await merchantChat.getByRole('listitem').filter({ hasText: 'It leaves on Monday.' }).getByText('Support').waitFor();
  await checkPage(office, 'merchant-support');
  eater.check();
  rider.check();
  desk.check();
  till.check();
});

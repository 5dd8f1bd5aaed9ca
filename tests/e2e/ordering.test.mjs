// Ordering end to end, a customer and a merchant each in their own browser: the customer checks
// out a cart (address, instructions, tip), a declined card says what to do next, a price changed
// meanwhile is said in words with the new total, then the order is placed with the good card.
// The merchant's queue gets the order live with a visible alert and a chime, accepts it with a
// prep time and takes it through preparing, ready, picked up and delivered (the merchant's own
// delivery); the customer's order page follows every step without reloading and ends with the
// link to rate the order. Today's sales and the balance's ledger entry show the delivery, and
// the delivered order is ordered again from its page. Then: changing a placed order's items,
// cancelling, and rejecting in a muted queue, a quote that expires, a retry after a lost answer that
// reuses its Idempotency-Key and orders once, a card's verification step completed in a dialog
// then the order ordered again, and a group order where each participant pays their share while
// the host sees who has paid.
// The test makes its own merchant through the API, 2.7 km east of the customer's demo address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiCall, checkPage, countChimes, openPage, startServer, useServerAndBrowser } from './harness.mjs';
import { acceptOrder, logIn, openQueue, openStore, orderAnnounced, registerUser } from './stores.mjs';

const ALEXANDERPLATZ = { lat: 52.5219, lng: 13.4132 };
const STORE = 'Oberbaum Diner';
const suite = useServerAndBrowser();

/** The API of the suite's server, or of `options.base`. */
const call = (method, path, options = {}) => apiCall(options.base ?? suite.server.url, method, path, options);

const register = (tag, role, base = suite.server.url) => registerUser(base, { tag, role });

/** The merchant (open around the clock) and its menu: { email, token, id, items }. */
async function makeMerchant(base = suite.server.url) {
  const owner = await register('diner', 'merchant', base);
  const store = await openStore(base, owner, {
    name: STORE,
    location: { lat: 52.5219, lng: 13.4532 },
    category: 'Burgers',
    items: [
      { name: 'Spree Burger', price_minor: 1200 },
      { name: 'Kiez Fries', price_minor: 450 },
    ],
  });
  return { ...owner, id: store.id, items: Object.fromEntries(store.items.map((i) => [i.name, i.id])) };
}

/** The customer's cart at the merchant, delivered to Alexanderplatz: 2 burgers and fries. */
async function fillCart(customer, merchant) {
  const cart = await call('POST', '/v1/carts', {
    base: customer.base,
    token: customer.token,
    body: { merchant_id: merchant.id, delivery_point: ALEXANDERPLATZ },
  });
  assert.ok([200, 201].includes(cart.status), JSON.stringify(cart.body));
  for (const [name, quantity] of [['Spree Burger', 2], ['Kiez Fries', 1]]) {
    const line = await call('POST', `/v1/carts/${cart.body.id}/lines`, {
      base: customer.base,
      token: customer.token,
      body: { item_id: merchant.items[name], quantity, option_ids: [] },
    });
    assert.equal(line.status, 201, JSON.stringify(line.body));
  }
  return cart.body.id;
}

/** Where merchants choose who delivers (`delivery_mode`), this one delivers its orders itself. */
async function deliverOurselves(merchant) {
  const doc = await call('GET', `/v1/merchants/${merchant.id}`);
  assert.equal(doc.status, 200, JSON.stringify(doc.body));
  if (!('delivery_mode' in doc.body) || doc.body.delivery_mode === 'merchant') return;
  const r = await call('PATCH', `/v1/merchants/${merchant.id}`, {
    token: merchant.token,
    body: { delivery_mode: 'merchant' },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

test('checkout, a declined card, a changed price, then the merchant takes the order to the door live', async () => {
  const merchant = await makeMerchant();
  await deliverOurselves(merchant);
  const customer = await register('eater', 'customer');
  const cartId = await fillCart(customer, merchant);
  const base = suite.server.url;

  // The merchant's queue, open before the order exists. Chimes are counted where the page makes
  // its sound (Web Audio oscillators), since a test cannot hear.
  const owner = await openQueue(suite.browser, base, merchant.email, { id: merchant.id, name: STORE });
  const desk = owner.page;

  // The customer: the demo address, then the cart and checkout.
  const eater = await openPage(suite.browser, base);
  const shop = eater.page;
  await shop.goto(`${base}/customer/address`);
  await shop.getByRole('button', { name: /Alexanderplatz, Mitte/ }).click();
  await shop.getByRole('heading', { level: 1, name: 'Merchants near you' }).waitFor();
  await logIn(shop, `${base}/customer/login?next=${encodeURIComponent(`/customer/carts/${cartId}`)}`, customer.email);
  await shop.getByRole('heading', { level: 1, name: `Your cart from ${STORE}` }).waitFor();
  await shop.getByRole('link', { name: 'Go to checkout' }).click();
  await shop.getByRole('heading', { level: 1, name: `Order from ${STORE}` }).waitFor();
  const quote = shop.getByRole('region', { name: `Your order from ${STORE}` });
  await quote.getByText(/This price holds until/).waitFor();
  await quote.getByText('€28.50').waitFor(); // 2 × 12.00 + 4.50

  await shop.getByRole('textbox', { name: 'Address', exact: true }).fill('Alexanderplatz 7, 3rd floor');
  await shop.getByLabel('Instructions for the courier').fill('Ring Weber twice');
  await shop.getByLabel('Leave it at the door').check();
  await shop.getByLabel(/^10 % \(€2\.85\)$/).check();
  await quote.getByText('Tip').waitFor();

  // A declined card: what happened and what to do next; no order exists.
  await shop.getByLabel('Card number').fill('4000 0000 0000 0002');
  await shop.getByRole('button', { name: 'Place order' }).click();
  const refused = shop.getByRole('alert').filter({ hasText: 'Payment refused' });
  await refused.getByText(/Your card was declined\..*Nothing was charged.*use another card/).waitFor();
  await checkPage(shop, 'customer-checkout-declined');
  assert.equal((await call('GET', '/v1/orders', { token: customer.token })).body.data.length, 0);

  // The burger's price goes up meanwhile: placing says so in words with the new total.
  const raised = await call('PATCH', `/v1/merchants/${merchant.id}/menu/items/${merchant.items['Spree Burger']}`, {
    token: merchant.token,
    body: { price_minor: 1300 },
  });
  assert.equal(raised.status, 200, JSON.stringify(raised.body));
  await shop.getByLabel('Card number').fill('4242 4242 4242 4242');
  await shop.getByRole('button', { name: 'Place order' }).click();
  await quote.getByRole('status').getByText(/The price changed\..*Check the new total and order again\./).waitFor();
  await quote.getByText('€30.50').waitFor(); // the items now

  // Placed: the order's page, live.
  await shop.getByRole('button', { name: 'Place order' }).click();
  await shop.getByRole('heading', { level: 2, name: 'Status: Placed' }).waitFor();
  await shop.getByText(`Waiting for ${STORE} to accept your order.`).waitFor();
  await shop.getByText('Live: changes show here as they happen.').waitFor();
  await shop.evaluate(() => (window.sameDocument = true));
  await checkPage(shop, 'customer-order-placed');

  // The merchant: the order arrives without a reload, with an alert and a chime.
  const newColumn = desk.getByRole('region', { name: /^New/ });
  const card = newColumn.getByRole('article');
  await card.getByText('2 × Spree Burger').waitFor();
  const number = (await card.getByRole('heading').innerText()).match(/#[0-9A-Z]{6}/)[0];
  await orderAnnounced(desk, number);
  await card.getByText('Ring Weber twice', { exact: false }).waitFor();
  await checkPage(desk, 'merchant-order-queue-new');
  await acceptOrder(desk, number, 20);
  const kitchen = desk.getByRole('region', { name: /^In the kitchen/ });
  await kitchen.getByRole('button', { name: `Start preparing: order ${number}` }).waitFor();

  // The customer's page follows without reloading.
  await shop.getByRole('heading', { level: 2, name: 'Status: Accepted' }).waitFor();
  await shop.getByText(`${STORE} is on it: ready in about 20 minutes.`).waitFor();

  for (const [label, next, status] of [
    ['Start preparing', 'Mark ready', 'Being prepared'],
    ['Mark ready', 'Picked up', 'Ready for pickup'],
    ['Picked up', 'Delivered', 'On its way'],
  ]) {
    await desk.getByRole('button', { name: `${label}: order ${number}` }).click();
    await desk.getByRole('button', { name: `${next}: order ${number}` }).waitFor();
    await shop.getByRole('heading', { level: 2, name: `Status: ${status}` }).waitFor();
  }
  await checkPage(desk, 'merchant-order-queue-out');
  await desk.getByRole('button', { name: `Delivered: order ${number}` }).click();
  await desk.getByRole('region', { name: /^Out for delivery/ }).getByText('Nothing on its way.').waitFor();

  await shop.getByRole('heading', { level: 2, name: 'Status: Delivered' }).waitFor();
  assert.equal(await shop.evaluate(() => window.sameDocument), true, 'the order page never reloaded');
  const timeline = shop.getByRole('list', { name: 'Progress' });
  assert.equal(await timeline.getByRole('listitem').count(), 6);
  await checkPage(shop, 'customer-order-delivered');

  // The store refunds part of the delivered order, and sees the refund it made.
  const delivered = desk.getByRole('region', { name: 'Delivered lately' });
  await delivered.getByRole('button', { name: `Refund order ${number}` }).click();
  const refund = desk.getByRole('dialog', { name: `Refund order ${number}` });
  await refund.getByText('The store can refund up to', { exact: false }).waitFor();
  await refund.getByLabel('Amount (EUR)').fill('1.50');
  await refund.getByLabel('Reason').fill('The fries were cold');
  await checkPage(desk, 'merchant-refund-dialog');
  await refund.getByRole('button', { name: 'Refund' }).click();
  await delivered.getByText(`Refunded €1.50 on order ${number}.`).waitFor();
  await delivered.getByRole('button', { name: `Refund order ${number}` }).click();
  await refund.getByRole('list', { name: 'Refunds made' }).getByText('The fries were cold', { exact: false }).waitFor();
  await refund.getByRole('button', { name: 'Cancel' }).click();

  // Today's figures and the balance: the delivery credited the store.
  const order = (await call('GET', '/v1/orders', { token: customer.token })).body.data[0];
  assert.equal(order.status, 'delivered');
  const todayBox = desk.getByRole('region', { name: 'Today' });
  await todayBox.getByText(`€${(order.total_minor / 100).toFixed(2)}`, { exact: true }).waitFor();
  await desk.getByRole('navigation', { name: 'Store' }).getByRole('link', { name: 'Balance' }).click();
  await desk.getByRole('heading', { level: 1, name: `Balance: ${STORE}` }).waitFor();
  const entries = desk.getByRole('table', { name: 'Ledger entries, newest first' });
  await entries.getByText('Owed to you').first().waitFor();
  // The refund came out of what the store is owed.
  await entries.getByText(/Refund of 1\.50 EUR .*The fries were cold/).waitFor();
  await checkPage(desk, 'merchant-balance');

  // The review link leads to rating this order, once reviews has read the delivery (an event).
  for (let i = 0; ; i++) {
    const rateable = await call('GET', '/v1/me/reviewable-orders', { token: customer.token });
    if (rateable.body.data.some((o) => o.order_id === order.id)) break;
    assert.ok(i < 200, 'the delivered order never became rateable');
    await new Promise((r) => setTimeout(r, 100));
  }
  await shop.getByRole('link', { name: 'Rate this order' }).click();
  await shop.getByRole('heading', { level: 1, name: 'Rate your orders' }).waitFor();
  await shop.getByRole('form', { name: `Rate ${STORE}` }).waitFor();

  // The history lists it.
  await shop.getByRole('navigation').getByRole('link', { name: 'Orders', exact: true }).click();
  await shop.getByRole('heading', { level: 1, name: 'Your orders' }).waitFor();
  await shop.getByRole('link', { name: STORE }).waitFor();
  await shop.getByText('Delivered', { exact: true }).waitFor();
  await checkPage(shop, 'customer-orders');

  // Ordered again from its page: the same items land in a cart at the merchant.
  await shop.getByRole('link', { name: STORE }).click();
  await shop.getByRole('button', { name: 'Order again' }).click();
  await shop.getByRole('heading', { level: 1, name: `Your cart from ${STORE}` }).waitFor();
  const again = (await call('GET', `/v1/carts/${new URL(shop.url()).pathname.split('/').pop()}`, { token: customer.token })).body;
  assert.deepEqual(
    again.lines.map((l) => [l.item_id, l.quantity]).sort(),
    (await call('GET', `/v1/orders/${order.id}`, { token: customer.token })).body.lines.map((l) => [l.item_id, l.quantity]).sort(),
  );

  eater.check();
  owner.check();
  await eater.context.close();
  await owner.context.close();
});

/** An order placed through the API with the good card: its id. */
async function placeThroughApi(customer, merchant) {
  const cartId = await fillCart(customer, merchant);
  const placed = await call('POST', '/v1/orders', {
    token: customer.token,
    body: {
      cart_id: cartId,
      payment_method: '4242424242424242',
      delivery: { address: 'Alexanderplatz 7', point: ALEXANDERPLATZ },
    },
  });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  return placed.body.id;
}

test('the customer cancels before the merchant answers; the merchant rejects another order with a reason', async () => {
  const merchant = await makeMerchant();
  const customer = await register('picky', 'customer');
  const first = await placeThroughApi(customer, merchant);
  const base = suite.server.url;

  const eater = await openPage(suite.browser, base);
  const shop = eater.page;
  await logIn(shop, `${base}/customer/login?next=${encodeURIComponent(`/customer/orders/${first}`)}`, customer.email);
  await shop.getByRole('heading', { level: 2, name: 'Status: Placed' }).waitFor();
  // Before the kitchen starts the items can change: one burger instead of two, a lower total.
  const totalBefore = (await call('GET', `/v1/orders/${first}`, { token: customer.token })).body.total_minor;
  await shop.getByRole('button', { name: 'Change items' }).click();
  const change = shop.getByRole('dialog', { name: 'Change your items' });
  await change.getByRole('button', { name: 'Fewer Spree Burger' }).click();
  await checkPage(shop, 'customer-order-change');
  await change.getByRole('button', { name: 'Save changes' }).click();
  await shop.getByRole('region', { name: 'Items' }).getByText('1 × Spree Burger').waitFor();
  const changed = (await call('GET', `/v1/orders/${first}`, { token: customer.token })).body;
  assert.equal(changed.lines[0].quantity, 1);
  assert.ok(changed.total_minor < totalBefore, `${changed.total_minor} < ${totalBefore}`);
  await shop.getByRole('button', { name: 'Cancel order' }).click();
  const confirm = shop.getByRole('dialog', { name: 'Cancel this order?' });
  await confirm.getByRole('button', { name: 'Cancel the order' }).click();
  await shop.getByRole('heading', { level: 2, name: 'Status: Cancelled' }).waitFor();
  await shop.getByText('The order was cancelled. Nothing was charged', { exact: false }).waitFor();
  assert.equal(await shop.getByRole('button', { name: 'Cancel order' }).count(), 0);

  // The second order arrives in a queue whose sound is muted: the banner shows, no chime plays.
  // The merchant rejects it; a reason is required and reaches the customer.
  const owner = await openPage(suite.browser, base);
  const desk = owner.page;
  await countChimes(desk);
  await logIn(desk, `${base}/merchant/stores/${merchant.id}/orders`, merchant.email);
  await desk.getByText('Live: changes show here as they happen.').waitFor();
  await desk.getByRole('switch', { name: /Sound for new orders/ }).click();
  await desk.getByText('Muted').waitFor();
  const second = await placeThroughApi(customer, merchant);
  const card = desk.getByRole('region', { name: /^New/ }).getByRole('article');
  await card.getByText('2 × Spree Burger').waitFor();
  await desk.getByRole('alert').getByText('New order:', { exact: false }).waitFor();
  assert.equal(await desk.evaluate(() => window.chimes), 0, 'a muted queue plays no chime');
  assert.equal(await card.count(), 1, 'the cancelled order is not in the queue');
  await card.getByRole('button', { name: /^Reject order/ }).click();
  const reject = desk.getByRole('dialog', { name: /^Reject order/ });
  await reject.getByRole('button', { name: 'Reject order' }).click();
  await reject.getByText('Reason is required').waitFor();
  await reject.getByLabel('Reason').fill('Out of buns tonight');
  await reject.getByRole('button', { name: 'Reject order' }).click();
  await desk.getByRole('region', { name: /^New/ }).getByText('No new orders.', { exact: false }).waitFor();
  const todayBox = desk.getByRole('region', { name: 'Today' });
  await todayBox.getByText('Rejected or cancelled').waitFor();
  assert.equal(await todayBox.locator('dd').last().innerText(), '2');

  await shop.goto(`${base}/customer/orders/${second}`);
  await shop.getByRole('heading', { level: 2, name: 'Status: Rejected' }).waitFor();
  await shop.getByText(`${STORE} could not take your order: Out of buns tonight. Nothing was charged.`).waitFor();
  await checkPage(shop, 'customer-order-rejected');
  eater.check();
  owner.check();
  await eater.context.close();
  await owner.context.close();
});

test('an expired quote is priced again and the page says so', async () => {
  // Quotes hold 10 s on this server (the shortest the setting allows).
  const server = await startServer({ RESKFLOW_ORDERS_QUOTE_TTL_S: '10' });
  try {
    const merchant = await makeMerchant(server.url);
    const customer = await register('slow', 'customer', server.url);
    const cartId = await fillCart(customer, merchant);
    const eater = await openPage(suite.browser, server.url);
    const shop = eater.page;
    const checkout = `/customer/carts/${cartId}/checkout`;
    await logIn(shop, `${server.url}/customer/login?next=${encodeURIComponent(checkout)}`, customer.email);
    await shop.getByRole('textbox', { name: 'Address', exact: true }).fill('Alexanderplatz 7');
    const quote = shop.getByRole('region', { name: `Your order from ${STORE}` });
    await quote.getByText(/This price holds until/).waitFor();

    // A time sooner than the kitchen can cook is refused beside the field, in words.
    await shop.getByLabel('Schedule for later').check();
    const soon = new Date(Date.now() + 5 * 60_000);
    const local = new Date(soon.getTime() - soon.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await shop.getByLabel('Deliver at').fill(local);
    await shop.getByText(/^Deliver at must be at least 15 minutes/).waitFor();
    await shop.getByLabel('As soon as possible').check();
    await quote.getByText(/This price holds until/).waitFor();

    await quote
      .getByRole('status')
      .getByText(/^The price you saw expired at .+\. It is checked again: the total is still €\d+\.\d\d\.$/)
      .waitFor({ timeout: 60_000 });
    eater.check();
    await eater.context.close();
  } finally {
    await server.stop();
  }
});

test('placing again after the answer was lost sends the same key and orders once', async () => {
  const merchant = await makeMerchant();
  const customer = await register('unlucky', 'customer');
  const cartId = await fillCart(customer, merchant);
  const base = suite.server.url;
  const eater = await openPage(suite.browser, base);
  const shop = eater.page;
  const checkout = `/customer/carts/${cartId}/checkout`;
  await logIn(shop, `${base}/customer/login?next=${encodeURIComponent(checkout)}`, customer.email);
  await shop.getByRole('textbox', { name: 'Address', exact: true }).fill('Alexanderplatz 7');
  const quote = shop.getByRole('region', { name: `Your order from ${STORE}` });
  await quote.getByText(/This price holds until/).waitFor();
  await shop.getByLabel('Card number').fill('4242 4242 4242 4242');

  // The server places the order, but its answer never reaches the page.
  const keys = [];
  await shop.route('**/v1/orders', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    await route.fetch();
    await route.abort('connectionreset');
  }, { times: 1 });
  await shop.getByRole('button', { name: 'Place order' }).click();
  await shop.getByRole('alert').getByText(/cannot be reached.*Press "Place order" again/).waitFor();

  shop.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/orders') keys.push(r.headers()['idempotency-key']);
  });
  await shop.getByRole('button', { name: 'Place order' }).click();
  await shop.getByRole('heading', { level: 2, name: 'Status: Placed' }).waitFor();
  assert.equal(keys.length, 2);
  assert.ok(keys[0], 'the order is sent with an Idempotency-Key');
  assert.equal(keys[1], keys[0], 'the retry reuses the key');
  const orders = await call('GET', '/v1/orders', { token: customer.token });
  assert.equal(orders.body.data.length, 1, 'one order, not two');
  eater.check();
  await eater.context.close();
});

test('a card that asks for verification: the order waits, the dialog completes it, the order is placed', async () => {
  const merchant = await makeMerchant();
  const customer = await register('careful', 'customer');
  const cartId = await fillCart(customer, merchant);
  const base = suite.server.url;
  const eater = await openPage(suite.browser, base);
  const shop = eater.page;
  const checkout = `/customer/carts/${cartId}/checkout`;
  await logIn(shop, `${base}/customer/login?next=${encodeURIComponent(checkout)}`, customer.email);
  await shop.getByRole('textbox', { name: 'Address', exact: true }).fill('Alexanderplatz 7');
  const quote = shop.getByRole('region', { name: `Your order from ${STORE}` });
  await quote.getByText(/This price holds until/).waitFor();
  await shop.getByLabel('Card number').fill('4000 0027 6000 3184');
  await shop.getByRole('button', { name: 'Place order' }).click();

  await shop.getByRole('heading', { level: 2, name: 'Status: Waiting for payment' }).waitFor();
  await shop.getByText(`Waiting for your card's verification. ${STORE} gets the order once it is done.`).waitFor();
  await shop.getByRole('button', { name: 'Verify the payment' }).click();
  const dialog = shop.getByRole('dialog', { name: 'Confirm the payment' });
  const message = await dialog.getByText(/type the code \d+/).innerText();
  const code = message.match(/type the code (\d+)/)[1];
  await dialog.getByLabel('Code').fill(code === '000000' ? '111111' : '000000');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await dialog.getByText(/does not match the code/).waitFor();
  await checkPage(shop, 'customer-order-verification');
  await dialog.getByLabel('Code').fill(code);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await shop.getByRole('heading', { level: 2, name: 'Status: Placed' }).waitFor();
  await shop.getByText(`Waiting for ${STORE} to accept your order.`).waitFor();

  // Order again: the same lines in a new cart.
  await shop.getByRole('button', { name: 'Order again' }).click();
  await shop.getByRole('heading', { level: 1, name: `Your cart from ${STORE}` }).waitFor();
  await shop.getByText('Spree Burger').first().waitFor();
  eater.check();
  await eater.context.close();
});

test('a split group order: the host sees who has paid, and the order is placed once everyone has', async () => {
  const merchant = await makeMerchant();
  const host = await register('host', 'customer');
  const guest = await register('guest', 'customer');
  const cartId = await fillCart(host, merchant);
  const group = await call('POST', `/v1/carts/${cartId}/group`, { token: host.token, body: { display_name: 'Hana' } });
  assert.equal(group.status, 200, JSON.stringify(group.body));
  const joined = await call('POST', `/v1/group-invites/${group.body.invite_token}/join`, {
    token: guest.token,
    body: { display_name: 'Gus' },
  });
  assert.equal(joined.status, 201, JSON.stringify(joined.body));
  const line = await call('POST', `/v1/carts/${cartId}/lines`, {
    token: guest.token,
    body: { item_id: merchant.items['Kiez Fries'], quantity: 1, option_ids: [] },
  });
  assert.equal(line.status, 201, JSON.stringify(line.body));
  const locked = await call('POST', `/v1/carts/${cartId}/lock`, { token: host.token });
  assert.equal(locked.status, 200, JSON.stringify(locked.body));

  const base = suite.server.url;
  const eater = await openPage(suite.browser, base);
  const shop = eater.page;
  const checkout = `/customer/carts/${cartId}/checkout`;
  await logIn(shop, `${base}/customer/login?next=${encodeURIComponent(checkout)}`, host.email);
  await shop.getByRole('textbox', { name: 'Address', exact: true }).fill('Alexanderplatz 7');
  const quote = shop.getByRole('region', { name: `Your order from ${STORE}` });
  await quote.getByText(/This price holds until/).waitFor();
  await shop.getByLabel('Everyone pays their own share').check();
  await shop.getByLabel('Card number').fill('4242 4242 4242 4242');
  await shop.getByRole('button', { name: 'Place order' }).click();

  await shop.getByRole('heading', { level: 2, name: 'Status: Waiting for payment' }).waitFor();
  const paid = shop.getByRole('region', { name: 'Who has paid' });
  await paid.getByText('Hana (you)').waitFor();
  await paid.getByRole('listitem').filter({ hasText: 'Gus' }).getByText('Not paid yet').waitFor();
  await checkPage(shop, 'customer-order-split');

  // Gus finds the order from the cart and pays his share; the host's page hears it live.
  const found = await call('GET', `/v1/orders?cart_id=${cartId}`, { token: guest.token });
  assert.equal(found.body.data.length, 1, JSON.stringify(found.body));
  const share = await fetch(`${base}/v1/orders/${found.body.data[0].id}/payment-shares`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${guest.token}`,
      'Idempotency-Key': `gus-share-${cartId}`,
    },
    body: JSON.stringify({ payment_method: '4242424242424242' }),
  });
  const shared = await share.json();
  assert.equal(share.status, 200, JSON.stringify(shared));
  assert.equal(shared.status, 'placed');
  await shop.getByRole('heading', { level: 2, name: 'Status: Placed' }).waitFor();
  eater.check();
  await eater.context.close();
});

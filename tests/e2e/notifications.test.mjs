// The customer's notifications: the unread count in the header, the inbox (the welcome notice,
// marking read), and the preference centre (channels per kind, quiet hours, language, time zone)
// saved and honoured: with the inbox turned off for orders, a placed order arrives by email
// only; turned on again, the merchant's acceptance appears in the open inbox live, counted. The device
// control is shown; headless Chromium has no push service, so no push is received here (the
// C++ notifications tests deliver real pushes to a local push service). A merchant turns push on
// as far as the browser can, after choosing text messages for orders on the same account page
// (the page asks for the server's key, registers the portal's worker,
// then says the browser cannot subscribe); DevTools delivers a push to that worker, which shows
// it, and the worker's click handler takes the tab to the merchant portal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiCall, checkPage, deliverPush, eventually, openFromNotification, openPage, useServerAndBrowser } from './harness.mjs';
import { PASSWORD, openStore, registerUser } from './stores.mjs';

const CUSTOMER_AT = { lat: 52.5219, lng: 13.4132 };
const STORE_AT = { lat: 52.5219, lng: 13.4332 };
const suite = useServerAndBrowser();

const call = (method, path, options = {}) => apiCall(suite.server.url, method, path, options);

/** The mails the server wrote to `to` whose subject matches (its mail sink, one JSON line each). */
function mailsTo(to, subject) {
  const file = join(suite.server.dir, 'mail.log');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((m) => m.to === to && subject.test(m.subject));
}

async function placeOrder(customer, store) {
  const cart = await call('POST', '/v1/carts', { token: customer.token, body: { merchant_id: store.id, delivery_point: CUSTOMER_AT } });
  assert.ok([200, 201].includes(cart.status), JSON.stringify(cart.body));
  const line = await call('POST', `/v1/carts/${cart.body.id}/lines`, {
    token: customer.token,
    body: { item_id: store.items[0].id, quantity: 1, option_ids: [] },
  });
  assert.equal(line.status, 201, JSON.stringify(line.body));
  const placed = await call('POST', '/v1/orders', {
    token: customer.token,
    body: { cart_id: cart.body.id, payment_method: '4242424242424242', delivery: { address: 'Alexanderplatz 7', point: CUSTOMER_AT } },
  });
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
  return placed.body.id;
}

test('a customer reads the inbox, chooses channels, and the next notices follow the choice', async () => {
  const owner = await registerUser(suite.server.url, { tag: 'bistro', role: 'merchant' });
  const store = await openStore(suite.server.url, owner, {
    name: 'Kiez Bistro',
    location: STORE_AT,
    items: [{ name: 'Currywurst', price_minor: 650 }],
  });
  const customer = await registerUser(suite.server.url, { tag: 'reader', name: 'Rita Reader', role: 'customer' });
  const unreadOf = async () => (await call('GET', '/v1/me/notifications/unread-count', { token: customer.token })).body.unread_count;
  // The welcome notice is written when the server handles the registration's event.
  await eventually('the welcome notice', async () => ((await unreadOf()) === 1 ? true : undefined));
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(`${suite.server.url}/customer/login?next=${encodeURIComponent('/customer/notifications')}`);
  await page.getByLabel('Email').fill(customer.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();

  // The welcome notice: unread, counted in the header.
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: 'Notifications 1 unread' }).waitFor();
  const inbox = page.getByRole('list', { name: 'Notifications' });
  const welcome = inbox.getByRole('listitem').filter({ hasText: 'Welcome to ReskFlow' });
  await welcome.getByText('Unread').waitFor();
  await checkPage(page, 'customer-notifications');
  await welcome.getByRole('button', { name: /^Mark as read/ }).click();
  await welcome.getByText('Unread').waitFor({ state: 'detached' });
  await nav.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

  // The preference centre: no inbox and no text messages for orders, quiet hours, German, Berlin.
  await page.getByRole('link', { name: 'Choose how we notify you' }).click();
  await page.getByRole('heading', { level: 1, name: 'Notification settings' }).waitFor();
  await page.getByRole('button', { name: 'Turn on notifications on this device' }).waitFor();
  // The worker that shows pushes is served and installs (subscribing needs a push service).
  const installed = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.register('/customer/sw.js', { scope: '/customer/' });
    await navigator.serviceWorker.ready;
    return registration.active?.scriptURL ?? '';
  });
  assert.match(installed, /\/customer\/sw\.js$/);
  const orders = page.getByRole('group', { name: 'Orders' });
  assert.equal(await orders.getByLabel('Email').isChecked(), true);
  assert.equal(await orders.getByLabel('Notifications on my devices').isChecked(), true);
  assert.equal(await orders.getByLabel('Text message (SMS)').isChecked(), false);
  await orders.getByLabel('Inbox on this site').uncheck();
  await page.getByLabel('Hold notifications during quiet hours').check();
  await page.getByLabel('Language of messages').selectOption('de');
  await page.getByLabel('Time zone').fill('Mars/Olympus');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText(/must be an IANA time zone/).waitFor();
  assert.equal(await page.getByLabel('Time zone').getAttribute('aria-invalid'), 'true');
  await checkPage(page, 'customer-notification-settings-error');
  await page.getByLabel('Time zone').fill('Europe/Berlin');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Your notification settings are saved.').waitFor();
  await checkPage(page, 'customer-notification-settings');

  // Stored: a reload shows the same choices.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Notification settings' }).waitFor();
  assert.equal(await page.getByRole('group', { name: 'Orders' }).getByLabel('Inbox on this site').isChecked(), false);
  assert.equal(await page.getByRole('group', { name: 'Deliveries' }).getByLabel('Inbox on this site').isChecked(), true);
  assert.equal(await page.getByLabel('Hold notifications during quiet hours').isChecked(), true);
  assert.equal(await page.getByLabel('Language of messages').inputValue(), 'de');
  assert.equal(await page.getByLabel('Time zone').inputValue(), 'Europe/Berlin');
  // Chat messages are offered in the inbox and on devices, never by email or text message.
  const chat = page.getByRole('group', { name: 'Chat messages I have not read' });
  assert.equal(await chat.getByLabel('Inbox on this site').isChecked(), true);
  assert.equal(await chat.getByLabel('Email').count(), 0);
  assert.equal(await chat.getByLabel('Text message (SMS)').count(), 0);

  // Honoured: the placed order is mailed in German and never reaches the inbox. The quiet hours
  // are turned off first, so the mail goes out now whatever the time in Berlin.
  await page.getByLabel('Hold notifications during quiet hours').uncheck();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Your notification settings are saved.').waitFor();
  const orderId = await placeOrder(customer, store);
  await eventually('the order mail', () => (mailsTo(customer.email, /Bestellung/).length > 0 ? true : undefined));
  await page.getByRole('link', { name: 'Back to my notifications' }).click();
  await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
  await welcome.waitFor();
  assert.equal(await inbox.getByRole('listitem').count(), 1);

  // The inbox on again for orders: the merchant's acceptance arrives in the open inbox live,
  // unread and counted.
  await page.getByRole('link', { name: 'Choose how we notify you' }).click();
  await page.getByRole('group', { name: 'Orders' }).getByLabel('Inbox on this site').check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Your notification settings are saved.').waitFor();
  await page.getByRole('link', { name: 'Back to my notifications' }).click();
  await page.getByText('Live: changes show here as they happen.').waitFor();
  const accepted = await call('POST', `/v1/orders/${orderId}/accept`, { token: owner.token, body: { prep_time_minutes: 10 } });
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  await inbox.getByRole('listitem').filter({ hasText: 'Bestellung angenommen' }).getByText('Unread').waitFor();
  await nav.getByRole('link', { name: 'Notifications 1 unread' }).waitFor();
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await nav.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
  check();
  await context.close();
});

test("a merchant's device: push turned on as far as headless Chromium allows, a push shown, its click opens the portal", async () => {
  const owner = await registerUser(suite.server.url, { tag: 'pushed', role: 'merchant' });
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await context.grantPermissions(['notifications'], { origin: suite.server.url });
  await page.goto(`${suite.server.url}/merchant/login?next=${encodeURIComponent('/merchant/account')}`);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  // The preference centre without the inbox channel (the portal has no inbox): its choice is kept.
  const orders = page.getByRole('group', { name: 'Orders' });
  assert.equal(await orders.getByLabel('Inbox on this site').count(), 0);
  await orders.getByLabel('Text message (SMS)').check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Your notification settings are saved.').waitFor();
  const saved = (await call('GET', '/v1/me/notification-preferences', { token: owner.token })).body.channels.order;
  assert.deepEqual(saved, { email: true, sms: true, push: true, in_app: true });
  const keyAsked = page.waitForResponse((r) => r.url().endsWith('/v1/notifications/vapid-public-key') && r.status() === 200);
  await page.getByRole('button', { name: 'Turn on notifications on this device' }).click();
  await keyAsked;
  // Subscribing needs the browser's push service, which headless Chromium lacks: said in words.
  await page.getByText('This browser could not turn notifications on. Try again, or use the inbox and email.').waitFor();
  await checkPage(page, 'merchant-account-push');
  const worker = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/merchant/'))?.active?.scriptURL);
  assert.match(worker ?? '', /\/merchant\/sw\.js$/);

  const shown = await deliverPush(page, '/merchant/', { id: 'push-1', title: 'New order at Kiez Bistro', body: '2 items, €13.00' });
  assert.deepEqual(shown, [{ title: 'New order at Kiez Bistro', body: '2 items, €13.00', url: '/merchant/' }]);
  // The worker took the tab over when it started: the click handler takes it to the portal.
  await openFromNotification(context, '/merchant/', '/merchant/');
  await page.waitForURL(`${suite.server.url}/merchant/`);
  await page.getByRole('heading', { level: 1, name: 'Create your store' }).waitFor();
  check();
  await context.close();
});

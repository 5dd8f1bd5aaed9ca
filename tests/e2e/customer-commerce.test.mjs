// The customer portal's commerce pages against the real API: choose an address, browse and
// filter, search with a typo, a menu with a modifier dialog driven by keyboard, the cart and its
// price preview, a group order joined from a second browser, locking (the host still takes out
// a line that sold out) and the invite link shown again, a merchant that does not deliver to
// the chosen address saying so, best rated first in the demo city, and the ratings page.
// The test makes its own small city through the API (two merchants near Alexanderplatz).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall,
  checkPage,
  newEmail,
  openPage,
  startServer,
  useServerAndBrowser,
  waitForFocus,
} from './harness.mjs';

const PASSWORD = 'lantern orbit pebble 42';
const ALEXANDERPLATZ = { lat: 52.5219, lng: 13.4132 };
const suite = useServerAndBrowser();
const city = {};

const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** A weekday that is not today in Berlin (for a category that is not available now). */
function notToday() {
  const today = new Intl.DateTimeFormat('en', { weekday: 'short', timeZone: 'Europe/Berlin' })
    .format(new Date())
    .toLowerCase();
  return everyDay[(everyDay.indexOf(today) + 2) % 7];
}

function merchantBody(name, cuisines, at, minimum = 0) {
  return {
    name,
    description: `${name}: the test city's ${cuisines[0]}.`,
    address: { line1: 'Alexanderplatz 1', city: 'Berlin', postal_code: '10178', country: 'DE' },
    location: at,
    time_zone: 'Europe/Berlin',
    currency: 'EUR',
    cuisines,
    price_level: 2,
    photo_url: `/demo/photos/${cuisines[0]}.svg`,
    prep_time_minutes: 15,
    minimum_order_minor: minimum,
    delivery_zone: { type: 'radius', radius_m: 4000 },
    // Open around the clock, so that the test does not depend on the time it runs.
    opening_hours: { weekly: everyDay.map((day) => ({ day, open: '00:00', close: '00:00' })) },
  };
}

const pizzaMenu = () => ({
  modifier_groups: [
    { id: 'size', name: 'Size', min_selections: 1, max_selections: 1,
      options: [{ name: 'Medium' }, { name: 'Large', price_delta_minor: 300 }] },
    { id: 'toppings', name: 'Extra toppings', min_selections: 0, max_selections: 2,
      options: [{ name: 'Olives', price_delta_minor: 100 }, { name: 'Basil', price_delta_minor: 50 },
                { name: 'Chili', price_delta_minor: 50 }] },
  ],
  categories: [
    { name: 'Pizza', items: [
      { name: 'Margherita', description: 'Tomato, mozzarella, basil.', price_minor: 1150,
        dietary: ['vegetarian'], allergens: ['gluten', 'milk'], calories: 850,
        photo_urls: ['/demo/photos/pizza.svg'], modifier_group_ids: ['size', 'toppings'] },
      { name: 'Diavola', price_minor: 1350, dietary: ['spicy'], allergens: ['gluten', 'milk'] },
      { name: 'Calzone', price_minor: 1400, allergens: ['gluten', 'milk'] },
    ] },
    { name: 'Breakfast', availability: [{ days: [notToday()], start: '07:00', end: '11:00' }],
      items: [{ name: 'Cornetto', price_minor: 250, allergens: ['gluten'] }] },
  ],
});

const sushiMenu = () => ({
  modifier_groups: [],
  categories: [{ name: 'Rolls', items: [{ name: 'California roll', price_minor: 900, allergens: ['fish'] }] }],
});

async function register(email, name, role = 'customer') {
  const r = await apiCall(suite.server.url, 'POST', '/v1/auth/register', {
    body: { email, password: PASSWORD, name, role },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.access_token;
}

async function createMerchant(token, body, menu) {
  const created = await apiCall(suite.server.url, 'POST', '/v1/merchants', { token, body });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  const put = await apiCall(suite.server.url, 'PUT', `/v1/merchants/${id}/menu`, { token, body: menu });
  assert.equal(put.status, 200, JSON.stringify(put.body));
  return { id, menu: put.body };
}

/** Discovery indexes merchants from catalog's events: wait until both are listed. */
async function waitUntilListed(names) {
  const deadline = Date.now() + 20_000;
  const path = `/v1/merchants?lat=${ALEXANDERPLATZ.lat}&lng=${ALEXANDERPLATZ.lng}`;
  for (;;) {
    const r = await apiCall(suite.server.url, 'GET', path);
    const listed = (r.body?.data ?? []).map((m) => m.name);
    if (names.every((n) => listed.includes(n))) return;
    assert.ok(Date.now() < deadline, `not listed in time: ${names} (have ${listed})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The test city, made once by the first test that needs it (after the suite's server starts). */
let making;
const cityReady = () => (making ??= makeCity());

async function makeCity() {
  const owner = await register(newEmail('owner'), 'Luigi Owner', 'merchant');
  const pizza = await createMerchant(
    owner,
    merchantBody("Luigi's Pizzeria", ['pizza', 'italian'], { lat: 52.5232, lng: 13.4101 }, 2000),
    pizzaMenu(),
  );
  const calzone = pizza.menu.categories[0].items.find((i) => i.name === 'Calzone');
  const stock = await apiCall(suite.server.url, 'PUT', `/v1/merchants/${pizza.id}/menu/items/${calzone.id}/stock`, {
    token: owner,
    body: { sold_out: true },
  });
  assert.equal(stock.status, 200, JSON.stringify(stock.body));
  await createMerchant(owner, merchantBody('Sushi Ko', ['sushi', 'japanese'], { lat: 52.5190, lng: 13.4180 }), sushiMenu());
  await waitUntilListed(["Luigi's Pizzeria", 'Sushi Ko']);
  city.owner = owner;
  city.pizzaId = pizza.id;
  city.diavolaId = pizza.menu.categories[0].items.find((i) => i.name === 'Diavola').id;
}

async function setSoldOut(itemId, soldOut) {
  const r = await apiCall(suite.server.url, 'PUT', `/v1/merchants/${city.pizzaId}/menu/items/${itemId}/stock`, {
    token: city.owner,
    body: { sold_out: soldOut },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

async function logIn(page, email) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Press Tab until `locator` has focus (the dialog's order: choices, quantity, note, add). */
async function tabTo(page, locator, max = 25) {
  for (let i = 0; i < max; i++) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${locator}`);
}


async function waitForValue(locator, value) {
  const deadline = Date.now() + 5000;
  while ((await locator.inputValue()) !== value) {
    assert.ok(Date.now() < deadline, `${locator} never held ${value}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('a customer picks an address, filters, searches with a typo and fills a cart with the keyboard, then orders together with a friend', async () => {
  await cityReady();
  const adaEmail = newEmail('ada');
  await register(adaEmail, 'Ada Lovelace');
  const { page, context, check } = await openPage(suite.browser, suite.server.url);

  // Address: a demo address from the list.
  await page.goto(suite.server.url + '/customer/');
  await page.getByRole('main').getByRole('link', { name: 'Choose a delivery address' }).click();
  await page.getByRole('heading', { level: 1, name: 'Where should we deliver?' }).waitFor();
  await checkPage(page, 'customer-address');
  await page.getByRole('button', { name: /Alexanderplatz, Mitte/ }).click();

  // Browse: both merchants, with distances; the cuisine filter goes into the address bar.
  await page.getByRole('heading', { level: 1, name: 'Merchants near you' }).waitFor();
  await page.getByText('Delivering to').getByText('Alexanderplatz, Mitte').waitFor();
  const cards = page.locator('.merchant-card');
  await cards.filter({ hasText: "Luigi's Pizzeria" }).getByText(/\d+ m away|km away/).waitFor();
  await cards.filter({ hasText: 'Sushi Ko' }).waitFor();
  await page.getByText('Showing all 2 merchants.').waitFor();
  await checkPage(page, 'customer-browse');
  await page.getByLabel('Cuisine').selectOption('pizza');
  await cards.filter({ hasText: 'Sushi Ko' }).waitFor({ state: 'detached' });
  await page.getByText('Showing the only merchant.').waitFor();
  assert.match(page.url(), /cuisine=pizza/);
  await page.reload(); // the filter survives a reload
  await page.getByText('Showing the only merchant.').waitFor();
  assert.equal(await page.getByLabel('Cuisine').inputValue(), 'pizza');

  // Search as you type: "piza" finds the pizzeria and its pizzas.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
  await page.getByLabel('Search merchants and dishes').fill('piza');
  await page.getByRole('status').getByText(/1 merchant and \d+ dishes match “piza”/).waitFor();
  const results = page.locator('#search-results');
  await results.getByRole('link', { name: "Luigi's Pizzeria" }).waitFor();
  await results.getByRole('link', { name: 'Margherita' }).waitFor();
  await checkPage(page, 'customer-search');
  // Arrow Down moves from the field into the results.
  await page.getByLabel('Search merchants and dishes').press('ArrowDown');
  await waitForFocus(results.getByRole('link', { name: "Luigi's Pizzeria" }));
  await page.keyboard.press('Enter');

  // The menu: sold-out and not-available-now items are marked and cannot be added.
  await page.getByRole('heading', { level: 1, name: "Luigi's Pizzeria" }).waitFor();
  const calzone = page.locator('.shop-item', { hasText: 'Calzone' });
  await calzone.getByText('Sold out').waitFor();
  assert.equal(await calzone.getByRole('button').count(), 0);
  const cornetto = page.locator('.shop-item', { hasText: 'Cornetto' });
  await cornetto.getByText('Not available now').waitFor();
  assert.equal(await cornetto.getByRole('button').count(), 0);
  await page.getByRole('navigation', { name: 'Menu categories' }).getByRole('link', { name: 'Breakfast' }).waitFor();
  await page.getByText('Contains: gluten, milk').first().waitFor();
  await checkPage(page, 'customer-merchant');

  // A visitor's "Add" asks to log in, and the login comes back to the menu.
  await page.getByRole('button', { name: 'Add Margherita' }).click();
  const visitorDialog = page.getByRole('dialog', { name: 'Add Margherita' });
  await visitorDialog.getByText('Log in to order').waitFor();
  await visitorDialog.getByRole('link', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
  await logIn(page, adaEmail);
  await page.getByRole('heading', { level: 1, name: "Luigi's Pizzeria" }).waitFor();
  assert.match(page.url(), new RegExp(`/customer/merchants/${city.pizzaId}`));

  // Escape closes a dialog and gives focus back to its button.
  const addDiavola = page.getByRole('button', { name: 'Add Diavola' });
  await addDiavola.press('Enter');
  await page.getByRole('dialog', { name: 'Add Diavola' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Add Diavola' }).waitFor({ state: 'hidden' });
  await waitForFocus(addDiavola);

  // The modifier dialog, by keyboard: it refuses until the required size is chosen.
  // locator.press focuses the button as it is then, so a re-render of the menu after the login
  // cannot leave the key press on a detached element.
  await page.getByRole('button', { name: 'Add Margherita' }).press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add Margherita' });
  await dialog.waitFor();
  const submit = dialog.getByRole('button', { name: /^Add .*for €/ });
  assert.equal(await submit.getAttribute('aria-disabled'), 'true');
  await dialog.getByText('Choose one size.').first().waitFor();
  await checkPage(page, 'customer-modifier-dialog');
  await tabTo(page, submit);
  await page.keyboard.press('Enter'); // refused: focus goes to the size to choose
  await waitForFocus(dialog.getByRole('radio', { name: 'Medium' }));
  await page.keyboard.press('ArrowDown'); // Medium → Large
  assert.ok(await dialog.getByRole('radio', { name: 'Large' }).isChecked());
  await dialog.getByRole('button', { name: 'Add for €14.50' }).waitFor();
  assert.equal(await submit.getAttribute('aria-disabled'), null);
  await tabTo(page, submit);
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('Added 1 × Margherita to your cart.').waitFor();

  // The cart: the line with its option, the total, the minimum order, a quantity change.
  await page.getByRole('link', { name: 'View your cart' }).click();
  await page.getByRole('heading', { level: 1, name: "Your cart from Luigi's Pizzeria" }).waitFor();
  await page.getByText('Large (+€3.00)').waitFor();
  const preview = page.locator('.price-preview');
  await preview.getByText('€14.50').waitFor();
  await preview.getByText('Add €5.50 more to reach the minimum order of €20.00.').waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cart 1 item' }).waitFor();
  await checkPage(page, 'customer-cart');
  await page.getByRole('button', { name: 'One more Margherita' }).click();
  await preview.getByText('€29.00').waitFor();
  await preview.getByText('The minimum order of €20.00 is reached.').waitFor();

  // Another device changes the cart: the page's next change meets 412, reloads and says so.
  const elsewhere = await apiCall(suite.server.url, 'POST', '/v1/auth/login', { body: { email: adaEmail, password: PASSWORD } });
  const cartId = new URL(page.url()).pathname.split('/').pop();
  const added = await apiCall(suite.server.url, 'POST', `/v1/carts/${cartId}/lines`, {
    token: elsewhere.body.access_token,
    body: { item_id: city.diavolaId, quantity: 1 },
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  await page.getByRole('button', { name: 'One more Margherita' }).click();
  await page.getByRole('alert').getByText('The cart changed in the meantime').waitFor();
  await preview.getByText('€42.50').waitFor(); // 2 Margherita (unchanged) + the Diavola
  await page.getByRole('button', { name: 'Remove Diavola' }).click();
  await preview.getByText('€29.00').waitFor();

  // Start a group order and share its link.
  await page.getByLabel('Your name in the group').fill('Ada');
  await page.getByRole('button', { name: 'Start a group order' }).click();
  await page.getByRole('heading', { level: 1, name: "Group order from Luigi's Pizzeria" }).waitFor();
  const link = (await page.locator('#invite-link').innerText()).trim();
  assert.match(link, /\/customer\/group\/[A-Za-z0-9_-]{20,}$/);
  await page.getByRole('button', { name: 'Copy the link' }).waitFor();
  await checkPage(page, 'customer-group-host');

  // A friend opens the link in another browser, logs in, joins and adds a pizza.
  const bobEmail = newEmail('bob');
  await register(bobEmail, 'Bob Babbage');
  const friend = await openPage(suite.browser, suite.server.url);
  const bob = friend.page;
  await bob.goto(link);
  await bob.getByRole('link', { name: 'Log in to join' }).click();
  await logIn(bob, bobEmail);
  await bob.getByText('invites you to order together from').waitFor();
  assert.equal(new URL(bob.url()).pathname, new URL(link).pathname);
  await checkPage(bob, 'customer-group-join');
  await waitForValue(bob.getByLabel('Your name in the group'), 'Bob'); // from Bob's profile
  await bob.getByRole('button', { name: 'Join the group order' }).click();
  await bob.getByRole('heading', { level: 1, name: "Group order from Luigi's Pizzeria" }).waitFor();
  await bob.getByRole('link', { name: "Add from the menu of Luigi's Pizzeria" }).click();
  await bob.getByText('You are in a group order here').waitFor();
  await bob.getByRole('button', { name: 'Add Diavola' }).click();
  await bob.getByRole('dialog', { name: 'Add Diavola' }).getByRole('button', { name: 'Add for €13.50' }).click();
  await bob.getByText('Added 1 × Diavola to your cart.').waitFor();
  await bob.getByRole('link', { name: 'View your cart' }).click();
  const bobsItems = bob.getByRole('region', { name: 'Items of Bob' });
  await bobsItems.getByText('Diavola', { exact: true }).waitFor();
  // Bob changes only his own lines: Ada's pizza has no stepper and no remove button for him.
  const adasItems = bob.getByRole('region', { name: 'Items of Ada' });
  await adasItems.getByText('2 × Margherita').waitFor();
  assert.equal(await adasItems.getByRole('button').count(), 0);
  await checkPage(bob, 'customer-group-participant');

  // The host sees both shares, then locks the cart.
  await page.getByRole('button', { name: 'Refresh' }).click();
  const shares = page.locator('.shop-shares');
  await shares.locator('.shop-share', { hasText: 'Bob' }).getByText('1 item · €13.50').waitFor();
  await shares.locator('.shop-share', { hasText: 'Ada' }).getByText('2 items · €29.00').waitFor();
  await page.locator('.price-preview').getByText('€42.50').waitFor();
  await page.getByRole('button', { name: 'Lock the cart' }).click();
  await page.getByRole('button', { name: 'Unlock the cart' }).waitFor();
  await page.getByText('Locked', { exact: true }).first().waitFor();

  // The friend can no longer change anything.
  await bob.getByRole('button', { name: 'Refresh' }).click();
  await bob.getByText('The host locked the cart to order').waitFor();
  assert.equal(await bobsItems.getByRole('button', { name: /One more|Remove/ }).count(), 0);
  friend.check();
  await friend.context.close();

  // The Diavola sells out: the preview says to remove Bob's line, and the host can, locked.
  await setSoldOut(city.diavolaId, true);
  try {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByText('One line is no longer available').waitFor();
    await page.getByRole('region', { name: 'Items of Bob' }).getByRole('button', { name: 'Remove Diavola' }).click();
    await page.locator('.price-preview').getByText('€29.00').waitFor();
    await page.getByRole('button', { name: 'Unlock the cart' }).waitFor(); // still locked
  } finally {
    await setSoldOut(city.diavolaId, false);
  }

  // The invite link is shown again, unchanged, where the page has not kept it.
  await page.evaluate((id) => sessionStorage.removeItem(`reskflow.invite.${id}`), cartId);
  await page.reload();
  await page.locator('#invite-link').waitFor();
  assert.equal((await page.locator('#invite-link').innerText()).trim(), link);

  // Ratings: no delivered order yet, and the page says how rating works.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rate orders' }).click();
  await page.getByText('You can rate a merchant after a delivered order').waitFor();
  await checkPage(page, 'customer-reviews');
  check();
  await context.close();
});

test('an address far from every merchant explains the empty list', async () => {
  await cityReady();
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/customer/address');
  await page.getByRole('button', { name: /Müggelsee/ }).click();
  await page.getByText('No merchant delivers to Müggelsee, Köpenick yet: try an address closer to the centre.').waitFor();
  await checkPage(page, 'customer-browse-empty');
  // Picking a point with the keyboard: the map's centre.
  await page.getByRole('link', { name: 'Choose another address' }).click();
  await page.getByRole('button', { name: 'Choose the centre of the map' }).click();
  await page.getByRole('button', { name: 'Deliver to this point' }).click();
  await page.getByText(/Delivering to\s*Point on the map/).waitFor();
  check();
  await context.close();
});

test('a merchant that does not deliver to the chosen address says so on its page and in the cart', async () => {
  await cityReady();
  const email = newEmail('far');
  await register(email, 'Finn Faraway');
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/customer/address');
  await page.getByRole('button', { name: /Müggelsee/ }).click();
  const menu = `/customer/merchants/${city.pizzaId}`;
  await page.goto(`${suite.server.url}/customer/login?next=${encodeURIComponent(menu)}`);
  await logIn(page, email);
  await page.waitForURL(`**${menu}`);
  // Before anything goes into the cart.
  await page.getByText("Luigi's Pizzeria does not deliver to Müggelsee, Köpenick.").waitFor();
  await checkPage(page, 'customer-merchant-no-delivery');
  await page.getByRole('button', { name: 'Add Diavola' }).click();
  await page.getByRole('dialog', { name: 'Add Diavola' }).getByRole('button', { name: 'Add for €13.50' }).click();
  await page.getByRole('link', { name: 'View your cart' }).click();
  await page.getByText("Luigi's Pizzeria does not deliver to the chosen address.").waitFor();
  // Another address, and the cart follows it.
  await page.getByRole('link', { name: 'Choose another address' }).click();
  await page.getByRole('button', { name: /Alexanderplatz, Mitte/ }).click();
  await page.getByRole('heading', { level: 1, name: "Your cart from Luigi's Pizzeria" }).waitFor();
  await page.locator('.price-preview').getByText('€13.50').waitFor();
  await page.getByText('does not deliver to the chosen address').waitFor({ state: 'detached' });
  check();
  await context.close();
});

test('a session that ends while choosing asks to log in again and keeps the choices', async () => {
  await cityReady();
  const email = newEmail('grace');
  await register(email, 'Grace Hopper');
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/customer/login');
  await logIn(page, email);
  await page.waitForURL(/\/customer\/$/);
  await page.goto(`${suite.server.url}/customer/merchants/${city.pizzaId}`);
  await page.getByRole('button', { name: 'Add Margherita' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Margherita' });
  await dialog.getByRole('radio', { name: 'Large' }).check();
  await dialog.getByRole('checkbox', { name: 'Olives' }).check();

  // Another device ends every other session, including this one.
  const other = await apiCall(suite.server.url, 'POST', '/v1/auth/login', { body: { email, password: PASSWORD } });
  const revoked = await apiCall(suite.server.url, 'POST', '/v1/me/sessions/revoke-others', {
    token: other.body.access_token,
  });
  assert.equal(revoked.status, 200, JSON.stringify(revoked.body));

  await dialog.getByRole('button', { name: 'Add for €15.50' }).click();
  const again = page.getByRole('dialog', { name: 'Your session ended' });
  await again.waitFor();
  await again.getByLabel('Email').fill(email);
  await again.getByLabel('Password').fill(PASSWORD);
  await again.getByRole('button', { name: 'Log in' }).click();
  await again.waitFor({ state: 'hidden' });
  // The choices are still there; adding now works.
  assert.ok(await dialog.getByRole('checkbox', { name: 'Olives' }).isChecked());
  await dialog.getByRole('button', { name: 'Add for €15.50' }).click();
  await page.getByText('Added 1 × Margherita to your cart.').waitFor();
  check();
  await context.close();
});

test('the demo city: dozens of merchants page with "Load more", search forgives a typo, the demo customer fills a cart', async () => {
  const demo = await startServer({}, { seed: true });
  try {
    const { page, context, check } = await openPage(suite.browser, demo.url);
    await page.goto(demo.url + '/customer/address');
    await page.getByRole('button', { name: /Alexanderplatz, Mitte/ }).click();
    await page.getByText('Showing 20 merchants. There are more.').waitFor();
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByText(/Showing (all )?(2[1-9]|[3-9]\d) merchants/).waitFor();
    await checkPage(page, 'customer-browse-demo');
    // The demo city has reviews: best rated first reorders the list.
    const names = () => page.locator('.merchant-card-name').allInnerTexts();
    const nearest = await names();
    await page.getByLabel('Sort').selectOption('rating');
    await page.waitForURL(/sort=rating/);
    await page.locator('.merchant-card').first().getByText(/Rated [45](\.\d)? out of 5/).waitFor();
    assert.notDeepEqual((await names()).slice(0, 5), nearest.slice(0, 5));

    await page.goto(demo.url + '/customer/search?q=sushii');
    await page.getByRole('status').getByText(/[1-9]\d* merchants? and \d+ dish(es)? match “sushii”/).waitFor();
    await page.locator('#search-results').getByRole('heading', { name: 'Merchants' }).waitFor();
    await checkPage(page, 'customer-search-demo');

    // The demo customer (docs/commerce.md "Demo city") logs in from a dish's "Add" and comes
    // back to the menu, meets the dish's required choices and adds it.
    await page.locator('#search-results .merchant-card a').first().click();
    await page.getByRole('navigation', { name: 'Menu categories' }).waitFor();
    await checkPage(page, 'customer-merchant-demo');
    const dish = page.locator('.shop-item').filter({ has: page.getByRole('button', { name: /^Add / }) }).filter({ hasNotText: '18+' }).first();
    const dishName = (await dish.locator('.shop-item-name').innerText()).trim();
    await dish.getByRole('button').click();
    await page.getByRole('dialog').getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('Email').fill('customer@demo.reskflow.example');
    await page.getByLabel('Password').fill('reskflow-demo-2026');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: `Add ${dishName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Add ${dishName}` });
    await dialog.waitFor();
    for (const group of await dialog.locator('fieldset').all()) {
      const rule = (await group.innerText()).match(/\(choose one\)|Required: choose (\d+)/);
      if (!rule) continue;
      const boxes = group.locator('input:not([disabled])');
      for (let i = 0; i < Number(rule[1] ?? 1); i++) await boxes.nth(i).check();
    }
    await dialog.getByRole('button', { name: /^Add .*for €/ }).click();
    await page.getByText(`Added 1 × ${dishName} to your cart.`).waitFor();
    await page.getByRole('link', { name: 'View your cart' }).click();
    await page.locator('.price-preview').getByText(/€\d+\.\d\d/).first().waitFor();
    await checkPage(page, 'customer-cart-demo');
    check();
    await context.close();
  } finally {
    await demo.stop();
  }
});

/** Whether the element is wholly inside the page's viewport, as it stands (no scrolling). */
async function inView(page, locator) {
  const box = await locator.boundingBox();
  const { height } = page.viewportSize();
  return box !== null && box.y >= 0 && box.y + box.height <= height;
}

test('on a phone the add button and the way to the cart stay in view', async () => {
  await cityReady();
  const email = newEmail('phone');
  await register(email, 'Pat Phone');
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.setViewportSize({ width: 390, height: 600 });
  const menu = `/customer/merchants/${city.pizzaId}`;
  await page.goto(`${suite.server.url}/customer/login?next=${encodeURIComponent(menu)}`);
  await logIn(page, email);
  await page.waitForURL(`**${menu}`);
  await page.getByRole('button', { name: 'Add Margherita' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add Margherita' });
  await dialog.getByRole('radio', { name: 'Large' }).check();
  const submit = dialog.getByRole('button', { name: 'Add for €14.50' });
  assert.ok(await inView(page, submit), 'the dialog hides its add button below the fold');
  await submit.click();
  await dialog.waitFor({ state: 'hidden' });
  // Added from far down the menu: the confirmation and the way to the cart are on screen.
  const toCart = page.getByRole('link', { name: 'View your cart' });
  await page.getByText('Added 1 × Margherita to your cart.').waitFor();
  assert.ok(await inView(page, toCart), 'no way to the cart on screen after adding');
  await page.evaluate(() => window.scrollBy(0, 400));
  assert.ok(await inView(page, toCart), 'the cart bar scrolls away with the menu');
  check();
  await context.close();
});

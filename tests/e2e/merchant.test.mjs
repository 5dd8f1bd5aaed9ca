// The merchant portal against the real identity and catalog APIs: a merchant signs up, creates a
// store, edits its profile, pauses and resumes, sets opening hours with special dates, draws a
// delivery zone with the keyboard, builds a menu (a category, an item with a required Size
// group, reordering, sold out), invites a staff member by email (who verifies the address,
// joins from the first page and, as plain staff, can mark items sold out but not edit the
// menu, and declines the ownership offered to them), creates a virtual brand and gives it a
// menu; then the public API shows every edit. The tests share one merchant and one browser
// tab, in order. The server has the demo city loaded (`reskflow seed`): the demo owner picks
// one of many stores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiCall, checkPage, mailedCode, newEmail, openPage, useServerAndBrowser, waitForFocus } from './harness.mjs';

const PASSWORD = 'lantern orbit pebble 42';
const suite = useServerAndBrowser({ seed: true });
const tag = Date.now().toString(36);
const STORE = `Kiez Pizza ${tag}`;

/** The owner's tab, kept from test to test: { page, context, check }. */
let tab;
/** The store's id (from the address bar). */
let storeId;
let ownerEmail;

/** Goes to a section of the store through the store's own navigation. */
async function openSection(page, link, heading) {
  await page.getByRole('navigation', { name: 'Store' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

const merchantDoc = async () => (await apiCall(suite.server.url, 'GET', `/v1/merchants/${storeId}`)).body;
const publicMenu = async (id = storeId) => (await apiCall(suite.server.url, 'GET', `/v1/merchants/${id}/menu`)).body;

/**
 * Moves a map with the keyboard as a person would: focus it, press the arrow keys one by one.
 * Leaflet ignores a key while the previous pan still animates, so each press waits for the map
 * pane to lose its `leaflet-pan-anim` class (the end of that pan).
 */
async function pan(page, map, keys) {
  await map.focus();
  for (const key of keys) {
    await page.keyboard.press(key);
    await page.waitForFunction(() => !document.querySelector('.leaflet-pan-anim'));
  }
}

async function register(name, role = 'merchant') {
  const email = newEmail(role);
  const r = await apiCall(suite.server.url, 'POST', '/v1/auth/register', {
    body: { email, password: PASSWORD, name, role },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const me = await apiCall(suite.server.url, 'GET', '/v1/me', { token: r.body.access_token });
  return { email, id: me.body.id, token: r.body.access_token };
}

test('a merchant signs up, is asked to create a store, and creates it', async () => {
  tab = await openPage(suite.browser, suite.server.url);
  const { page } = tab;

  // Logged out, the portal asks to log in and offers a merchant account.
  await page.goto(suite.server.url + '/merchant/');
  await page.waitForURL('**/merchant/login?next=%2Fmerchant%2F');
  await page.getByRole('heading', { level: 1, name: 'Log in to the merchant portal' }).waitFor();
  await checkPage(page, 'merchant-login');
  await page.getByRole('link', { name: 'Create a merchant account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Create a merchant account' }).waitFor();
  await checkPage(page, 'merchant-signup');
  ownerEmail = newEmail('owner');
  await page.getByLabel('Your name').fill('Olga Owner');
  await page.getByLabel('Email').fill(ownerEmail);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();

  // No store yet: "Create your store".
  await page.getByRole('heading', { level: 1, name: 'Create your store' }).waitFor();
  await page.getByText('You are not part of a store yet.').waitFor();
  await checkPage(page, 'merchant-new-store');

  // What the browser can check is said beside the fields before anything is sent.
  await page.getByLabel('Store name').fill(STORE);
  await page.getByRole('button', { name: 'Create store' }).click();
  await page.getByText('Choose at least one cuisine.').waitFor();
  await page.getByText('Choose where the store is on the map.').waitFor();
  await page.getByRole('alert').waitFor();

  await page.getByLabel('Description').fill('Sourdough pizza from Kreuzberg.');
  await page.getByLabel('Pizza', { exact: true }).check();
  await page.getByLabel('Italian', { exact: true }).check();
  await page.getByLabel('Street and number').fill('Oranienstraße 12');
  await page.getByLabel('Postal code').fill('10999');
  await page.getByLabel('City').fill('Berlin');
  // The location with the keyboard: move the map with the arrow keys, then pick its centre.
  const map = page.getByRole('application', { name: /Where the store is/ });
  await pan(page, map, ['ArrowRight', 'ArrowDown']);
  await page.getByRole('button', { name: 'Put the store at the map centre' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText(/^The store is at 52\.\d+, 13\.\d+\.$/).waitFor();
  await page.getByLabel('Time zone').selectOption('Europe/Berlin');
  await page.getByRole('button', { name: 'Create store' }).click();

  await page.waitForURL(/\/merchant\/stores\/[^/]+\?created=1$/);
  storeId = new URL(page.url()).pathname.split('/')[3];
  await page.getByRole('heading', { level: 1, name: STORE }).waitFor();
  await page.getByText('Your store is created.').waitFor();
  await checkPage(page, 'merchant-overview');

  const doc = await merchantDoc();
  assert.equal(doc.name, STORE);
  assert.deepEqual(doc.cuisines, ['pizza', 'italian']);
  assert.equal(doc.time_zone, 'Europe/Berlin');
  assert.equal(doc.address.city, 'Berlin');
  tab.check();
});

test('the profile shows the API field errors beside their fields, then saves', async () => {
  const { page } = tab;
  await openSection(page, 'Profile', `Profile: ${STORE}`);
  await checkPage(page, 'merchant-profile');

  await page.getByLabel('Photo URL').fill('not a url');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText(/^Photo URL must be a path starting with \/ or an https URL/).waitFor();
  assert.equal(await page.getByLabel('Photo URL').getAttribute('aria-invalid'), 'true');
  assert.ok(await page.getByLabel('Photo URL').evaluate((el) => el === document.activeElement), 'focus on the field');
  await checkPage(page, 'merchant-profile-errors');

  await page.getByLabel('Photo URL').fill('/demo/photos/pizza.svg');
  await page.getByLabel(/^Minimum order/).fill('12,50');
  await page.getByLabel(/^Preparation time/).fill('20');
  await page.getByLabel('Phone').fill('+49 30 1234567');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('The profile is saved.').waitFor();
  const doc = await merchantDoc();
  assert.equal(doc.photo_url, '/demo/photos/pizza.svg');
  assert.equal(doc.minimum_order_minor, 1250);
  assert.equal(doc.prep_time_minutes, 20);
  assert.equal(doc.phone, '+49 30 1234567');
  tab.check();
});

test('pause new orders with a reason, then resume', async () => {
  const { page } = tab;
  await openSection(page, 'Overview', STORE);
  await page.getByLabel('30 minutes').check();
  await page.getByLabel('Reason').fill('kitchen full');
  await page.getByRole('button', { name: 'Pause new orders' }).click();
  await page.getByText(/^New orders are paused until \d{2}:\d{2}/).waitFor();
  await page.getByText('Reason: kitchen full.').waitFor();
  await checkPage(page, 'merchant-paused');
  let doc = await merchantDoc();
  // The time is on the store's clock, 24-hour like its opening hours, and says which clock.
  const until = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: doc.time_zone,
  }).format(new Date(doc.paused_until));
  const zone = doc.time_zone.replace(/_/g, ' ');
  await page.getByText(`New orders are paused until ${until} (${zone} time).`).waitFor();
  await page.locator('.store-bar').getByText(`Paused until ${until}`).waitFor();
  assert.equal(doc.open_now, false);
  assert.equal(doc.pause_reason, 'kitchen full');
  const minutes = (Date.parse(doc.paused_until) - Date.now()) / 60_000;
  assert.ok(minutes > 28 && minutes <= 30, `paused for ${minutes} minutes`);

  await page.getByRole('button', { name: 'Resume now' }).click();
  await page.getByText('The store takes new orders again.').waitFor();
  doc = await merchantDoc();
  assert.equal(doc.paused_until, null);
  tab.check();
});

test('opening hours: several ranges a day, past midnight, special dates', async () => {
  const { page } = tab;
  await openSection(page, 'Opening hours', `Opening hours: ${STORE}`);
  await checkPage(page, 'merchant-hours');

  // Friday: lunch, then a late evening that runs past midnight.
  const friday1 = page.getByRole('group', { name: 'Friday, hours 1' });
  await friday1.getByLabel('Opens').fill('11:00');
  await friday1.getByLabel('Closes').fill('14:30');
  await page.getByRole('button', { name: 'Add hours on Friday' }).click();
  const friday2 = page.getByRole('group', { name: 'Friday, hours 2' });
  await waitForFocus(friday2.getByLabel('Opens'));
  await friday2.getByLabel('Opens').fill('18:00');
  await friday2.getByLabel('Closes').fill('02:00');
  await friday2.getByText('Runs past midnight: until 02:00 the next day.').waitFor();
  // Closed on Sundays.
  await page.getByRole('button', { name: 'Remove Sunday hours 1' }).click();
  await page.getByRole('group', { name: 'Sunday' }).getByText('Closed all day.').waitFor();

  // Special dates: Christmas Day closed; the 24th a short day. The same date twice is refused.
  await page.getByRole('button', { name: 'Add a special date' }).click();
  await page.locator('.exceptions input[type="date"]').last().fill('2026-12-25');
  await page.getByRole('button', { name: 'Add a special date' }).click();
  await page.locator('.exceptions input[type="date"]').last().fill('2026-12-25');
  await page.getByRole('button', { name: 'Save opening hours' }).click();
  await page.getByText('This date is already in the list: change one of them.').waitFor();
  await page.locator('.exceptions input[type="date"]').last().fill('2026-12-24');
  // The date in words, in the browser's locale ("Thursday, December 24, 2026").
  const christmasEve = page.getByRole('group', { name: /^\w+, (24 December|December 24),? 2026$/ });
  await christmasEve.getByLabel('Open at special hours').check();
  const eveHours = page.getByRole('group', { name: /^Hours on .*24.* 2026, hours 1$/ });
  await eveHours.getByLabel('Opens').fill('11:00');
  await eveHours.getByLabel('Closes').fill('15:00');
  await checkPage(page, 'merchant-hours-edited');
  await page.getByRole('button', { name: 'Save opening hours' }).click();
  await page.getByText('The opening hours are saved.').waitFor();

  const hours = (await merchantDoc()).opening_hours;
  const friday = hours.weekly.filter((w) => w.day === 'fri');
  assert.deepEqual(friday, [
    { day: 'fri', open: '11:00', close: '14:30' },
    { day: 'fri', open: '18:00', close: '02:00' },
  ]);
  assert.equal(hours.weekly.filter((w) => w.day === 'sun').length, 0);
  assert.deepEqual(
    [...hours.exceptions].sort((a, b) => a.date.localeCompare(b.date)),
    [
      { date: '2026-12-24', intervals: [{ open: '11:00', close: '15:00' }] },
      { date: '2026-12-25', intervals: [] },
    ],
  );
  tab.check();
});

test('delivery zone: a radius error in words, then a polygon drawn with the keyboard', async () => {
  const { page } = tab;
  await openSection(page, 'Delivery zone', `Delivery zone: ${STORE}`);
  await checkPage(page, 'merchant-zone-radius');

  await page.getByLabel('Distance (km)').fill('80');
  await page.getByRole('button', { name: 'Save delivery zone' }).click();
  await page.getByText('Distance (km) must be from 0.1 to 50 km.').waitFor();

  await page.getByLabel('An area drawn on the map').check();
  const map = page.getByRole('application', { name: /Delivery zone: map/ });
  const addCorner = page.getByRole('button', { name: 'Add a corner at the map centre' });
  const corner = async (keys) => {
    await pan(page, map, keys);
    await addCorner.focus();
    await page.keyboard.press('Enter');
  };
  await corner(['ArrowUp', 'ArrowUp', 'ArrowLeft', 'ArrowLeft']);
  await corner(['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowRight']);
  await corner(['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown']);
  await corner(['ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft']);
  await page.getByRole('heading', { name: 'Corners (4)' }).waitFor();
  await page.getByText(/^Corner 4 added at/).waitFor();
  // Remove one, undo it.
  await page.getByRole('button', { name: 'Remove corner 2' }).click();
  await page.getByRole('heading', { name: 'Corners (3)' }).waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('heading', { name: 'Corners (4)' }).waitFor();
  // Move a corner to the map centre (the keyboard's "drag").
  await pan(page, map, ['ArrowUp']);
  await page.getByRole('button', { name: /^Move here: corner 1/ }).click();
  await page.getByText(/^Corner 1 moved to/).waitFor();
  await checkPage(page, 'merchant-zone-polygon');
  await page.getByRole('button', { name: 'Save delivery zone' }).click();
  await page.getByText('The delivery zone is saved.').waitFor();

  const zone = (await merchantDoc()).delivery_zone;
  assert.equal(zone.type, 'polygon');
  const ring = zone.polygon.coordinates[0];
  assert.equal(ring.length, 5, 'four corners and the closing position');
  assert.deepEqual(ring[0], ring[4]);
  tab.check();
});

test('menu: a category, a required Size group, an item, reordering and sold out', async () => {
  const { page } = tab;
  await openSection(page, 'Menu', `Menu: ${STORE}`);
  await page.getByText('The menu is empty, so customers cannot order yet.').waitFor();
  await checkPage(page, 'merchant-menu-empty');

  // A category with a breakfast-style window.
  await page.getByRole('button', { name: 'Add a category' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add a category' });
  await dialog.getByLabel('Category name').fill('Pizzas');
  await dialog.getByRole('button', { name: 'Add category' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('Pizzas is added to the menu.').waitFor();

  // The Size group: required (at least 1, at most 1), two options.
  await page.getByRole('button', { name: 'Add a modifier group' }).click();
  dialog = page.getByRole('dialog', { name: 'Add a modifier group' });
  await dialog.getByLabel('Group name').fill('Size');
  await dialog.getByText('Required: customers choose exactly 1.').waitFor();
  await dialog.getByLabel('Option 1 name').fill('Regular');
  await dialog.getByRole('button', { name: 'Add an option' }).click();
  await dialog.getByLabel('Option 2 name').fill('Large');
  await dialog.getByLabel(/^Option 2 extra price/).fill('3');
  await checkPage(page, 'merchant-menu-group-dialog');
  await dialog.getByRole('button', { name: 'Add group' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('Size is added.').waitFor();

  // An item: a wrong price is said beside the field; then it is added with the Size group.
  await page.getByRole('button', { name: 'Add an item to Pizzas' }).click();
  dialog = page.getByRole('dialog', { name: 'Add an item' });
  await dialog.getByLabel('Item name').fill('Margherita');
  await dialog.getByLabel('Description').fill('Tomato, mozzarella, basil.');
  await dialog.getByLabel('Price (EUR)').fill('eleven');
  await dialog.getByRole('button', { name: 'Add item' }).click();
  await dialog.getByText('Price (EUR) must be an amount like 12.50.').waitFor();
  await dialog.getByLabel('Price (EUR)').fill('11,50');
  await dialog.getByLabel('Size').check();
  await dialog.getByLabel('Vegetarian').check();
  await dialog.getByLabel('Gluten (cereals)').check();
  await dialog.getByLabel('Milk').check();
  await dialog.getByLabel('Calories (kcal)').fill('850');
  await dialog.getByLabel('Photo URLs').fill('/demo/photos/pizza.svg');
  await checkPage(page, 'merchant-menu-item-dialog');
  await dialog.getByRole('button', { name: 'Add item' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('Margherita is added.').waitFor();

  // A second category with two items, then reordering with the keyboard.
  await page.getByRole('button', { name: 'Add a category' }).click();
  dialog = page.getByRole('dialog', { name: 'Add a category' });
  await dialog.getByLabel('Category name').fill('Drinks');
  await dialog.getByRole('button', { name: 'Add category' }).click();
  await page.getByText('Drinks is added to the menu.').waitFor();
  for (const [name, price, adult] of [['Lemonade', '3.20', false], ['Pale ale', '4.50', true]]) {
    await page.getByRole('button', { name: 'Add an item to Drinks' }).click();
    dialog = page.getByRole('dialog', { name: 'Add an item' });
    await dialog.getByLabel('Item name').fill(name);
    await dialog.getByLabel('Price (EUR)').fill(price);
    if (adult) await dialog.getByLabel('Age-restricted (alcohol, tobacco)').check();
    await dialog.getByRole('button', { name: 'Add item' }).click();
    await page.getByText(`${name} is added.`).waitFor();
  }
  const up = page.getByRole('button', { name: 'Move Drinks up' });
  await up.focus();
  await page.keyboard.press('Enter');
  await page.getByText('Drinks moved up: 1 of 2.').waitFor();
  assert.ok(await up.evaluate((el) => el === document.activeElement), 'focus stays on the button');
  assert.equal(await up.getAttribute('aria-disabled'), 'true', 'first: cannot move up');
  await page.getByRole('button', { name: 'Move Pale ale up' }).click();
  await page.getByText('Pale ale moved up: 1 of 2.').waitFor();

  // On a phone an item's change, move and delete buttons stay on one line.
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const rows = new Set();
  for (const name of ['Change Pale ale', 'Move Pale ale up', 'Move Pale ale down', 'Delete Pale ale'])
    rows.add(Math.round((await page.getByRole('button', { name }).boundingBox()).y));
  assert.equal(rows.size, 1, `the item's buttons wrap onto ${rows.size} lines`);
  await page.setViewportSize(wide);

  // Sold out: a switch per item.
  const soldOut = page.getByRole('switch', { name: 'Sold out: Margherita' });
  assert.equal(await soldOut.getAttribute('aria-checked'), 'false');
  await soldOut.click();
  await page.getByText('Margherita is sold out.').waitFor();
  assert.equal(await soldOut.getAttribute('aria-checked'), 'true');
  await checkPage(page, 'merchant-menu');

  // A category served on weekday mornings only: an availability window.
  await page.getByRole('button', { name: 'Add a category' }).click();
  dialog = page.getByRole('dialog', { name: 'Add a category' });
  await dialog.getByLabel('Category name').fill('Breakfast');
  await dialog.getByRole('button', { name: 'Add a time window' }).click();
  const days = dialog.getByRole('group', { name: 'Time window 1: days' });
  assert.ok(await days.getByLabel('Monday').isChecked(), 'weekdays ticked by default');
  await days.getByLabel('Saturday').check();
  const hours = dialog.getByRole('group', { name: 'Time window 1: hours' });
  await hours.getByLabel('From').fill('07:00');
  await hours.getByLabel('Until').fill('11:00');
  await checkPage(page, 'merchant-menu-category-window');
  await dialog.getByRole('button', { name: 'Add category' }).click();
  await page.getByText('Breakfast is added to the menu.').waitFor();
  await page.getByText('Mon–Sat 07:00–11:00').waitFor();
  tab.check();
});

test('staff: invite by email, change the level, offer the ownership; plain staff mark items sold out only', async () => {
  const { page } = tab;
  const sam = await register(`Sam Staff ${tag}`);
  await openSection(page, 'Staff', `Staff: ${STORE}`);
  await page.getByRole('table', { name: 'Staff of this store' }).waitFor();
  await page.getByRole('rowheader', { name: /Olga Owner/ }).waitFor();
  await checkPage(page, 'merchant-staff');

  // Something that is no address is refused beside the field.
  await page.getByLabel('Email').fill('sam at the store');
  await page.getByRole('button', { name: 'Send the invitation' }).click();
  await page.getByText('must be an email address').first().waitFor();

  await page.getByLabel('Email').fill(sam.email);
  await page.getByLabel('Manager').check();
  await page.getByRole('button', { name: 'Send the invitation' }).click();
  await page.getByText(`Invitation sent to ${sam.email}. They join as manager when they accept it.`).waitFor();
  await page.getByRole('table', { name: 'Pending invitations' }).getByText(sam.email).waitFor();
  await checkPage(page, 'merchant-staff-invited');

  // Sam verifies the address, logs in and joins from the first page.
  const code = await mailedCode(suite.server, sam.email, /Verify/);
  const verified = await apiCall(suite.server.url, 'POST', '/v1/auth/verify-email', { body: { token: code } });
  assert.equal(verified.status, 204, JSON.stringify(verified.body));
  const sams = await openPage(suite.browser, suite.server.url);
  await sams.page.goto(suite.server.url + '/merchant/login');
  await sams.page.getByLabel('Email').fill(sam.email);
  await sams.page.getByLabel('Password').fill(PASSWORD);
  await sams.page.getByRole('button', { name: 'Log in' }).click();
  await sams.page.getByText(`You are invited to join ${STORE} as manager.`).waitFor();
  await checkPage(sams.page, 'merchant-invitation');
  await sams.page.getByRole('button', { name: `Join ${STORE}` }).click();
  await sams.page.getByRole('heading', { level: 1, name: STORE }).waitFor();

  await page.reload();
  await page.getByRole('row', { name: new RegExp(`Sam Staff ${tag}`) }).getByText('Manager').waitFor();
  assert.equal(await page.getByRole('table', { name: 'Pending invitations' }).count(), 0);

  // Change the level to staff in a dialog.
  await page.getByRole('button', { name: `Change the level of Sam Staff ${tag}` }).click();
  const dialog = page.getByRole('dialog', { name: `Change the level of Sam Staff ${tag}` });
  await dialog.getByLabel('Staff', { exact: true }).check();
  await checkPage(page, 'merchant-staff-level');
  await dialog.getByRole('button', { name: 'Change level' }).click();
  await page.getByText(`Sam Staff ${tag} is now staff.`).waitFor();

  // Ownership moves only by an offer the member accepts: Sam is offered it, and declines.
  await page.getByRole('button', { name: `Offer the ownership to Sam Staff ${tag}` }).click();
  const offer = page.getByRole('dialog', { name: `Offer the ownership to Sam Staff ${tag}?` });
  await offer.getByRole('button', { name: 'Offer the ownership' }).click();
  await page.getByText(`Sam Staff ${tag} becomes owner when they accept the offer on this page.`).waitFor();
  await page.getByText('Ownership offered', { exact: true }).waitFor();

  // Sam, now plain staff: the menu offers the sold-out switch, not editing.
  await sams.page.reload();
  await sams.page.getByRole('heading', { level: 1, name: STORE }).waitFor();
  await openSection(sams.page, 'Menu', `Menu: ${STORE}`);
  await sams.page.getByRole('switch', { name: 'Sold out: Lemonade' }).click();
  await sams.page.getByText('Lemonade is sold out.').waitFor();
  assert.equal(await sams.page.getByRole('button', { name: 'Add a category' }).count(), 0);
  assert.equal(await sams.page.getByRole('button', { name: 'Change Lemonade' }).count(), 0);
  await checkPage(sams.page, 'merchant-menu-staff');
  await openSection(sams.page, 'Staff', `Staff: ${STORE}`);
  await sams.page.getByText('You are offered the ownership', { exact: true }).waitFor();
  await checkPage(sams.page, 'merchant-ownership-offer');
  await sams.page.getByRole('button', { name: 'Decline' }).click();
  await sams.page.getByText('You declined the ownership.').waitFor();
  sams.check();
  await sams.context.close();
  tab.check();
});

test('a virtual brand: create it in the kitchen, then switch to it and give it a menu', async () => {
  const { page } = tab;
  const BRAND = `Night Burgers ${tag}`;
  await openSection(page, 'Brands', `Brands: ${STORE}`);
  await page.getByText('This kitchen has no virtual brands yet.').waitFor();
  await page.getByRole('button', { name: 'Create a brand' }).click();
  await page.getByLabel('Store name').fill(BRAND);
  await page.getByLabel('Burgers', { exact: true }).check();
  await checkPage(page, 'merchant-brand-new');
  await page.getByRole('button', { name: 'Create brand' }).click();
  await page.getByText(`${BRAND} is created.`).waitFor();
  await page.getByRole('listitem').getByRole('link', { name: BRAND, exact: true }).waitFor();
  await checkPage(page, 'merchant-brands');

  await page.getByRole('link', { name: `build the menu of ${BRAND}` }).click();
  await page.getByRole('heading', { level: 1, name: `Menu: ${BRAND}` }).waitFor();
  const brandId = new URL(page.url()).pathname.split('/')[3];
  await page.getByRole('button', { name: 'Add a category' }).click();
  let dialog = page.getByRole('dialog', { name: 'Add a category' });
  await dialog.getByLabel('Category name').fill('Burgers');
  await dialog.getByRole('button', { name: 'Add category' }).click();
  await page.getByRole('button', { name: 'Add an item to Burgers' }).click();
  dialog = page.getByRole('dialog', { name: 'Add an item' });
  await dialog.getByLabel('Item name').fill('Smash burger');
  await dialog.getByLabel('Price (EUR)').fill('9.90');
  await dialog.getByRole('button', { name: 'Add item' }).click();
  await page.getByText('Smash burger is added.').waitFor();

  const brand = (await apiCall(suite.server.url, 'GET', `/v1/merchants/${brandId}`)).body;
  assert.equal(brand.kitchen_id, storeId);
  assert.deepEqual(brand.location, (await merchantDoc()).location, 'a brand shares its kitchen');
  const menu = await publicMenu(brandId);
  assert.equal(menu.categories[0].items[0].price_minor, 990);

  // "Your stores" lists the kitchen with its brand under it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Your stores' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your stores' }).waitFor();
  await page.getByRole('link', { name: BRAND }).waitFor();
  await checkPage(page, 'merchant-stores');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
  await checkPage(page, 'merchant-account');
  tab.check();
});

test('a session that ends under a half-typed item asks to log in again and keeps the text', async () => {
  const { page } = tab;
  await page.goto(`${suite.server.url}/merchant/stores/${storeId}/menu`);
  await page.getByRole('heading', { level: 1, name: `Menu: ${STORE}` }).waitFor();
  await page.getByRole('button', { name: 'Add an item to Pizzas' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an item' });
  await dialog.getByLabel('Item name').fill('Diavola');
  await dialog.getByLabel('Price (EUR)').fill('12.90');

  // The owner logs in elsewhere and logs out every other session, this tab's included.
  const login = await apiCall(suite.server.url, 'POST', '/v1/auth/login', {
    body: { email: ownerEmail, password: PASSWORD },
  });
  const revoked = await apiCall(suite.server.url, 'POST', '/v1/me/sessions/revoke-others', {
    token: login.body.access_token,
  });
  assert.equal(revoked.status, 200, JSON.stringify(revoked.body));

  await dialog.getByRole('button', { name: 'Add item' }).click();
  const again = page.getByRole('dialog', { name: 'Your session ended' });
  await again.waitFor();
  await checkPage(page, 'merchant-session-ended');
  await again.getByLabel('Email').fill(ownerEmail);
  await again.getByLabel('Password').fill(PASSWORD);
  await again.getByRole('button', { name: 'Log in' }).click();
  await again.waitFor({ state: 'hidden' });
  assert.equal(await dialog.getByLabel('Item name').inputValue(), 'Diavola', 'the typed item is kept');
  await dialog.getByRole('button', { name: 'Add item' }).click();
  await page.getByText('Diavola is added.').waitFor();
  tab.check();
});

test('the public menu and store reflect every edit', async () => {
  const menu = await publicMenu();
  assert.deepEqual(
    menu.categories.map((c) => c.name),
    ['Drinks', 'Pizzas', 'Breakfast'],
    'Drinks moved above Pizzas',
  );
  const [drinks, pizzas, breakfast] = menu.categories;
  assert.deepEqual(breakfast.availability, [
    { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], start: '07:00', end: '11:00' },
  ]);
  assert.deepEqual(drinks.items.map((i) => i.name), ['Pale ale', 'Lemonade']);
  assert.equal(drinks.items[0].age_restricted, true);
  assert.equal(drinks.items[1].sold_out, true, 'staff marked Lemonade sold out');
  const margherita = pizzas.items[0];
  assert.equal(margherita.name, 'Margherita');
  assert.equal(margherita.price_minor, 1150);
  assert.equal(margherita.sold_out, true);
  assert.deepEqual(margherita.dietary, ['vegetarian']);
  assert.deepEqual([...margherita.allergens].sort(), ['gluten', 'milk']);
  assert.equal(margherita.calories, 850);
  assert.deepEqual(margherita.photo_urls, ['/demo/photos/pizza.svg']);
  const size = menu.modifier_groups.find((g) => g.name === 'Size');
  assert.ok(size, 'the Size group');
  assert.equal(size.required, true);
  assert.equal(size.min_selections, 1);
  assert.equal(size.max_selections, 1);
  assert.deepEqual(
    size.options.map((o) => [o.name, o.price_delta_minor]),
    [['Regular', 0], ['Large', 300]],
  );
  assert.deepEqual(margherita.modifier_group_ids, [size.id]);

  const doc = await merchantDoc();
  assert.equal(doc.paused_until, null);
  assert.equal(doc.delivery_zone.type, 'polygon');
  assert.equal(doc.minimum_order_minor, 1250);
  await tab.context.close();
});

test('the demo owner picks one of many stores and marks an item sold out', async () => {
  const demo = await openPage(suite.browser, suite.server.url);
  const { page } = demo;
  await page.goto(suite.server.url + '/merchant/login');
  await page.getByLabel('Email').fill('owner@demo.reskflow.example');
  await page.getByLabel('Password').fill('reskflow-demo-2026');
  await page.getByRole('button', { name: 'Log in' }).click();

  // Many stores: the picker, by name, each kitchen with its brands under it.
  await page.getByRole('heading', { level: 1, name: 'Your stores' }).waitFor();
  const cards = page.locator('main ul.cards > li');
  await cards.first().waitFor();
  assert.ok((await cards.count()) >= 40, `${await cards.count()} stores listed`);
  await page.getByRole('heading', { name: 'Brands of this kitchen' }).first().waitFor();
  await checkPage(page, 'merchant-stores-demo');

  const first = cards.first().getByRole('heading', { level: 2 }).getByRole('link');
  const name = (await first.innerText()).trim();
  await first.click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  const id = new URL(page.url()).pathname.split('/')[3];
  await openSection(page, 'Menu', `Menu: ${name}`);
  const toggle = page.getByRole('switch').first();
  const item = (await toggle.getAttribute('aria-label')).replace(/^Sold out: /, '');
  const wasSoldOut = (await toggle.getAttribute('aria-checked')) === 'true';
  await toggle.click();
  await page.getByText(wasSoldOut ? `${item} is available again.` : `${item} is sold out.`).waitFor();
  await checkPage(page, 'merchant-menu-demo');

  const menu = await publicMenu(id);
  const found = menu.categories.flatMap((c) => c.items).find((i) => i.name === item);
  assert.equal(found.sold_out, !wasSoldOut);
  demo.check();
  await demo.context.close();
});

// The admin portal against the real identity API: an admin made by `reskflow admin create` logs
// in with the one-time password, must set up two-step login, replaces the password, then works
// through users, ID checks, partner API keys, the audit log and the system's health; a session
// that ends underneath a page asks to log in again (with the second factor) and keeps the page.
// The tests share one admin and one browser tab, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall,
  checkPage,
  createAdmin,
  newEmail,
  openPage,
  totp,
  useServerAndBrowser,
  waitForFocus,
} from './harness.mjs';

const PASSWORD = 'lantern orbit pebble 42';
const ADMIN_PASSWORD = 'granite ferry meadow 58';
const suite = useServerAndBrowser();

/** The admin of these tests: { id, email, password, secret, recovery: [codes] }. */
let admin;
/** The admin's tab, kept from test to test: { page, context, check }. */
let tab;
let lastTotpStep = 0;
const tag = Date.now().toString(36);

/** A second factor nobody used yet: a recovery code while there are some, else a fresh TOTP. */
async function secondFactor() {
  if (admin.recovery.length > 0) return admin.recovery.shift();
  // A TOTP step is accepted once, within ±1 step of now: take the next unused one, waiting for
  // the clock when it is too far ahead.
  const step = lastTotpStep + 1;
  while (step > Math.floor(Date.now() / 30_000) + 1) await new Promise((r) => setTimeout(r, 1000));
  lastTotpStep = step;
  return totp(admin.secret, step * 30_000);
}

/** The admin's access token through the API (password, then the second factor). */
async function adminToken() {
  const login = await apiCall(suite.server.url, 'POST', '/v1/auth/login', {
    body: { email: admin.email, password: admin.password },
  });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  assert.ok(login.body.mfa_required, 'an admin with TOTP gets the MFA challenge');
  const mfa = await apiCall(suite.server.url, 'POST', '/v1/auth/mfa', {
    body: { mfa_token: login.body.mfa_token, code: await secondFactor() },
  });
  assert.equal(mfa.status, 200, JSON.stringify(mfa.body));
  return mfa.body.access_token;
}

async function register(name, { role = 'customer', email = newEmail('user') } = {}) {
  const r = await apiCall(suite.server.url, 'POST', '/v1/auth/register', {
    body: { email, password: PASSWORD, name, role },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { email, token: r.body.access_token };
}

async function canLogIn(email) {
  const r = await apiCall(suite.server.url, 'POST', '/v1/auth/login', {
    body: { email, password: PASSWORD },
  });
  return r.status === 200;
}

/** Goes to an admin section through the header navigation. */
async function openSection(page, link, heading) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

const rows = (page) => page.locator('table.data-table tbody tr');

test('a new admin logs in with the one-time password, sets up two-step login first, then goes on', async () => {
  admin = await createAdmin(suite.server, newEmail('admin'), 'Ada Admin');
  tab = await openPage(suite.browser, suite.server.url);
  const { page } = tab;

  // A deep link while logged out goes to the login page, and back after logging in.
  await page.goto(suite.server.url + '/admin/users');
  await page.waitForURL('**/admin/login?next=%2Fadmin%2Fusers');
  await page.getByRole('heading', { level: 1, name: 'Log in to the admin portal' }).waitFor();
  await checkPage(page, 'admin-login');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();

  // No second factor yet: identity refuses admin routes, so the portal asks to set it up.
  await page.getByRole('heading', { level: 1, name: 'Set up two-step login' }).waitFor();
  assert.match(page.url(), /\/admin\/users$/);
  assert.equal(
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).count(),
    0,
    'no admin sections before two-step login is on',
  );
  await checkPage(page, 'admin-setup-mfa');
  await page.getByRole('button', { name: 'Set up two-step login' }).click();
  await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
  admin.secret = (await page.getByTestId('totp-secret').innerText()).trim();
  await checkPage(page, 'admin-setup-mfa-qr');
  lastTotpStep = Math.floor(Date.now() / 30_000);
  await page.getByLabel('Code from your app').fill(totp(admin.secret, lastTotpStep * 30_000));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await codes.first().waitFor();
  admin.recovery = (await codes.allInnerTexts()).map((c) => c.trim());
  assert.equal(admin.recovery.length, 10);
  await checkPage(page, 'admin-setup-recovery-codes');
  // Administrators must keep two-step login: no way to turn it off is offered.
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await page.getByText(/Administrators keep it on/).waitFor();
  assert.equal(await page.getByText('Turn two-step login off').count(), 0);
  await page.getByRole('button', { name: 'Continue' }).click();

  // Step 2: replace the one-time password; a wrong current password is refused beside it.
  await page.getByRole('heading', { level: 1, name: 'Choose your own password' }).waitFor();
  await page.getByLabel('Current (one-time) password').fill('not the one-time password');
  await page.getByLabel('New password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText(/^Current \(one-time\) password is wrong/).waitFor();
  await checkPage(page, 'admin-setup-password');
  await page.getByLabel('Current (one-time) password').fill(admin.password);
  await page.getByRole('button', { name: 'Change password' }).click();
  admin.password = ADMIN_PASSWORD;

  // Then the page asked for.
  await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  assert.match(page.url(), /\/admin\/users$/);
  await page.getByRole('table', { name: 'All users' }).waitFor();
  await openSection(page, 'Overview', 'Admin overview');
  await page.getByText('No documents are waiting.').waitFor();
  await checkPage(page, 'admin-overview');
  tab.check();
});

test('users: search, load more, suspend and reinstate with confirmation, change role', async () => {
  const { page } = tab;
  for (let i = 1; i <= 27; i++) await register(`Zed Tester ${tag} ${String(i).padStart(2, '0')}`);
  const zed = await register(`Zoe Suspendable ${tag}`);
  const dora = await register(`Dora Driver ${tag}`, { role: 'driver' });

  await openSection(page, 'Users', 'Users');
  await page.getByRole('table', { name: 'All users' }).waitFor();
  await checkPage(page, 'admin-users');

  // Name contains, paged by 25 with "Load more".
  await page.getByLabel('Name contains').fill(`Zed Tester ${tag}`);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('Showing 25 users. There are more.').waitFor();
  assert.equal(await rows(page).count(), 25);
  assert.match(page.url(), /\?q=Zed/);
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.getByText('Showing all 27 users.').waitFor();
  assert.equal(await rows(page).count(), 27);
  await checkPage(page, 'admin-users-search');

  // Role and exact email.
  await page.getByLabel('Name contains').fill(tag);
  await page.getByLabel('Role', { exact: true }).selectOption('driver');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('Showing the only user.').waitFor();
  await page.getByRole('rowheader', { name: `Dora Driver ${tag}` }).waitFor();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await page.getByRole('table', { name: 'All users' }).waitFor();
  assert.equal(await page.getByLabel('Role', { exact: true }).inputValue(), '');
  await page.getByLabel('Email').fill(zed.email);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('rowheader', { name: `Zoe Suspendable ${tag}` }).waitFor();
  assert.equal(await rows(page).count(), 1);

  // An empty result says why and how to get out of it.
  await page.getByLabel('Email').fill('nobody-at-all@example.com');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('No users match these filters.').waitFor();
  await checkPage(page, 'admin-users-empty');
  await page.getByLabel('Email').fill(zed.email);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('rowheader', { name: `Zoe Suspendable ${tag}` }).waitFor();

  // Suspend with the keyboard: the dialog starts on Cancel (the safe choice); Escape cancels.
  const suspend = page.getByRole('button', { name: `Suspend Zoe Suspendable ${tag}` });
  await suspend.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Suspend Zoe Suspendable ${tag}?` });
  await dialog.waitFor();
  await waitForFocus(dialog.getByRole('button', { name: 'Cancel' }));
  await checkPage(page, 'admin-users-suspend');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await waitForFocus(suspend); // focus back on the opener
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Suspend');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused button shows no focus outline');
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText(`Zoe Suspendable ${tag} is suspended and logged out everywhere.`).waitFor();
  await page.getByRole('row', { name: new RegExp(`Zoe Suspendable ${tag}`) }).getByText('Suspended').waitFor();
  assert.equal(await canLogIn(zed.email), false, 'a suspended user cannot log in');

  await page.getByRole('button', { name: `Reinstate Zoe Suspendable ${tag}` }).click();
  await page
    .getByRole('dialog', { name: `Reinstate Zoe Suspendable ${tag}?` })
    .getByRole('button', { name: 'Reinstate' })
    .click();
  await page.getByText(`Zoe Suspendable ${tag} is reinstated and can log in again.`).waitFor();
  assert.equal(await canLogIn(zed.email), true, 'a reinstated user can log in');

  // Change role (to partner: the API keys test uses her); the same role is refused beside the field.
  await page.getByLabel('Email').fill(dora.email);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('rowheader', { name: `Dora Driver ${tag}` }).waitFor();
  await page.getByRole('button', { name: `Change role for Dora Driver ${tag}` }).click();
  const roleDialog = page.getByRole('dialog', { name: `Change the role of Dora Driver ${tag}` });
  await roleDialog.getByRole('button', { name: 'Change role' }).click();
  await roleDialog.getByText('Choose a different role.').waitFor();
  await checkPage(page, 'admin-users-role');
  await roleDialog.getByLabel('New role').selectOption('partner');
  await roleDialog.getByRole('button', { name: 'Change role' }).click();
  await roleDialog.waitFor({ state: 'hidden' });
  await page.getByText(`Dora Driver ${tag} is now a partner.`, { exact: false }).waitFor();
  await page
    .getByRole('row', { name: new RegExp(`Dora Driver ${tag}`) })
    .getByRole('cell', { name: 'Partner' })
    .waitFor();

  // Her audit trail is one link away.
  await page.getByRole('link', { name: `Audit trail of Dora Driver ${tag}` }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  await page.getByRole('cell', { name: 'admin.role_changed' }).waitFor();
  tab.check();
});

test('merchants: search, suspend (hidden from customers) and reinstate', async (t) => {
  // The catalog module's admin routes: a server built before them answers 404.
  if ((await fetch(suite.server.url + '/v1/admin/merchants')).status === 404)
    return t.skip('this server binary has no /v1/admin/merchants yet (rebuild build/debug)');
  const { page } = tab;
  const owner = await register(`Mo Merchant ${tag}`, { role: 'merchant' });
  const created = await apiCall(suite.server.url, 'POST', '/v1/merchants', {
    token: owner.token,
    body: {
      name: `Pizzeria ${tag}`,
      address: { line1: '1 Main Street', city: 'Berlin', postal_code: '10115', country: 'DE' },
      location: { lat: 52.52, lng: 13.405 },
      time_zone: 'Europe/Berlin',
      currency: 'EUR',
      cuisines: ['pizza', 'italian'],
      price_level: 2,
      delivery_zone: { type: 'radius', radius_m: 3000 },
      opening_hours: { weekly: [{ day: 'mon', open: '08:00', close: '22:00' }] },
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const merchantId = created.body.id;
  const publicPage = async () => (await fetch(`${suite.server.url}/v1/merchants/${merchantId}`)).status;
  assert.equal(await publicPage(), 200);

  await openSection(page, 'Merchants', 'Merchants');
  await page.getByRole('table', { name: 'All merchants, oldest first' }).waitFor();
  await checkPage(page, 'admin-merchants');
  await page.getByLabel('Name contains').fill(`pizzeria ${tag}`);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('table', { name: 'Merchants matching the filters, oldest first' }).waitFor();
  await page.getByRole('rowheader', { name: `Pizzeria ${tag}` }).waitFor();
  assert.equal(await rows(page).count(), 1);

  await page.getByRole('button', { name: `Suspend Pizzeria ${tag}` }).click();
  const dialog = page.getByRole('dialog', { name: `Suspend Pizzeria ${tag}?` });
  await dialog.waitFor();
  await checkPage(page, 'admin-merchants-suspend');
  // The reason is required: a blank one is refused beside the field, nothing is suspended.
  await dialog.getByLabel('Reason').fill('   ');
  await dialog.getByRole('button', { name: 'Suspend' }).click();
  await dialog.getByText('Say why, so that other administrators know what to check.').waitFor();
  assert.equal(await publicPage(), 200, 'no suspension without a reason');
  await dialog.getByLabel('Reason').fill(`Unpaid fees ${tag}`);
  await dialog.getByRole('button', { name: 'Suspend' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText(`Pizzeria ${tag} is suspended`, { exact: false }).waitFor();
  await page.getByRole('row', { name: new RegExp(`Pizzeria ${tag}`) }).getByText('Suspended').waitFor();
  assert.equal(await publicPage(), 404, 'customers no longer see a suspended merchant');

  await page.getByLabel('Status').selectOption('suspended');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('rowheader', { name: `Pizzeria ${tag}` }).waitFor();
  await page.getByRole('button', { name: `Reinstate Pizzeria ${tag}` }).click();
  await page
    .getByRole('dialog', { name: `Reinstate Pizzeria ${tag}?` })
    .getByRole('button', { name: 'Reinstate' })
    .click();
  await page.getByText(`Pizzeria ${tag} is active again`, { exact: false }).waitFor();
  assert.equal(await publicPage(), 200);

  // The audit log names the admin and the merchant, not their ids, and shows the reason.
  await openSection(page, 'Audit log', 'Audit log');
  await page.getByLabel('Action').selectOption('admin.merchant_suspended');
  await page.getByLabel('Target').fill(merchantId);
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await page.getByText('Showing the only entry.').waitFor();
  const entry = rows(page).first();
  await entry.getByText('Ada Admin', { exact: true }).waitFor();
  await entry.getByText(`Pizzeria ${tag}`, { exact: true }).waitFor();
  await entry.getByText(`Unpaid fees ${tag}`).waitFor();
  assert.equal(await entry.getByText(merchantId).count(), 0, 'the merchant is named, not its id');
  assert.equal(await entry.getByText(admin.id).count(), 0, 'the admin is named, not their id');
  await checkPage(page, 'admin-audit-merchant');
  tab.check();
});

/** A 1x1 PNG uploaded as the caller's ID document image; its image_ref. */
async function uploadIdImage(token) {
  const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==';
  const r = await fetch(`${suite.server.url}/v1/id-verifications/images`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'image/png' },
    body: Buffer.from(png, 'base64'),
  });
  const body = await r.json();
  assert.equal(r.status, 201, JSON.stringify(body));
  return body.image_ref;
}

test('ID verification: review the document, reject without a reason is refused, approve, reject', async () => {
  const { page } = tab;
  const ivy = await register(`Ivy Idcheck ${tag}`);
  const submitted = await apiCall(suite.server.url, 'POST', '/v1/id-verifications', {
    token: ivy.token,
    body: {
      document_type: 'passport',
      document_number: 'P1234567',
      date_of_birth: '1990-04-01',
      image_ref: await uploadIdImage(ivy.token),
    },
  });
  assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
  const kid = await register(`Kit Young ${tag}`);
  const second = await apiCall(suite.server.url, 'POST', '/v1/id-verifications', {
    token: kid.token,
    body: {
      document_type: 'driving_licence',
      document_number: 'DL-998877',
      date_of_birth: '2014-02-02',
      image_ref: await uploadIdImage(kid.token),
    },
  });
  assert.equal(second.status, 201, JSON.stringify(second.body));

  await openSection(page, 'ID checks', 'ID verification');
  await page.getByRole('table', { name: 'Documents waiting for a decision, oldest first' }).waitFor();
  assert.equal(await rows(page).count(), 2);
  await checkPage(page, 'admin-id-queue');

  await page.getByRole('button', { name: /^Review the Passport/ }).click();
  const review = page.getByRole('dialog', { name: 'Review: Passport' });
  await review.getByText('P1234567').waitFor();
  await review.getByRole('img', { name: 'The Passport as photographed' }).waitFor();
  await checkPage(page, 'admin-id-review');
  await review.getByLabel('Reject').check();
  await review.getByRole('button', { name: 'Record decision' }).click();
  await review.getByText('Say why, so that the person knows what to send instead.').waitFor();
  await review.getByLabel('Approve').check();
  await review.getByRole('button', { name: 'Record decision' }).click();
  await review.waitFor({ state: 'hidden' });
  await page.getByText('Passport approved.', { exact: false }).waitFor();
  assert.equal(await rows(page).count(), 1);
  const me = await apiCall(suite.server.url, 'GET', '/v1/me', { token: ivy.token });
  assert.equal(me.body.age_verified, true, 'an approved adult is age-checked');

  await page.getByRole('button', { name: /^Review the Driving licence/ }).click();
  const review2 = page.getByRole('dialog', { name: 'Review: Driving licence' });
  await review2.getByText('under 18', { exact: false }).first().waitFor();
  await review2.getByLabel('Reject').check();
  await review2.getByLabel('Reason').fill('The holder is under 18.');
  await review2.getByRole('button', { name: 'Record decision' }).click();
  await review2.waitFor({ state: 'hidden' });
  await page.getByText('Driving licence rejected.', { exact: false }).waitFor();
  await page.getByText('No documents are waiting.').waitFor();
  await checkPage(page, 'admin-id-queue-empty');

  // Decided documents stay findable, with the reason.
  await page.getByLabel('Show').selectOption('rejected');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await page.getByRole('table', { name: 'Rejected documents, oldest first' }).waitFor();
  await page.getByRole('button', { name: /^Details of the Driving licence/ }).click();
  await page.getByRole('dialog', { name: 'Review: Driving licence' }).getByText('The holder is under 18.').waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  tab.check();
});

test('partner API keys: create (shown once, copied), use, revoke with confirmation', async () => {
  const { page, context } = tab;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: suite.server.url,
  });
  await openSection(page, 'API keys', 'Partner API keys');
  await page.getByText('No partner API keys yet.', { exact: false }).waitFor();
  await checkPage(page, 'admin-api-keys');

  // The name is required: the API's field error appears beside it.
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.locator('input[name=name][aria-invalid=true]').waitFor();

  await page.getByLabel('Name').fill('Acme quotes');
  const dora = await page
    .locator('select[name=partner_user_id] option', { hasText: `Dora Driver ${tag}` })
    .getAttribute('value');
  await page.getByLabel('Partner account').selectOption(dora);
  // An unknown scope is refused beside the field.
  await page.getByLabel('Scopes').fill('optimise:write');
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.locator('input[name=scopes][aria-invalid=true]').waitFor();
  await page.getByLabel('Scopes').fill('optimize:write');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = page.getByRole('region', { name: 'The key “Acme quotes”' });
  await secret.waitFor();
  await secret.getByText('you will not see it again', { exact: false }).waitFor();
  await waitForFocus(secret); // the new key takes focus
  const key = (await secret.locator('code').innerText()).trim();
  assert.match(key, /^rk\.[^.]+\..+/);
  await checkPage(page, 'admin-api-key-created');
  await secret.getByRole('button', { name: 'Copy key' }).click();
  await secret.getByText('Copied to the clipboard.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);

  // The key works for the partner, with its scopes.
  const self = await fetch(suite.server.url + '/v1/api-keys/self', { headers: { 'X-API-Key': key } });
  assert.equal(self.status, 200);
  assert.deepEqual((await self.json()).scopes, ['optimize:write']);

  // Once dismissed, it is gone for good: the list never shows it.
  await secret.getByRole('button', { name: 'I have copied it' }).click();
  await secret.waitFor({ state: 'hidden' });
  const row = page.getByRole('row', { name: /Acme quotes/ });
  await row.getByText('Active').waitFor();
  await row.getByText(`Dora Driver ${tag}`).waitFor();
  assert.ok(!(await page.content()).includes(key.split('.')[2]), 'the secret is not on the page');

  await row.getByRole('button', { name: 'Revoke Acme quotes' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke the key “Acme quotes”?' });
  await confirm.waitFor();
  await checkPage(page, 'admin-api-key-revoke');
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await confirm.waitFor({ state: 'hidden' });
  await page.getByText('The key “Acme quotes” is revoked', { exact: false }).waitFor();
  await row.getByText('Revoked').waitFor();
  const after = await fetch(suite.server.url + '/v1/api-keys/self', { headers: { 'X-API-Key': key } });
  assert.equal(after.status, 401);
  tab.check();
});

test('audit log: filter by action and time, load more, empty result, invalid range', async () => {
  const { page } = tab;
  // More than a page (50) of entries: a dozen more logins on top of what the tests did so far.
  const frequent = await register(`Frank Frequent ${tag}`);
  for (let i = 0; i < 12; i++) assert.ok(await canLogIn(frequent.email));
  await openSection(page, 'Audit log', 'Audit log');
  await page.getByRole('table', { name: 'Audit entries, newest first' }).waitFor();
  await checkPage(page, 'admin-audit');
  await page.getByText('Showing 50 entries. There are more.').waitFor();
  await page.getByRole('button', { name: 'Load more' }).click();
  await page.waitForFunction(() => document.querySelectorAll('table.data-table tbody tr').length > 50);

  await page.getByLabel('Action').selectOption('admin.user_suspended');
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await page.getByRole('table', { name: 'Audit entries matching the filters, newest first' }).waitFor();
  await page.getByText('Showing the only entry.').waitFor();
  assert.equal(await rows(page).getByRole('cell', { name: 'admin.user_suspended' }).count(), 1);
  await page.getByRole('row').nth(1).getByText('Ada Admin', { exact: true }).waitFor();
  // An entry without detail or target leaves those cells empty, without a "None" placeholder.
  assert.equal(await rows(page).getByText('None', { exact: true }).count(), 0);
  assert.match(page.url(), /action=admin.user_suspended/);
  await checkPage(page, 'admin-audit-filtered');

  // A range that ends before it starts is refused beside the field; a future range is empty.
  await page.getByLabel('From').fill('2030-01-02T10:00');
  await page.getByLabel('Until').fill('2030-01-01T10:00');
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await page.getByText('Until must be after From.').waitFor();
  await page.getByLabel('Until').fill('2030-01-03T10:00');
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await page.getByText('No audit entries match these filters.').waitFor();
  await checkPage(page, 'admin-audit-empty');
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await page.getByRole('table', { name: 'Audit entries, newest first' }).waitFor();
  tab.check();
});

test('system: the health of each dependency, the outbox, dispatch, anchoring and this node at a glance, read again', async () => {
  const { page } = tab;
  const health = await apiCall(suite.server.url, 'GET', '/health');
  await openSection(page, 'System', 'System');
  await page.getByText('Everything is working.').waitFor();
  const dependencies = page.getByRole('table', { name: 'Dependencies' });
  for (const name of ['Database', 'Database schema', 'Taking requests'])
    await dependencies.getByRole('row', { name: new RegExp(`^${name} Working`) }).waitFor();
  await page.getByText('One node serves this database (SQLite)').waitFor();
  const node = page.getByRole('region', { name: 'This node' });
  await node.getByText(health.body.version, { exact: true }).waitFor();
  await node.getByText('In this process', { exact: true }).waitFor();
  await page.getByRole('region', { name: 'Event outbox' }).getByText('Dead letters').waitFor();
  // Dispatch and anchoring on a fresh city: nothing waits, and no chain node is configured.
  const dispatch = page.getByRole('region', { name: 'Dispatch' });
  assert.match(await dispatch.locator('dl').innerText(), /Waiting for a courier\s+None\s+Last round\s+(\d+ s ago: \d+ offers? made|None on this node yet)/);
  const anchoring = page.getByRole('region', { name: 'Anchoring on chain' });
  assert.match(
    await anchoring.locator('dl').innerText(),
    /Sending to the chain\s+No: no chain node is configured, so batches wait sealed\s+Records waiting for a batch\s+None\s+Batches not confirmed yet\s+None\s+Newest batch\s+None yet/,
  );
  await checkPage(page, 'admin-system');
  // The page reads the status again by itself.
  const readAt = await page.getByText(/^Read at /).textContent();
  await page.waitForResponse((r) => r.url().endsWith('/v1/admin/system/status') && r.ok());
  await page.waitForFunction(
    (before) => [...document.querySelectorAll('p')].some((p) => p.textContent.startsWith('Read at ') && p.textContent !== before),
    readAt,
  );
  tab.check();
});

test('a session that ends underneath a page asks for password and code again, page kept', async () => {
  const { page } = tab;
  await openSection(page, 'Audit log', 'Audit log');
  await page.getByRole('table', { name: 'Audit entries, newest first' }).waitFor();
  await page.getByLabel('Actor').fill('typed but not sent');

  // Another device logs in and ends every other session of this admin.
  const token = await adminToken();
  const revoked = await apiCall(suite.server.url, 'POST', '/v1/me/sessions/revoke-others', { token });
  assert.equal(revoked.status, 200, JSON.stringify(revoked.body));

  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Your session ended' });
  await dialog.waitFor();
  await checkPage(page, 'admin-session-expired');
  // Keyboard only: the email field first, then password, Enter; then the code, Enter.
  await dialog.getByLabel('Email').focus();
  await page.keyboard.type(admin.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(admin.password);
  await page.keyboard.press('Enter');
  await dialog.getByLabel('Authentication code').waitFor();
  // The code step replaces the password step and takes the focus: type the code straight away.
  await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'code');
  await page.keyboard.type(await secondFactor());
  await page.keyboard.press('Enter');
  await dialog.waitFor({ state: 'hidden' });
  assert.match(page.url(), /\/admin\/audit/);
  assert.equal(await page.getByLabel('Actor').inputValue(), 'typed but not sent');
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await page.getByText('No audit entries match these filters.').waitFor();
  tab.check();
});

test('account page: profile, password change, sessions; log out', async () => {
  const { page } = tab;
  await openSection(page, 'Account', 'Your account');
  await page.getByText('Administrators cannot turn it off.', { exact: false }).waitFor();
  await page.getByText('This device').waitFor();
  await checkPage(page, 'admin-account');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL('**/admin/login?logged_out=1');
  await page.getByText('You are logged out.').waitFor();
  tab.check();
  await tab.context.close();
});

test('an admin with two-step login lands on the page asked for, filters from the link applied', async () => {
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/admin/audit?action=api_key.revoked');
  await page.waitForURL(
    (u) => u.pathname === '/admin/login' && u.searchParams.get('next') === '/admin/audit?action=api_key.revoked',
  );
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByLabel('Authentication code').waitFor();
  await checkPage(page, 'admin-login-mfa');
  await page.getByLabel('Authentication code').fill(await secondFactor());
  await page.getByRole('button', { name: 'Verify code' }).click();
  await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
  assert.match(page.url(), /\/admin\/audit\?action=api_key.revoked$/);
  assert.equal(await page.getByLabel('Action').inputValue(), 'api_key.revoked');
  await page.getByText('Showing the only entry.').waitFor();

  // Unknown admin paths say so.
  await page.goto(suite.server.url + '/admin/no-such-page');
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await checkPage(page, 'admin-not-found');
  check();
  await context.close();
});

test('someone who is not an admin is told so and can log out', async () => {
  const user = await register(`Casey Customer ${tag}`);
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/admin/');
  await page.waitForURL('**/admin/login?next=%2Fadmin%2F');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'This account is not an administrator' }).waitFor();
  await checkPage(page, 'admin-not-admin');
  await page.getByRole('main').getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL('**/admin/login?logged_out=1');
  check();
  await context.close();
});

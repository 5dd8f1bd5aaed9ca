// The customer portal against the real identity API: sign up, log out, log in, the MFA step,
// and a session that ends underneath the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiCall,
  checkPage,
  mailedCode,
  newEmail,
  openPage,
  totp,
  useServerAndBrowser,
  waitForFocus,
} from './harness.mjs';

const PASSWORD = 'lantern orbit pebble 42';
const suite = useServerAndBrowser();

async function fillLogin(page, email, password) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

test('a new customer signs up, lands logged in, logs out and logs back in', async () => {
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/customer/');
  await checkPage(page, 'customer-home');
  await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await page.getByRole('heading', { level: 1, name: 'Create your account' }).waitFor();
  await checkPage(page, 'customer-signup');

  // The API's field errors appear beside their fields.
  const email = newEmail('ada');
  await page.getByLabel('Name').fill('Ada Lovelace');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('too short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText('Password must be at least 12 characters.').waitFor();
  assert.equal(await page.getByLabel('Password').getAttribute('aria-invalid'), 'true');
  await waitForFocus(page.getByLabel('Password'));
  await page.getByRole('alert').waitFor();
  await checkPage(page, 'customer-signup-errors');

  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/customer/account?welcome=1');
  await page.getByText('Welcome to ReskFlow, Ada Lovelace').waitFor();
  await page.getByText(email).waitFor();
  await checkPage(page, 'customer-account');

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL('**/customer/login?logged_out=1');
  await page.getByText('You are logged out.').waitFor();
  await checkPage(page, 'customer-login');
  // The old session is gone: the account page asks to log in.
  await page.goto(suite.server.url + '/customer/account');
  await page.getByText('Log in to see your account.').waitFor();

  // Logging in from a page comes back to that page, not to the account.
  await page.goto(suite.server.url + '/customer/search?q=pizza');
  await page.getByRole('navigation').getByRole('link', { name: 'Log in' }).click();
  await page.waitForURL('**/customer/login?next=*');
  await fillLogin(page, email, 'not my password at all');
  await page.getByRole('alert').getByText(/invalid email or password/i).waitFor();
  await checkPage(page, 'customer-login-error');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/customer/search?q=pizza');
  await page.getByRole('navigation').getByRole('link', { name: 'Account' }).click();
  await page.getByText(email).waitFor();

  // A reload keeps the session (refresh token in this tab's sessionStorage).
  await page.reload();
  await page.getByText(email).waitFor();
  check();
  await context.close();
});

test('a customer with TOTP enrolled passes the MFA step', async () => {
  const email = newEmail('grace');
  const reg = await apiCall(suite.server.url, 'POST', '/v1/auth/register', {
    body: { email, password: PASSWORD, name: 'Grace Hopper', role: 'customer' },
  });
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
  const token = reg.body.access_token;
  const enrol = await apiCall(suite.server.url, 'POST', '/v1/me/mfa/totp', { token });
  assert.equal(enrol.status, 201, JSON.stringify(enrol.body));
  const confirmAt = Date.now();
  const confirm = await apiCall(suite.server.url, 'POST', '/v1/me/mfa/totp/confirm', {
    token,
    body: { code: totp(enrol.body.secret, confirmAt) },
  });
  assert.equal(confirm.status, 200, JSON.stringify(confirm.body));

  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/customer/account');
  await page.getByRole('navigation').getByRole('link', { name: 'Log in' }).click();
  await fillLogin(page, email, PASSWORD);
  await page.getByLabel('Authentication code').waitFor();
  await checkPage(page, 'customer-login-mfa');

  await page.getByLabel('Authentication code').fill('000000');
  await page.getByRole('button', { name: 'Verify code' }).click();
  await page.getByText('That code did not work.', { exact: false }).waitFor();

  // A used code is refused (replay), so use the next 30-second step (±1 step is accepted).
  await page.getByLabel('Authentication code').fill(totp(enrol.body.secret, confirmAt + 30_000));
  await page.getByRole('button', { name: 'Verify code' }).click();
  await page.waitForURL('**/customer/account');
  await page.getByText('On (authenticator app)').waitFor();
  check();
  await context.close();
});

test('a session that ends underneath the page asks to log in again and keeps the page', async () => {
  const email = newEmail('alan');
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/customer/signup');
  await page.getByLabel('Name').fill('Alan Turing');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/customer/account?welcome=1');
  await page.getByText(email).waitFor();

  // Another device logs in and ends every other session, including the browser's.
  const other = await apiCall(suite.server.url, 'POST', '/v1/auth/login', {
    body: { email, password: PASSWORD },
  });
  assert.equal(other.status, 200);
  const revoked = await apiCall(suite.server.url, 'POST', '/v1/me/sessions/revoke-others', {
    token: other.body.access_token,
  });
  assert.equal(revoked.status, 200, JSON.stringify(revoked.body));

  // The next call of the page meets a 401; the refresh is refused; the dialog asks to log in
  // on top of the page, and what was typed (an unsaved address) is still there afterwards.
  await page.getByRole('button', { name: 'Edit profile' }).click();
  await page.getByLabel('Address').fill('42 Unsaved Road');
  await page.getByRole('button', { name: 'Download my data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your session ended' });
  await dialog.waitFor();
  await checkPage(page, 'customer-session-expired');
  assert.match(page.url(), /\/customer\/account/);
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await dialog.waitFor({ state: 'hidden' });
  assert.match(page.url(), /\/customer\/account/);
  assert.equal(await page.getByLabel('Address').inputValue(), '42 Unsaved Road');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Your profile is saved.').waitFor();
  await page.getByText('42 Unsaved Road').waitFor();
  check();
  await context.close();
});

test('account page: edit profile, enrol two-step login, sessions, data export, deletion', async () => {
  const email = newEmail('katherine');
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/customer/signup');
  await page.getByLabel('Name').fill('Katherine Johnson');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText(email).waitFor();

  // Profile: edit phone and address.
  await page.getByRole('button', { name: 'Edit profile' }).click();
  await page.getByLabel('Phone').fill('+44 20 7946 0000');
  await page.getByLabel('Address').fill('1 Example Street, London');
  await checkPage(page, 'customer-account-edit');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Your profile is saved.').waitFor();
  await page.getByText('1 Example Street, London').waitFor();

  // Sessions: this device is listed.
  await page.getByText('This device').waitFor();

  // Two-step login: QR code and key, confirm with the test's own TOTP, recovery codes shown once.
  await page.getByRole('button', { name: 'Set up two-step login' }).click();
  await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
  const secret = (await page.getByTestId('totp-secret').innerText()).trim();
  await checkPage(page, 'customer-account-mfa-enrol');
  await page.getByLabel('Code from your app').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await page.getByText('Two-step login is on').first().waitFor();
  assert.equal(await codes.count(), 10);
  await checkPage(page, 'customer-account-recovery-codes');
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await page.getByText('On (authenticator app)').waitFor();

  // Data export downloads a JSON file with the profile.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download my data' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'reskflow-my-data.json');
  const exported = JSON.parse(
    await new Promise((resolve, reject) => {
      download.createReadStream().then((s) => {
        let text = '';
        s.setEncoding('utf8');
        s.on('data', (c) => (text += c));
        s.on('end', () => resolve(text));
        s.on('error', reject);
      }, reject);
    }),
  );
  assert.equal(exported.profile.email, email);

  // Deletion asks for the password, refuses a wrong one beside the field, then erases.
  await page.getByText('Delete my account', { exact: true }).click();
  await page.getByLabel('Your password, to confirm').fill('wrong password here');
  await page.getByRole('button', { name: 'Delete my account permanently' }).click();
  await page.getByText('This password is not right.').waitFor();
  await checkPage(page, 'customer-account-delete');
  await page.getByLabel('Your password, to confirm').fill(PASSWORD);
  await page.getByRole('button', { name: 'Delete my account permanently' }).click();
  await page.getByText('Your account is deleted and you are logged out.').waitFor();
  const login = await apiCall(suite.server.url, 'POST', '/v1/auth/login', {
    body: { email, password: PASSWORD },
  });
  assert.equal(login.status, 401);
  check();
  await context.close();
});

test('log in with the keyboard only, with a visible focus', async () => {
  const email = newEmail('keyboard');
  const reg = await apiCall(suite.server.url, 'POST', '/v1/auth/register', {
    body: { email, password: PASSWORD, name: 'Kim Keys', role: 'customer' },
  });
  assert.equal(reg.status, 201);
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/customer/login');
  const focusedLabel = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el?.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent ?? '' : '';
    });
  for (let i = 0; i < 15 && (await focusedLabel()) !== 'Email'; i++) await page.keyboard.press('Tab');
  assert.equal(await focusedLabel(), 'Email', 'Tab never reached the Email field');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused field shows no focus outline');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  // Logged in from the log-in page itself: the portal's home page, signed in.
  await page.waitForURL(/\/customer\/$/);
  await page.getByRole('navigation').getByRole('link', { name: 'Account' }).waitFor();
  check();
  await context.close();
});

test('verify the email, change the password, and reset a forgotten one', async () => {
  const email = newEmail('mary');
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/customer/signup');
  await page.getByLabel('Name').fill('Mary Jackson');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByText(email).waitFor();

  // Email verification with the code from the mail sink; a wrong code is refused beside the field.
  const verifySection = page.getByRole('region', { name: 'Verify your email' });
  await verifySection.getByLabel('Code from the email').fill('not-a-code');
  await verifySection.getByRole('button', { name: 'Verify email' }).click();
  await page.getByText('Code from the email is invalid or expired.').waitFor();
  await checkPage(page, 'customer-account-verify-email');
  const verifyCode = await mailedCode(suite.server, email, /verify/i);
  await verifySection.getByLabel('Code from the email').fill(verifyCode);
  await verifySection.getByRole('button', { name: 'Verify email' }).click();
  await page.getByText('(verified)').waitFor();

  // Change the password.
  const NEW_PASSWORD = 'copper meadow violin 77';
  await page.getByText('Change password', { exact: true }).first().click();
  await page.getByLabel('Current password').fill('wrong current password');
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText(/^Current password .*wrong/).waitFor();
  await page.getByLabel('Current password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Your password is changed. You are logged out everywhere else.').waitFor();
  await page.getByRole('button', { name: 'Log out', exact: true }).last().click();
  await page.waitForURL('**/customer/login?logged_out=1');

  // Forgot it: reset with the mailed code, then log in with the newest password.
  const RESET_PASSWORD = 'harbor quilt saffron 19';
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
  await checkPage(page, 'customer-forgot-password');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await page.getByLabel('Code from the email').waitFor();
  const resetCode = await mailedCode(suite.server, email, /reset/i);
  await page.getByLabel('Code from the email').fill(resetCode);
  await page.getByLabel('New password', { exact: true }).fill(RESET_PASSWORD);
  await checkPage(page, 'customer-reset-password');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.waitForURL('**/customer/login?reset=1');
  await page.getByText('Your password is changed. Log in with the new one.').waitFor();
  await fillLogin(page, email, RESET_PASSWORD);
  await page.waitForURL(/\/customer\/$/);
  await page.getByRole('navigation').getByRole('link', { name: 'Account' }).waitFor();
  check();
  await context.close();
});

// Reloading a portal faster than the session's refresh budget allows: the portal waits out the
// server's Retry-After, says so, and keeps the user logged in (issue 20's silent logout).
import { test } from 'node:test';
import { checkPage, newEmail, openPage, useServerAndBrowser } from './harness.mjs';

const PASSWORD = 'lantern orbit pebble 42';
// One refresh at once, then one every ten seconds: the second reload in a row meets a 429, and the
// notice stays long enough to be seen, even on a slow machine.
const suite = useServerAndBrowser({
  env: {
    RESKFLOW_IDENTITY_REFRESH_RATE_BURST: '1',
    RESKFLOW_IDENTITY_REFRESH_RATE_PER_MINUTE: '6',
  },
});

test('reloading faster than the refresh budget retries after Retry-After and stays logged in', async () => {
  const email = newEmail('reload');
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/customer/signup');
  await page.getByLabel('Name').fill('Grace Hopper');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/customer/account?welcome=1');
  await page.getByText(email).waitFor();

  await page.reload();
  await page.getByText(email).waitFor();
  await page.reload();
  const notice = page.getByRole('status').filter({ hasText: /Too many requests: retrying in \d+ s/ });
  await notice.waitFor();
  await checkPage(page, 'customer-refresh-retrying');
  await page.getByText(email).waitFor({ timeout: 25_000 });
  await notice.waitFor({ state: 'hidden' });
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  check();
  await context.close();
});

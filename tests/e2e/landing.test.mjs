// The landing page renders, says what ReskFlow is, lists the roles, and every link works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, openPage, useServerAndBrowser } from './harness.mjs';

const suite = useServerAndBrowser();

test('landing page renders, is accessible and every link works', async () => {
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  const response = await page.goto(suite.server.url + '/');
  assert.equal(response.status(), 200);
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.match(await page.locator('main').innerText(), /delivery platform/i);
  for (const role of ['Customer', 'Merchant', 'Driver', 'Admin', 'Partner'])
    await page.getByRole('rowheader', { name: role }).waitFor();
  // The demo accounts that `make run` loads are named, with their password.
  const demo = await page.locator('main').innerText();
  for (const email of ['customer@demo.reskflow.example', 'owner@demo.reskflow.example', 'admin@demo.reskflow.example'])
    assert.ok(demo.includes(email), `the page does not name ${email}`);
  assert.ok(demo.includes('reskflow-demo-2026'), 'the page does not give the demo password');
  assert.doesNotMatch(demo, /not part of\s+this version/);
  await checkPage(page, 'landing');

  // Every link on the page answers 200 (no link to a page that does not work).
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.href));
  assert.ok(hrefs.length >= 4, `expected links, found ${hrefs.length}`);
  for (const href of new Set(hrefs)) {
    const u = new URL(href);
    if (u.hash && u.pathname === '/') continue; // the skip link
    assert.equal(u.origin, new URL(suite.server.url).origin, `${href} leaves the site`);
    const r = await context.request.get(href);
    assert.equal(r.status(), 200, `${href} answers ${r.status()}`);
  }

  // The customer portal link leads to a working page.
  await page.getByRole('link', { name: 'Customer portal', exact: true }).click();
  await page.waitForURL('**/customer/');
  await page.getByRole('heading', { level: 1, name: /order from merchants/i }).waitFor();
  check();
  await context.close();
});

test('unknown customer paths fall back to the portal and say so', async () => {
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  await page.goto(suite.server.url + '/customer/no-such-page');
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await page.getByRole('link', { name: 'Go to the customer home page' }).click();
  await page.getByRole('heading', { level: 1, name: /order from merchants/i }).waitFor();
  check();
  await context.close();
});

test('hashed assets are served as immutable', async () => {
  const html = await (await fetch(suite.server.url + '/customer/')).text();
  const asset = html.match(/\/assets\/[^"']+\.js/);
  assert.ok(asset, 'no hashed script in customer/index.html');
  const r = await fetch(suite.server.url + asset[0]);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('cache-control') ?? '', /immutable/);
});

test('an unknown address says the page was not found', async () => {
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  const response = await page.goto(suite.server.url + '/no-such-page');
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await checkPage(page, 'not-found');
  await page.getByRole('link', { name: 'Go to the ReskFlow home page' }).click();
  await page.getByRole('heading', { level: 1, name: /deliveries from local merchants/i }).waitFor();
  check();
  await context.close();
});

// Web budgets (issues 6 and 15), measured and printed, never asserted:
//  1. the JavaScript each portal's first page makes the browser download, as the server sends it
//     (gzip) and unpacked, against the budget of 100 KB gzipped (the customer portal, the driver
//     app, a customer's order page and the courier's work page, both logged in);
//  2. whether the driver app's shell opens without network once its service worker kept it;
//  3. Lighthouse's performance and accessibility scores (its default mobile profile with
//     simulated throttling) for the landing, browse and merchant pages, the driver app's login
//     and work pages and a customer's order page, in Debian's Chromium.
// Usage: node bench/node/web_budget.mjs BASE_URL   (a server with the demo city loaded)
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import puppeteer from 'puppeteer-core';
import { chromium } from 'playwright-core';
// The browser tests' accounts and stores (registration, a store open around the clock).
import { PASSWORD, openStore, registerUser } from '../../tests/e2e/stores.mjs';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'];
const JS_BUDGET_BYTES = 100 * 1024;
// The customer portal's demo address (web/src/pages/customer/shop/address.ts).
const ADDRESS = { label: 'Alexanderplatz, Mitte', lat: 52.5219, lng: 13.4132 };
const ADDRESS_KEY = 'reskflow.delivery_address';
// Where a tab keeps its session's refresh token (web/src/api/session.ts).
const REFRESH_KEY = 'reskflow.refresh_token';

const base = process.argv[2];
if (!base) {
  console.error('usage: node bench/node/web_budget.mjs BASE_URL');
  process.exit(2);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** A JSON call to the API; throws on an error status. */
async function call(method, path, { token, body } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A new session of `email`: its refresh token, which a tab then uses once to log itself in. */
const refreshToken = async (email) => (await call('POST', '/v1/auth/login', { body: { email, password: PASSWORD } })).refresh_token;

/**
 * The accounts the logged-in pages need, made as the browser tests make theirs: a customer with
 * an order placed with the test card at a store of the bench's own near the demo address (demo
 * merchants keep opening hours) and a courier.
 */
async function accounts() {
  const customer = await registerUser(base, { tag: 'budget-customer', role: 'customer' });
  const courier = await registerUser(base, { tag: 'budget-courier', role: 'driver' });
  const owner = await registerUser(base, { tag: 'budget-owner', role: 'merchant' });
  const store = await openStore(base, owner, {
    name: 'Budget Kitchen',
    location: { lat: ADDRESS.lat + 0.002, lng: ADDRESS.lng },
    items: [{ name: 'Budget Burger', price_minor: 1200 }],
  });
  const { token } = customer;
  const point = { lat: ADDRESS.lat, lng: ADDRESS.lng };
  const cart = await call('POST', '/v1/carts', { token, body: { merchant_id: store.id, delivery_point: point } });
  await call('POST', `/v1/carts/${cart.id}/lines`, { token, body: { item_id: store.items[0].id, quantity: 2, option_ids: [] } });
  const order = await call('POST', '/v1/orders', {
    token,
    body: { cart_id: cart.id, payment_method: '4242424242424242', delivery: { address: 'Alexanderplatz 7', point } },
  });
  return { customer: customer.email, courier: courier.email, orderPath: `/customer/orders/${order.id}` };
}

/** Logs a tab in before its first page's scripts run, with a session's refresh token. */
function logInScript([key, token]) {
  try {
    if (!sessionStorage.getItem(key)) sessionStorage.setItem(key, token);
  } catch {
    // about:blank has no storage
  }
}

/** Scripts a page loads until the network is idle: their bytes on the wire and unpacked. */
async function scriptBytes(browser, path, refresh) {
  const context = await browser.newContext();
  if (refresh) await context.addInitScript(logInScript, [REFRESH_KEY, refresh]);
  const page = await context.newPage();
  const responses = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') responses.push(r);
  });
  await page.goto(base + path, { waitUntil: 'networkidle' });
  let wire = 0;
  let unpacked = 0;
  for (const r of responses) {
    wire += (await r.request().sizes()).responseBodySize;
    unpacked += (await r.body()).length;
  }
  await context.close();
  return { files: responses.length, wire, unpacked };
}

async function javascriptBudget(people) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    console.log('first page                 scripts   on the wire (gzip)   unpacked');
    for (const [name, path, who, budgeted] of [
      ['landing /', '/'],
      ['customer /customer/', '/customer/', undefined, true],
      ['merchant /merchant/login', '/merchant/login'],
      ['admin /admin/login', '/admin/login'],
      ['driver /driver/login', '/driver/login', undefined, true],
      ['driver /driver/ (work)', '/driver/', people.courier, true],
      ['order /customer/orders/ID', people.orderPath, people.customer, true],
    ]) {
      const refresh = who ? await refreshToken(who) : undefined;
      const { files, wire, unpacked } = await scriptBytes(browser, path, refresh);
      console.log(`${name.padEnd(26)} ${String(files).padStart(7)}   ${kb(wire).padStart(18)}   ${kb(unpacked).padStart(8)}`);
      if (budgeted)
        console.log(`  budget: ${kb(wire)} of ${kb(JS_BUDGET_BYTES)} gzipped (${wire <= JS_BUDGET_BYTES ? 'within' : 'OVER'})`);
    }
  } finally {
    await browser.close();
  }
}

/**
 * The driver app opened without network: once its service worker has kept the shell, a reload
 * offline still shows the login page (the work pages then open from what the phone kept).
 */
async function driverShellOffline() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + '/driver/login', { waitUntil: 'networkidle' });
    const kept = await page.evaluate(() => navigator.serviceWorker.ready.then(() => caches.match('/driver/')).then(Boolean));
    await context.setOffline(true);
    await page.reload();
    const opened = await page
      .getByRole('heading', { level: 1, name: 'Log in' })
      .waitFor({ timeout: 10_000 })
      .then(() => true, () => false);
    console.log(`driver shell kept by the service worker: ${kept ? 'yes' : 'no'}; opens offline: ${opened ? 'yes' : 'NO'} (${await page.title()})`);
  } finally {
    await browser.close();
  }
}

/** The nearest merchant of the demo city to the demo address. */
async function firstMerchant() {
  const r = await fetch(`${base}/v1/merchants?lat=${ADDRESS.lat}&lng=${ADDRESS.lng}&limit=1`);
  const page = await r.json();
  if (!page.data?.length) throw new Error('discovery lists no merchant: is the demo city loaded?');
  return page.data[0].id;
}

/** Lighthouse on `path` in a tab of `chrome` logged in with `refresh` (none: anonymous). */
async function audit(chrome, path, refresh) {
  const flags = {
    port: chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    disableStorageReset: true,
  };
  if (!refresh) return (await lighthouse(base + path, flags)).lhr;
  // A session lives in its tab (sessionStorage): Lighthouse audits this tab, logged in first.
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(logInScript, [REFRESH_KEY, refresh]);
    const { lhr } = await lighthouse(base + path, flags, undefined, page);
    await page.close();
    return lhr;
  } finally {
    await browser.disconnect();
  }
}

async function lighthouseScores(people) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS });
  try {
    // The browse and merchant pages show the merchants of the chosen address: choose it once in
    // the profile that Lighthouse then uses (it keeps storage with disableStorageReset).
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    const setup = await browser.contexts()[0].newPage();
    await setup.goto(base + '/customer/');
    await setup.evaluate(([key, value]) => localStorage.setItem(key, value), [ADDRESS_KEY, JSON.stringify(ADDRESS)]);
    await setup.close();
    await browser.close();

    const { merchant } = people;
    console.log('page                       performance   accessibility   FCP      LCP      TBT     CLS');
    for (const [name, path, who] of [
      ['landing', '/'],
      ['browse', '/customer/browse'],
      ['merchant', `/customer/merchants/${merchant}`],
      ['order (logged in)', people.orderPath, people.customer],
      ['driver login', '/driver/login'],
      ['driver work (logged in)', '/driver/', people.courier],
    ]) {
      const { categories, audits } = await audit(chrome, path, who ? await refreshToken(who) : undefined);
      const score = (c) => String(Math.round(categories[c].score * 100)).padStart(3);
      const ms = (id) => `${(audits[id].numericValue / 1000).toFixed(2)} s`.padStart(7);
      console.log(
        `${name.padEnd(26)} ${score('performance')} (>= 90)    ${score('accessibility')} (>= 95)    ` +
          `${ms('first-contentful-paint')}  ${ms('largest-contentful-paint')}  ` +
          `${String(Math.round(audits['total-blocking-time'].numericValue)).padStart(4)} ms  ` +
          `${audits['cumulative-layout-shift'].numericValue.toFixed(3)}`,
      );
      for (const failed of Object.values(audits).filter(
        (a) => a.score !== null && a.score < 0.9 && categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0),
      ))
        console.log(`  accessibility: ${failed.id}: ${failed.title}`);
    }
  } finally {
    await chrome.kill();
  }
}

// The demo merchant Lighthouse opens is chosen before the bench's own store exists.
const people = { merchant: await firstMerchant(), ...(await accounts()) };
console.log('== JavaScript per first page');
await javascriptBudget(people);
console.log('\n== The driver app without network');
await driverShellOffline();
console.log('\n== Lighthouse (mobile profile, simulated throttling)');
await lighthouseScores(people);

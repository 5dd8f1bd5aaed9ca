// Web budgets (issue 6), measured and printed, never asserted:
//  1. the JavaScript each portal's first page makes the browser download, as the server sends it
//     (gzip) and unpacked, against the budget of 100 KB gzipped (the customer portal, the driver app);
//  2. Lighthouse's performance and accessibility scores (its default mobile profile with
//     simulated throttling) for the landing, browse and merchant pages, in Debian's Chromium.
// Usage: node bench/node/web_budget.mjs BASE_URL   (a server with the demo city loaded)
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'];
const JS_BUDGET_BYTES = 100 * 1024;
// The customer portal's demo address (web/src/pages/customer/shop/address.ts).
const ADDRESS = { label: 'Alexanderplatz, Mitte', lat: 52.5219, lng: 13.4132 };
const ADDRESS_KEY = 'reskflow.delivery_address';

const base = process.argv[2];
if (!base) {
  console.error('usage: node bench/node/web_budget.mjs BASE_URL');
  process.exit(2);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Scripts a page loads until the network is idle: their bytes on the wire and unpacked. */
async function scriptBytes(browser, path) {
  const context = await browser.newContext();
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

async function javascriptBudget() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    console.log('first page                 scripts   on the wire (gzip)   unpacked');
    for (const [name, path] of [
      ['landing /', '/'],
      ['customer /customer/', '/customer/'],
      ['merchant /merchant/login', '/merchant/login'],
      ['admin /admin/login', '/admin/login'],
      ['driver /driver/login', '/driver/login'],
    ]) {
      const { files, wire, unpacked } = await scriptBytes(browser, path);
      console.log(`${name.padEnd(26)} ${String(files).padStart(7)}   ${kb(wire).padStart(18)}   ${kb(unpacked).padStart(8)}`);
      if (path === '/customer/' || path === '/driver/login')
        console.log(`  ${name.split(' ')[0]} budget: ${kb(wire)} of ${kb(JS_BUDGET_BYTES)} gzipped (${wire <= JS_BUDGET_BYTES ? 'within' : 'OVER'})`);
    }
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

async function lighthouseScores() {
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

    const merchant = await firstMerchant();
    console.log('page                       performance   accessibility   FCP      LCP      TBT     CLS');
    for (const [name, path] of [
      ['landing', '/'],
      ['browse', '/customer/browse'],
      ['merchant', `/customer/merchants/${merchant}`],
    ]) {
      const result = await lighthouse(base + path, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        disableStorageReset: true,
      });
      const { categories, audits } = result.lhr;
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

console.log('== JavaScript per first page');
await javascriptBudget();
console.log('\n== Lighthouse (mobile profile, simulated throttling)');
await lighthouseScores();

// The API reference at /docs: rendered in the browser under the portals' policy, with no console
// error (no hydration mismatch), no request to another host, and its search working.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CONTENT_SECURITY_POLICY, openPage, useServerAndBrowser } from './harness.mjs';

const suite = useServerAndBrowser();

test('the API reference renders under the portals policy with nothing from another host', async () => {
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  const response = await page.goto(suite.server.url + '/docs/');
  assert.equal(response.status(), 200);
  assert.equal(response.headers()['content-security-policy'], CONTENT_SECURITY_POLICY);
  await page.getByRole('heading', { level: 1, name: /ReskFlow API/ }).waitFor();
  // Operations are rendered, not only the introduction.
  await page.getByRole('heading', { name: 'Readiness probe' }).first().waitFor();
  assert.ok((await page.locator('[data-section-id^="tag/"]').count()) >= 5, 'tags are rendered');
  // The download link serves the document the page renders.
  const spec = await context.request.get(suite.server.url + '/docs/openapi.yaml');
  assert.equal(spec.status(), 200);
  assert.match(await spec.text(), /^openapi: 3\.1/);
  check();
  await context.close();
});

test('the API reference searches in its worker from /docs', async () => {
  const { page, context, check } = await openPage(suite.browser, suite.server.url);
  const worker = page.waitForEvent('worker');
  await page.goto(suite.server.url + '/docs/');
  assert.equal(new URL((await worker).url()).pathname, '/docs/redoc-search.worker.js');
  await page.getByRole('heading', { level: 1, name: /ReskFlow API/ }).waitFor();
  await page.getByPlaceholder('Search...').fill('readiness');
  const results = page.locator('[data-role="search:results"]');
  await results.getByRole('menuitem', { name: 'Readiness probe' }).waitFor();
  check();
  await context.close();
});

test('the API reference may not be framed', async () => {
  const r = await fetch(suite.server.url + '/docs/');
  assert.match(r.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  assert.equal(r.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
});

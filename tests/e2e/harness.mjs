// Shared pieces of the browser tests: the real `reskflow serve` on a fresh SQLite database and a
// free port, Debian's Chromium driven by playwright-core, axe-core, screenshots and a TOTP.
// Nothing is downloaded: the browser is /usr/bin/chromium (scripts/e2e.sh installs it).
import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshotDir = join(repo, 'build/e2e/screenshots');
const binary = resolve(repo, process.env.RESKFLOW_BINARY ?? 'build/debug/src/app/reskflow');
const browserPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/**
 * The policy the server sends with every page, the portals' and the API reference's
 * (src/core/src/http/dispatch.cc). The hash is the empty string's: empty <style> elements only.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; " +
  "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * `reskflow seed` on a database before it is served: the demo city of docs/commerce.md
 * ("Demo city": Berlin's merchants, menus and demo accounts).
 */
async function seed(env) {
  const child = spawn(binary, ['seed'], { cwd: repo, env: { ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (out += c));
  const code = await new Promise((r) => child.on('close', r));
  assert.equal(code, 0, `reskflow seed failed (${code}):\n${out}`);
}

/**
 * Starts the binary with PORT=0 on a fresh database (with `{ seed: true }`: the demo city loaded
 * first), waits for its `{"event":"listening",...,"port":N}` log line and answers { url, stop, log }.
 */
export async function startServer(extraEnv = {}, { seed: withDemoCity = false } = {}) {
  assert.ok(existsSync(binary), `no server binary at ${binary} (set RESKFLOW_BINARY)`);
  const webRoot = join(repo, 'web/dist');
  assert.ok(existsSync(join(webRoot, 'index.html')), 'web/dist is missing: run `npm run build -w web`');
  const dir = mkdtempSync(join(tmpdir(), 'reskflow-e2e-'));
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, 'e2e.db')}`,
    RESKFLOW_WEB_ROOT: webRoot,
    RESKFLOW_DOCS_DIR: join(repo, 'build/docs'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    RESKFLOW_NOTIFICATIONS_MAIL_FILE: join(dir, 'mail.log'),
    // The tests drive flows, not the brute-force limits: allow many sign-ups from 127.0.0.1.
    RESKFLOW_IDENTITY_AUTH_RATE_BURST: '1000',
    RESKFLOW_IDENTITY_AUTH_RATE_PER_MINUTE: '1000',
    ...extraEnv,
  };
  if (withDemoCity) await seed(env);
  const child = spawn(binary, ['serve'], { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const port = await new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not listen in 60 s:\n${log}`)), 60_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      for (const line of log.split('\n')) {
        if (!line.includes('"listening"')) continue;
        try {
          const event = JSON.parse(line);
          if (event.event === 'listening' && event.port) {
            clearTimeout(timer);
            resolvePort(event.port);
          }
        } catch {
          /* a partial line: wait for the rest */
        }
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${log}`));
    });
  });
  child.removeAllListeners('exit');
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `http://127.0.0.1:${port}`, stop, log: () => log, dir, env };
}

/** Debian's Chromium, headless, with a fresh profile (Playwright makes a temporary one). */
/**
 * One server and one browser for a test file: started before its first test, stopped after its
 * last. Read `suite.server` and `suite.browser` inside the tests.
 */
export function useServerAndBrowser({ seed: withDemoCity = false, env = {} } = {}) {
  const suite = { server: undefined, browser: undefined };
  before(async () => {
    suite.server = await startServer(env, { seed: withDemoCity });
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

export async function launchBrowser() {
  assert.ok(existsSync(browserPath), `no browser at ${browserPath}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: browserPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A page that records every request to another host and every console error; `check()` asserts
 * none happened (no page loads anything from an outside host). `connectOrigins`: the origins the
 * server was configured to let pages connect to (the chain's public node): expected in the
 * policy's connect-src and allowed as requests.
 */
export async function openPage(browser, baseUrl, { connectOrigins = [] } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const origin = new URL(baseUrl).origin;
  const policy = CONTENT_SECURITY_POLICY.replace("connect-src 'self'", ["connect-src 'self'", ...connectOrigins].join(' '));
  const outside = [];
  const errors = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin && !connectOrigins.includes(u.origin))
      outside.push(r.url());
  });
  // Every document (the portals and the /docs reference) carries the server's strict policy, so
  // a page that needs an inline script or another host breaks here.
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document') return;
    const expected = new URL(r.url()).pathname.startsWith('/docs') ? CONTENT_SECURITY_POLICY : policy;
    if (r.headers()['content-security-policy'] !== expected)
      errors.push(`${r.url()} lacks the Content-Security-Policy`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) return void errors.push(m.text());
    // 401s the client answers by refreshing, and 4xx answers a test asks for, are logged by
    // Chromium as failed resources; they are expected. Script errors are not.
    // Chromium logs its own refusal of a push subscription in a test's (off-the-record) context.
    if (m.type() === 'error' && !/Failed to load resource|does not support the Push API in incognito/.test(m.text()))
      errors.push(m.text());
  });
  return {
    page,
    context,
    check() {
      assert.deepEqual(outside, [], 'requests to an outside host');
      assert.deepEqual(errors, [], 'script errors on the page');
    },
  };
}

/** axe-core on the page as it is now: fails on any serious or critical violation. */
export async function assertAccessible(page, name) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
    .join('\n');
  assert.equal(bad.length, 0, `${name}: axe found serious/critical violations:\n${report}`);
}

/**
 * Full-page screenshots under build/e2e/screenshots/, at 360 px and 1280 px wide unless `widths`
 * names others (a phone's 390 px).
 */
export async function screenshots(page, name, widths = [360, 1280]) {
  mkdirSync(screenshotDir, { recursive: true });
  const before = page.viewportSize();
  for (const width of widths) {
    await page.setViewportSize({ width, height: width < 1000 ? 780 : 900 });
    // On a phone nothing may scroll sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `${name} scrolls sideways at ${width} px by ${overflow} px`);
    await page.screenshot({ path: join(screenshotDir, `${name}-${width}.png`), fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

// Waits until `locator` has the keyboard focus: a component that moves focus in an effect does so
// after its next render, not within the click that caused it.
export async function waitForFocus(locator) {
  const element = await locator.elementHandle();
  await locator.page().waitForFunction((el) => el === document.activeElement, element, { timeout: 5000 });
}

/** Every page the tests visit: accessible, screenshotted at both widths (`{ widths }`: others). */
export async function checkPage(page, name, { widths } = {}) {
  await assertAccessible(page, name);
  await screenshots(page, name, widths);
}

/** Text of a locator once it differs from `previous` (a live value that changed on screen). */
export async function changedText(locator, previous) {
  await locator.filter({ hasNotText: previous }).waitFor();
  return locator.textContent();
}

/**
 * Counts the chimes of the merchant's order queue where the page makes its sound (Web Audio
 * oscillators) in `window.chimes`, since a test cannot hear: call before the page loads.
 */
export async function countChimes(page) {
  await page.addInitScript(() => {
    window.chimes = 0;
    const make = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function createOscillator() {
      window.chimes += 1;
      return make.call(this);
    };
  });
}

/** A PNG photo made by the page's own canvas, for a file input (the driver app's proof photo). */
export async function photoFile(page) {
  const dataUrl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 64;
    c.height = 48;
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#3b82f6';
    ctx.fillRect(0, 0, 64, 48);
    ctx.fillStyle = '#f97316';
    ctx.fillRect(16, 12, 32, 24);
    return c.toDataURL('image/png');
  });
  return { name: 'door.png', mimeType: 'image/png', buffer: Buffer.from(dataUrl.split(',')[1], 'base64') };
}

/** A unique email per run. */
export const newEmail = (tag) =>
  `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) for a base32 secret: the test's own authenticator. */
export function totp(secretBase32, time = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    if (v < 0) continue;
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 1000 / 30)));
  const mac = createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return code.toString().padStart(6, '0');
}

/** A JSON call to the API as a client would make it (for setting up state the UI does not own). */
export async function apiCall(baseUrl, method, path, { body, token } = {}) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}


/**
 * The newest code mailed to `to` whose subject matches, from the server's embedded mail sink
 * (RESKFLOW_NOTIFICATIONS_MAIL_FILE, one JSON line per message, written by the notifications
 * module's send queue: poll).
 */
export async function mailedCode(server, to, subject, { after = 0 } = {}) {
  const file = join(server.dir, 'mail.log');
  for (let i = 0; i < 100; i++) {
    if (existsSync(file)) {
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
      const mine = lines.filter((m) => m.to === to && subject.test(m.subject));
      if (mine.length > after) return mine[mine.length - 1].body.split(': ').pop().trim();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} matching ${subject} in ${file}`);
}

/**
 * `reskflow admin create --email E` against the running server's database (same environment, so
 * the same keys): answers { id, email, password } with the one-time password it prints.
 */
export async function createAdmin(server, email, name = 'Ada Admin') {
  const child = spawn(binary, ['admin', 'create', '--email', email, '--name', name], {
    cwd: repo,
    env: { ...server.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (out += c));
  child.stderr.setEncoding('utf8').on('data', (c) => (err += c));
  const code = await new Promise((r) => child.on('close', r));
  assert.equal(code, 0, `reskflow admin create failed (${code}):\n${out}\n${err}`);
  const field = (label) => out.match(new RegExp(`^${label}: (.+)$`, 'm'))?.[1]?.trim();
  const password = field('one-time password');
  assert.ok(password, `no one-time password in:\n${out}`);
  return { id: field('id'), email, password };
}

/**
 * An admin with two-step login already on (TOTP enrolled and confirmed through the API), for
 * tests of the admin pages rather than of the first login: { id, email, password, secret,
 * recovery: [codes] }. Log in with `logInAdmin`.
 */
export async function createAdminWithTotp(server, email, name = 'Olga Operations') {
  const admin = await createAdmin(server, email, name);
  const login = await apiCall(server.url, 'POST', '/v1/auth/login', { body: { email, password: admin.password } });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  const token = login.body.access_token;
  const enrol = await apiCall(server.url, 'POST', '/v1/me/mfa/totp', { token });
  assert.equal(enrol.status, 201, JSON.stringify(enrol.body));
  const confirm = await apiCall(server.url, 'POST', '/v1/me/mfa/totp/confirm', {
    token,
    body: { code: totp(enrol.body.secret) },
  });
  assert.equal(confirm.status, 200, JSON.stringify(confirm.body));
  return { ...admin, secret: enrol.body.secret, recovery: [...confirm.body.recovery_codes] };
}

/** Logs `admin` in on the admin portal's login page with a recovery code as second factor. */
export async function logInAdmin(page, baseUrl, admin, path = '/admin/') {
  await page.goto(`${baseUrl}/admin/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByLabel('Authentication code').fill(admin.recovery.shift());
  await page.getByRole('button', { name: 'Verify code' }).click();
}

/**
 * Asks `attempt` again every 100 ms until it answers something other than undefined (at most
 * `tries` times), for what the server does after answering (an event a module consumes).
 */
export async function eventually(what, attempt, tries = 100) {
  for (let i = 0; i < tries; i++) {
    const answer = await attempt();
    if (answer !== undefined) return answer;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/**
 * Delivers `message` to the service worker of `scope` as a push service would (DevTools'
 * ServiceWorker.deliverPushMessage: headless Chromium has no push service of its own) and
 * answers the notifications that worker then shows: [{title, body, url}].
 *
 * It waits until the worker is activated, and delivers again while nothing is shown: Chromium's
 * DevTools handler drops the delivery's status, so a delivery that failed (the worker starting
 * on a busy machine) is silent. A push service likewise redelivers what was not acknowledged;
 * the message's tag makes a second delivery replace the first, never add to it.
 */
export async function deliverPush(page, scope, message) {
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const scopes = new Map();
  const activated = new Set();
  const ready = new Promise((resolve) => {
    const settle = () => {
      const mine = [...activated].find((id) => scopes.get(id) === origin + scope);
      if (mine !== undefined) resolve(mine);
    };
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      for (const r of registrations) {
        if (r.isDeleted) scopes.delete(r.registrationId);
        else scopes.set(r.registrationId, r.scopeURL);
      }
      settle();
    });
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions.filter((v) => v.status === 'activated')) activated.add(v.registrationId);
      settle();
    });
  });
  await cdp.send('ServiceWorker.enable');
  const registrationId = await ready;
  const shownNow = () =>
    page.evaluate(async ([scope, tag]) => {
      const registration = await navigator.serviceWorker.getRegistration(scope);
      return (await registration.getNotifications({ tag })).map((n) => ({ title: n.title, body: n.body, url: n.data?.url }));
    }, [scope, message.id]);
  try {
    for (let delivery = 0; delivery < 5; delivery++) {
      await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: JSON.stringify(message) });
      for (let look = 0; look < 40; look++) {
        const shown = await shownNow();
        if (shown.length > 0) return shown;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await cdp.detach();
  }
  throw new Error(`gave up waiting for the push shown by ${scope}`);
}

/**
 * What a click on a shown notification does, run in the portal's service worker: its
 * `openPortalPage(url, scope)` (push-worker.js). A system notification cannot be clicked in
 * headless Chromium, and focusing a tab needs that click, so only the navigation is checked.
 */
export async function openFromNotification(context, scope, url) {
  const worker = context.serviceWorkers().find((w) => new URL(w.url()).pathname === `${scope}sw.js`);
  assert.ok(worker, `a service worker for ${scope}`);
  await worker.evaluate(([url, scope]) => openPortalPage(url, scope).catch(() => undefined), [url, scope]);
}

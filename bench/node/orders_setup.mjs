// Prepares the order placement benchmark (bench/orders_load.sh) through the public API: a
// merchant open all week with one item, then one customer per order to place, each with an open
// cart holding two pizzas. Writes "access_token cart_id" per line to OUT.
// Usage: node orders_setup.mjs BASE_URL CARTS OUT
import { writeFileSync } from 'node:fs';

const [base, cartsArg, out] = process.argv.slice(2);
const carts = Number(cartsArg);
const concurrency = 32;
const password = 'plum tractor midnight';

// A 503 "storage busy" changed nothing (the server gave up on a contended transaction): the
// same request is sent again, a bounded number of times.
const busyAttemptsMax = 5;

async function call(method, path, token, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  for (let attempt = 1; ; attempt += 1) {
    const res = await fetch(base + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 503 && text.includes('storage-busy') && attempt < busyAttemptsMax) {
      await new Promise((resolve) => { setTimeout(resolve, 20 * attempt); });
      continue;
    }
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text);
  }
}

async function register(email, role) {
  const r = await call('POST', '/v1/auth/register', null, { email, password, name: email, role });
  return r.access_token;
}

const allWeek = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map(
  (day) => ({ day, open: '00:00', close: '24:00' }));

async function openMerchant() {
  const owner = await register('owner@bench.example', 'merchant');
  const merchant = await call('POST', '/v1/merchants', owner, {
    name: 'Bench Pizza',
    address: { line1: '12 rue de Rivoli', city: 'Paris', postal_code: '75004', country: 'FR' },
    location: { lat: 48.8559, lng: 2.3589 }, time_zone: 'Europe/Paris', currency: 'EUR',
    cuisines: ['pizza'], price_level: 2, prep_time_minutes: 15, minimum_order_minor: 1000,
    delivery_zone: { type: 'radius', radius_m: 3000 },
    opening_hours: { weekly: allWeek, exceptions: [] },
  });
  const menu = `/v1/merchants/${merchant.id}/menu`;
  const category = await call('POST', `${menu}/categories`, owner, { name: 'Pizzas' });
  const item = await call('POST', `${menu}/items`, owner,
    { category_id: category.id, name: 'Margherita', price_minor: 1000 });
  return { merchantId: merchant.id, itemId: item.id };
}

async function customerWithCart(n, shop) {
  const token = await register(`c${n}@bench.example`, 'customer');
  const cart = await call('POST', '/v1/carts', token, { merchant_id: shop.merchantId });
  await call('POST', `/v1/carts/${cart.id}/lines`, token, { item_id: shop.itemId, quantity: 2 });
  return `${token} ${cart.id}`;
}

const shop = await openMerchant();
const lines = new Array(carts);
let next = 0;
await Promise.all(Array.from({ length: concurrency }, async () => {
  for (let n = next++; n < carts; n = next++) lines[n] = await customerWithCart(n, shop);
}));
writeFileSync(out, `${lines.join('\n')}\n`);

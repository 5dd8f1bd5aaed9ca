// Location-ingest benchmark (issue 14, requirement 4), driven by bench/ingest_load.sh: couriers
// on WebSocket send location updates while each delivery's customer, on a socket of their own,
// follows that delivery. Measures the updates/s that reach the subscribers, the latency from the
// point's device time (set when it is sent) to its arrival at the subscriber, and the server's
// CPU time per update. Everything is set up through the public API, as clients would.
// Usage: node ingest_load.mjs BASE_URL SERVER_PIDS [COURIER_BASE_URL]
// SERVER_PIDS is one process id or several separated by commas (their CPU time is summed); with
// COURIER_BASE_URL the couriers talk to that node and the customers to BASE_URL's
// (bench/cluster_load.sh: the fan-out across nodes).
// env: BENCH_DRIVERS (5000), BENCH_RATE (20000 updates/s in all), BENCH_SECONDS (20),
//      BENCH_WARMUP_SECONDS (5), BENCH_MERCHANTS (100), BENCH_CLK_TCK (100)
import { readFileSync } from 'node:fs';

import { openRawWebSocket } from './raw_websocket.mjs';

const [base, serverPids, courierBase = base] = process.argv.slice(2);
const drivers = Number(process.env.BENCH_DRIVERS ?? 5000);
const rate = Number(process.env.BENCH_RATE ?? 20000);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const merchants = Number(process.env.BENCH_MERCHANTS ?? 100);
const clockTicks = Number(process.env.BENCH_CLK_TCK ?? 100);
const concurrency = 64;
const password = 'plum tractor midnight';
const busyAttemptsMax = 5;
const assignDeadlineMs = 600_000;
// A socket whose unsent bytes pass this skips its updates (counted): the client never queues
// without bound when the server falls behind.
const socketBacklogBytesMax = 64 * 1024;
const settleSecondsMax = 600;
const settleCoresMax = 0.05;
const idleSeconds = 3;
const centre = { lat: 48.8566, lng: 2.3522 };
const metresPerDegree = 111_195;

const log = (...args) => console.error(`[${new Date().toISOString()}]`, ...args);

async function call(method, path, token, body, headers = {}, at = base) {
  const all = { 'Content-Type': 'application/json', ...headers };
  if (token) all.Authorization = `Bearer ${token}`;
  for (let attempt = 1; ; attempt += 1) {
    const res = await fetch(at + path, {
      method, headers: all, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 503 && attempt < busyAttemptsMax) {
      await new Promise((resolve) => { setTimeout(resolve, 20 * attempt); });
      continue;
    }
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : {};
  }
}

// Runs fn(0..count-1) with `concurrency` requests in flight.
async function pool(count, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let n = next++; n < count; n = next++) await fn(n);
  }));
}

async function register(email, role) {
  return (await call('POST', '/v1/auth/register', null, { email, password, name: email, role }))
    .access_token;
}

// A point `east_m` and `north_m` metres from `from`.
function offset(from, eastM, northM) {
  return {
    lat: from.lat + northM / metresPerDegree,
    lng: from.lng + eastM / (metresPerDegree * Math.cos((from.lat * Math.PI) / 180)),
  };
}

// Merchants on a grid 8 km across, open all week, in platform delivery mode.
async function openMerchant(m) {
  const side = Math.ceil(Math.sqrt(merchants));
  const cell = (n) => (n / side - 0.5) * 8000;
  const at = offset(centre, cell(m % side), cell(Math.floor(m / side)));
  const owner = await register(`owner${m}@ingest.example`, 'merchant');
  const weekly = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map(
    (day) => ({ day, open: '00:00', close: '24:00' }));
  const merchant = await call('POST', '/v1/merchants', owner, {
    name: `Ingest ${m}`,
    address: { line1: `${m} rue de Rivoli`, city: 'Paris', postal_code: '75004', country: 'FR' },
    location: at, time_zone: 'Europe/Paris', currency: 'EUR', cuisines: ['pizza'],
    price_level: 2, prep_time_minutes: 15, delivery_mode: 'platform',
    delivery_zone: { type: 'radius', radius_m: 3000 },
    opening_hours: { weekly, exceptions: [] },
  });
  const menu = `/v1/merchants/${merchant.id}/menu`;
  const category = await call('POST', `${menu}/categories`, owner, { name: 'Pizzas' });
  const item = await call('POST', `${menu}/items`, owner,
    { category_id: category.id, name: 'Margherita', price_minor: 1000 });
  return { owner, id: merchant.id, itemId: item.id, at };
}

// A courier on shift by bike (one order at a time), 100-300 m from merchant i % merchants.
async function courierOnline(i, shops) {
  const token = await register(`d${i}@ingest.example`, 'driver');
  await call('PUT', '/v1/drivers/me', token, { vehicle: 'bike', capacity: 1, cold_storage: false },
    {}, courierBase);
  await call('POST', '/v1/drivers/me/shift', token, { online: true }, {}, courierBase);
  const angle = (2 * Math.PI * i) / drivers;
  const at = offset(shops[i % merchants].at, 200 * Math.cos(angle), 200 * Math.sin(angle));
  await call('POST', '/v1/drivers/me/locations', token,
    { points: [{ ...at, at: new Date().toISOString(), accuracy_m: 5 }] }, {}, courierBase);
  return { token, at, deliveryId: null };
}

// A customer 1 km from merchant i % merchants places an order, which the merchant accepts.
async function customerOrder(i, shops) {
  const shop = shops[i % merchants];
  const token = await register(`c${i}@ingest.example`, 'customer');
  const cart = await call('POST', '/v1/carts', token, { merchant_id: shop.id });
  await call('POST', `/v1/carts/${cart.id}/lines`, token, { item_id: shop.itemId, quantity: 2 });
  const order = await call('POST', '/v1/orders', token, {
    cart_id: cart.id, tip_minor: 100, payment_method: '4242424242424242',
    delivery: { address: '1 rue de Rivoli, Paris', point: offset(shop.at, 700, 700) },
  }, { 'Idempotency-Key': `ingest-${i}` });
  await call('POST', `/v1/orders/${order.id}/accept`, shop.owner, { prep_time_minutes: 15 });
  return { token, orderId: order.id };
}

// Couriers accept what the dispatcher offers them until every one carries a delivery. The
// delivery of each order, by order id.
async function assignAll(couriers) {
  const deliveryOf = new Map();
  const deadline = Date.now() + assignDeadlineMs;
  for (;;) {
    const waiting = couriers.filter((c) => !c.deliveryId);
    if (waiting.length === 0) return deliveryOf;
    if (Date.now() > deadline) throw new Error(`${waiting.length} couriers got no delivery`);
    await pool(waiting.length, async (n) => {
      const c = waiting[n];
      const offers = (await call('GET', '/v1/drivers/me/offers', c.token)).data;
      if (offers.length === 0) return;
      const taken =
        await call('POST', `/v1/offers/${offers[0].id}/accept`, c.token, {}, {}, courierBase);
      c.deliveryId = taken.id;
      deliveryOf.set(taken.order_id, taken.id);
    });
    const assigned = couriers.filter((c) => c.deliveryId).length;
    log(`assigned ${assigned}/${couriers.length}`);
  }
}

// Opens /v1/ws with a fresh single-use ticket; resolves once open. onText gets each message as
// the server wrote it: the measurement reads only the fields it counts, without a JSON parse.
async function openSocket(token, onText, at = base) {
  const { ticket } = await call('POST', '/v1/ws/tickets', token, {}, {}, at);
  return openRawWebSocket(`${at.replace(/^http/, 'ws')}/v1/ws?ticket=${ticket}`, onText,
    (code, reason) => { if (!stopping) log(`socket closed: ${code} ${reason}`); });
}

async function subscribe(token, deliveryId) {
  let subscribed;
  const done = new Promise((resolve) => { subscribed = resolve; });
  let following = false;
  const ws = await openSocket(token, (text) => {
    if (following) {
      onSubscriberText(text);
      return;
    }
    const message = JSON.parse(text);
    if (message.type === 'subscribed') {
      following = true;
      subscribed();
    } else if (message.type === 'error') {
      log('subscriber error', text);
    }
  });
  ws.send(JSON.stringify({ type: 'subscribe', topic: `delivery.${deliveryId}` }));
  await done;
  return ws;
}

const stats = {
  measuring: false, sent: 0, skipped: 0, accepted: 0, refused: 0, received: 0, latencies: [],
};
let stopping = false;

// A position message carries the point's device time as "at" (status messages have none).
function onSubscriberText(text) {
  if (!stats.measuring) return;
  const at = text.indexOf('"at":"');
  if (at < 0) {
    if (text.startsWith('{"type":"error"')) log('subscriber error', text);
    return;
  }
  stats.received += 1;
  stats.latencies.push(Date.now() - Date.parse(text.slice(at + 6, text.indexOf('"', at + 6))));
}

function onDriverText(text) {
  if (!stats.measuring) return;
  const accepted = text.indexOf('"accepted":');
  if (accepted >= 0 && text.includes('"location.result"')) {
    stats.accepted += Number.parseInt(text.slice(accepted + 11, accepted + 20), 10);
  } else {
    stats.refused += 1;
  }
}

// The device time of a point sent now, ISO 8601, rendered once per millisecond.
const clock = { ms: 0, iso: '' };
function nowIso() {
  const ms = Date.now();
  if (ms !== clock.ms) {
    clock.ms = ms;
    clock.iso = new Date(ms).toISOString();
  }
  return clock.iso;
}

// One timer paces every courier: each tick sends what the rate owes since the start, taking the
// couriers in turn, so a late tick catches up instead of losing updates, and no courier sends
// twice in one tick (at most one round of the couriers a tick; beyond that the client is behind
// and the updates are not sent). Each courier moves 1 m north-east per point (a plausible walk:
// the drivers module drops duplicates and teleports).
function startSending(couriers) {
  const tickMs = 5;
  const north = 0.7 / metresPerDegree;
  for (const c of couriers) {
    c.east = 0.7 / (metresPerDegree * Math.cos((c.at.lat * Math.PI) / 180));
  }
  const started = performance.now();
  let owed = 0;
  let next = 0;
  return setInterval(() => {
    const due = Math.floor(((performance.now() - started) * rate) / 1000);
    const count = Math.min(due - owed, couriers.length);
    owed = due;
    for (let n = 0; n < count; n += 1) {
      const c = couriers[next];
      next = next + 1 === couriers.length ? 0 : next + 1;
      if (c.ws.bufferedAmount > socketBacklogBytesMax) {
        if (stats.measuring) stats.skipped += 1;
        continue;
      }
      c.at.lat += north;
      c.at.lng += c.east;
      c.ws.send(`{"type":"location","points":[{"lat":${c.at.lat},"lng":${c.at.lng},` +
        `"at":"${nowIso()}","accuracy_m":5}]}`);
      if (stats.measuring) stats.sent += 1;
    }
  }, tickMs);
}

// utime + stime of the processes, in seconds (/proc/PID/stat fields 14 and 15).
function cpuSeconds(pids) {
  let ticks = 0;
  for (const pid of pids.split(',')) {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / clockTicks;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function setUp() {
  const shops = [];
  await pool(merchants, async (m) => { shops[m] = await openMerchant(m); });
  log(`${merchants} merchants open`);
  const couriers = [];
  await pool(drivers, async (i) => { couriers[i] = await courierOnline(i, shops); });
  log(`${drivers} couriers on shift`);
  const customers = [];
  await pool(drivers, async (i) => { customers[i] = await customerOrder(i, shops); });
  log(`${drivers} orders accepted`);
  const deliveryOf = await assignAll(couriers);
  await pool(drivers, async (i) => {
    const c = customers[i];
    c.ws = await subscribe(c.token, deliveryOf.get(c.orderId));
  });
  log(`${drivers} customers follow their delivery`);
  await pool(drivers, async (i) => {
    couriers[i].ws = await openSocket(couriers[i].token, onDriverText, courierBase);
  });
  log(`${drivers} couriers on WebSocket`);
  return { couriers, customers };
}

// Waits until the server is idle: the setup's events (orders accepted, deliveries assigned)
// are still being handled by other modules for a while after the last answer, and that work
// is not ingest. Idle: under settleCoresMax of a core over one second. Then measures what the
// idle server uses (its background loops) over idleSeconds, in cores.
async function settle() {
  const cores = async (s) => {
    const before = cpuSeconds(serverPids);
    await new Promise((resolve) => { setTimeout(resolve, s * 1000); });
    return (cpuSeconds(serverPids) - before) / s;
  };
  let s = 0;
  for (; s < settleSecondsMax; s += 1) {
    if (await cores(1) < settleCoresMax) break;
  }
  const idle = await cores(idleSeconds);
  log(`server idle after ${s + 1} s; idle load ${idle.toFixed(3)} cores`);
  return idle;
}

async function measure(couriers) {
  const idleCores = await settle();
  const sender = startSending(couriers);
  await new Promise((resolve) => { setTimeout(resolve, warmupSeconds * 1000); });
  const serverBefore = cpuSeconds(serverPids);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  stats.measuring = true;
  await new Promise((resolve) => { setTimeout(resolve, seconds * 1000); });
  stats.measuring = false;
  const elapsedS = (performance.now() - started) / 1000;
  const serverCpuS = cpuSeconds(serverPids) - serverBefore;
  const client = process.cpuUsage(clientBefore);
  clearInterval(sender);
  return { elapsedS, serverCpuS, idleCores, clientCpuS: (client.user + client.system) / 1e6 };
}

function report({ elapsedS, serverCpuS, idleCores, clientCpuS }) {
  const sorted = stats.latencies.sort((a, b) => a - b);
  const perS = (n) => (n / elapsedS).toFixed(0);
  console.log(`couriers ${drivers}, subscribers ${drivers}, asked ${rate} updates/s,` +
    ` measured ${elapsedS.toFixed(1)} s`);
  console.log(`sent ${perS(stats.sent)}/s, accepted by the server ${perS(stats.accepted)}/s,` +
    ` delivered to subscribers ${perS(stats.received)}/s;` +
    ` skipped (client backlog) ${stats.skipped}, refused ${stats.refused}`);
  console.log(`ingest-to-subscriber ms: p50 ${percentile(sorted, 0.5)},` +
    ` p90 ${percentile(sorted, 0.9)}, p99 ${percentile(sorted, 0.99)},` +
    ` max ${sorted[sorted.length - 1]}`);
  const perUpdateUs = (s) => ((s * 1e6) / Math.max(1, stats.received)).toFixed(1);
  console.log(`CPU per delivered update: server ${perUpdateUs(serverCpuS)} us` +
    ` (${(serverCpuS / elapsedS).toFixed(2)} cores), client ${perUpdateUs(clientCpuS)} us` +
    ` (${(clientCpuS / elapsedS).toFixed(2)} cores)`);
  // The server's background loops run whatever the rate: per update they weigh more at a low
  // rate. Net of them, the figure is what each update adds.
  const netS = Math.max(0, serverCpuS - idleCores * elapsedS);
  console.log(`server CPU per update net of its idle load (${idleCores.toFixed(3)} cores):` +
    ` ${perUpdateUs(netS)} us`);
}

const { couriers, customers } = await setUp();
report(await measure(couriers));
stopping = true;
for (const c of [...couriers, ...customers]) c.ws.close();

// The customer's verification page against a real chain: ganache (npm) on a free loopback port,
// the DeliveryRegistry built by the build (build/<type>/contracts) deployed by the anchor account,
// the server anchoring small batches at once. One delivery runs to delivered through the API; its
// page checks every milestone in the browser (CSP: the node's origin only). Then an answer
// changed on its way to the page fails; two more deliveries run to delivered, `reskflow verify`
// (the CLI) checks all three against the served API and the node, and a record changed in the
// database afterwards fails it. A delivery whose batch waits unmined is pending. Last, a server
// without a public node: the page offers the records and the command line. The same node serves
// a test ERC-20 for stablecoin payments: a customer checks out with it and pays the address the
// order page shows, in two transfers, and the page follows the deposit until the order is placed;
// on a server whose deposits live 5 seconds, an unpaid one expires and the order page says so;
// and a participant of a split bill pays their share in it from the order page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ganache from 'ganache';
import { ethers } from 'ethers';
import { apiCall, checkPage, eventually, launchBrowser, openPage, repo, startServer } from './harness.mjs';
import { PASSWORD, openStore, registerUser } from './stores.mjs';

const ANCHOR_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
// The customer's wallet (holds the test token) and the keys of the server's stablecoin provider.
const PAYER_KEY = `0x${'1'.repeat(64)}`;
const COIN_MASTER_KEY = '3'.repeat(64);
const COIN_TREASURY_KEY = '2'.repeat(64);
const CHAIN_ID = 1337;
const CUSTOMER_AT = { lat: 52.5219, lng: 13.4132 };
const STORE_AT = { lat: 52.5219, lng: 13.4232 };
const EXPLORER = 'https://explorer.example/tx/{tx}';
// A 1×1 PNG: the proof photo the courier uploads at the door.
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let node;
let rpcUrl;
let token;
let dir;
let server;
let browser;

/** Deploys the registry from the anchor account (its owner and first anchor): its address. */
async function deployRegistry() {
  const contracts = resolve(repo, process.env.RESKFLOW_CONTRACTS_DIR ?? 'build/debug/contracts');
  assert.ok(existsSync(join(contracts, 'DeliveryRegistry.bin')), `no compiled registry in ${contracts} (build reskflow_contracts)`);
  const abi = JSON.parse(readFileSync(join(contracts, 'DeliveryRegistry.abi.json'), 'utf8'));
  const bytecode = '0x' + readFileSync(join(contracts, 'DeliveryRegistry.bin'), 'utf8').trim().replace(/^0x/, '');
  const provider = new ethers.JsonRpcProvider(rpcUrl, CHAIN_ID, { staticNetwork: true });
  const wallet = new ethers.Wallet(ANCHOR_KEY, provider);
  const deploy = await new ethers.ContractFactory(abi, bytecode, wallet).getDeployTransaction();
  const sent = await wallet.sendTransaction(deploy);
  const receipt = await provider.send('eth_getTransactionReceipt', [sent.hash]);
  provider.destroy();
  assert.equal(receipt?.status, '0x1', 'the registry is deployed');
  return receipt.contractAddress;
}

/** Deploys the test ERC-20 (build/<type>/test-contracts) and gives the payer 1,000 of it. */
async function deployStablecoin() {
  const contracts = resolve(repo, process.env.RESKFLOW_TEST_CONTRACTS_DIR ?? 'build/debug/test-contracts');
  assert.ok(existsSync(join(contracts, 'TestStablecoin.bin')), `no test token in ${contracts} (build reskflow_test_contracts)`);
  const bytecode = '0x' + readFileSync(join(contracts, 'TestStablecoin.bin'), 'utf8').trim().replace(/^0x/, '');
  const provider = new ethers.JsonRpcProvider(rpcUrl, CHAIN_ID, { staticNetwork: true });
  const wallet = new ethers.Wallet(ANCHOR_KEY, provider);
  const sent = await wallet.sendTransaction({ data: bytecode });
  const receipt = await provider.send('eth_getTransactionReceipt', [sent.hash]);
  const coin = new ethers.Contract(receipt.contractAddress, ['function mint(address,uint256)'], wallet);
  // The nonce is given: the provider may still count the deployment as pending.
  await (await coin.mint(new ethers.Wallet(PAYER_KEY).address, 1_000_000_000n, { nonce: sent.nonce + 1 })).wait();
  provider.destroy();
  return receipt.contractAddress;
}

/** A key file as an operator writes it, readable by its owner only. */
function keyFile(name, hex) {
  const path = join(dir, name);
  writeFileSync(path, hex);
  chmodSync(path, 0o600);
  return path;
}

before(async () => {
  node = ganache.server({
    logging: { quiet: true },
    chain: { chainId: CHAIN_ID, hardfork: 'shanghai' },
    wallet: {
      accounts: [
        { secretKey: ANCHOR_KEY, balance: '0x3635c9adc5dea00000' },
        { secretKey: PAYER_KEY, balance: '0x3635c9adc5dea00000' },
      ],
    },
  });
  await node.listen(0, '127.0.0.1');
  rpcUrl = `http://127.0.0.1:${node.address().port}`;
  const contract = await deployRegistry();
  token = await deployStablecoin();
  dir = mkdtempSync(join(tmpdir(), 'reskflow-verification-'));
  server = await startServer({
    RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION: '0',
    RESKFLOW_DELIVERIES_DISPATCH_LEAD_S: '3600',
    RESKFLOW_CHAIN_RPC_URL: rpcUrl,
    RESKFLOW_CHAIN_CHAIN_ID: String(CHAIN_ID),
    RESKFLOW_CHAIN_CONTRACT: contract,
    RESKFLOW_CHAIN_KEY_FILE: keyFile('anchor.key', ANCHOR_KEY.slice(2)),
    RESKFLOW_CHAIN_BATCH_RECORDS_MAX: '4',
    RESKFLOW_CHAIN_BATCH_WAIT_S: '1',
    RESKFLOW_CHAIN_CONFIRMATIONS: '1',
    RESKFLOW_CHAIN_INTERVAL_MS: '200',
    RESKFLOW_CHAIN_PUBLIC_RPC_URL: rpcUrl,
    RESKFLOW_CHAIN_EXPLORER_TX_URL: EXPLORER,
    RESKFLOW_PAYMENTS_CRYPTO_RPC_URL: rpcUrl,
    RESKFLOW_PAYMENTS_CRYPTO_CHAIN_ID: String(CHAIN_ID),
    RESKFLOW_PAYMENTS_CRYPTO_TOKEN: token,
    RESKFLOW_PAYMENTS_CRYPTO_CURRENCY: 'EUR',
    RESKFLOW_PAYMENTS_CRYPTO_TOKEN_SYMBOL: 'TUSD',
    RESKFLOW_PAYMENTS_CRYPTO_MASTER_KEY_FILE: keyFile('coin-master.key', COIN_MASTER_KEY),
    RESKFLOW_PAYMENTS_CRYPTO_TREASURY_KEY_FILE: keyFile('coin-treasury.key', COIN_TREASURY_KEY),
    RESKFLOW_PAYMENTS_CRYPTO_CONFIRMATIONS: '1',
    RESKFLOW_PAYMENTS_CRYPTO_INTERVAL_MS: '200',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await node?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const call = (method, path, options = {}) => apiCall(server.url, method, path, options);

function ok(r, what, status = 200) {
  assert.equal(r.status, status, `${what}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A courier with a car, online beside the store. */
async function courierOnline() {
  const courier = await registerUser(server.url, { tag: 'rider', role: 'driver' });
  ok(await call('PUT', '/v1/drivers/me', { token: courier.token, body: { vehicle: 'car', capacity: 2 } }), 'vehicle');
  ok(await call('POST', '/v1/drivers/me/shift', { token: courier.token, body: { online: true } }), 'shift');
  const point = { lat: STORE_AT.lat, lng: STORE_AT.lng - 0.002, at: new Date().toISOString(), accuracy_m: 20 };
  ok(await call('POST', '/v1/drivers/me/locations', { token: courier.token, body: { points: [point] } }), 'location');
  return courier;
}

/** An order of `customer` accepted by the store (on `base`): its id and its delivery once opened. */
async function acceptedOrder(store, customer, base = server.url) {
  const call = (method, path, options) => apiCall(base, method, path, options);
  const cart = await call('POST', '/v1/carts', { token: customer.token, body: { merchant_id: store.id, delivery_point: CUSTOMER_AT } });
  assert.ok([200, 201].includes(cart.status), JSON.stringify(cart.body));
  const line = { item_id: store.items[0].id, quantity: 1, option_ids: [] };
  ok(await call('POST', `/v1/carts/${cart.body.id}/lines`, { token: customer.token, body: line }), 'line', 201);
  const order = ok(
    await call('POST', '/v1/orders', {
      token: customer.token,
      body: { cart_id: cart.body.id, payment_method: '4242424242424242', delivery: { address: 'Alexanderplatz 7', point: CUSTOMER_AT } },
    }),
    'order',
    201,
  );
  ok(await call('POST', `/v1/orders/${order.id}/accept`, { token: store.owner.token, body: { prep_time_minutes: 10 } }), 'accept');
  const delivery = await eventually('the delivery to open', async () => {
    const r = await call('GET', `/v1/orders/${order.id}/delivery`, { token: store.owner.token });
    return r.status === 200 ? r.body : undefined;
  });
  return { orderId: order.id, delivery };
}

/** The courier takes the delivery's offer and brings it to the door with a photo. */
async function deliver(courier, delivery) {
  const offer = await eventually('the offer', async () => {
    const r = await call('GET', '/v1/drivers/me/offers', { token: courier.token });
    return r.body?.data?.find((o) => o.delivery_id === delivery.id);
  });
  ok(await call('POST', `/v1/offers/${offer.id}/accept`, { token: courier.token }), 'offer accepted');
  const step = (body) => call('POST', `/v1/deliveries/${delivery.id}/status`, { token: courier.token, body });
  ok(await step({ status: 'at_pickup' }), 'at pickup');
  ok(await step({ status: 'picked_up', pickup_code: delivery.pickup_code }), 'picked up');
  ok(await step({ status: 'at_dropoff' }), 'at drop-off');
  const photo = await fetch(`${server.url}/v1/deliveries/${delivery.id}/proof`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${courier.token}`, 'Content-Type': 'image/png' },
    body: PHOTO,
  });
  assert.equal(photo.status, 201, await photo.text());
  ok(await step({ status: 'delivered' }), 'delivered');
}

/** The verification page of `orderId`, logged in as `customer`, with the node's origin allowed. */
async function openVerification(customer, orderId) {
  const tab = await openPage(browser, server.url, { connectOrigins: [new URL(rpcUrl).origin] });
  const { page } = tab;
  await page.goto(`${server.url}/customer/login?next=${encodeURIComponent(`/customer/orders/${orderId}`)}`);
  await page.getByLabel('Email').fill(customer.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  return tab;
}

const row = (page, milestone) => page.locator(`li[data-milestone="${milestone}"]`);

/** `sqlite3 DB SQL`, waiting up to 5 s for the server's write lock. */
function sqlite(sql) {
  return new Promise((done, fail) => {
    execFile('sqlite3', ['-cmd', '.timeout 5000', join(server.dir, 'e2e.db'), sql], (error, stdout, stderr) =>
      error ? fail(new Error(`${error.message}: ${stderr}`)) : done(stdout),
    );
  });
}

/** `reskflow verify` (the CLI) on a delivery against the served API and the node: its exit code and output. */
function verifyCli(deliveryId, token) {
  const binary = resolve(repo, process.env.RESKFLOW_BINARY ?? 'build/debug/src/app/reskflow');
  const args = ['verify', '--delivery', deliveryId, '--target', server.url, '--rpc', rpcUrl];
  return new Promise((done) => {
    execFile(binary, args, { env: { ...process.env, RESKFLOW_TOKEN: token } }, (error, stdout, stderr) =>
      done({ code: error ? error.code : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** The delivery's proof of record once every one of `milestones` is in a confirmed batch. */
function anchored(delivery, token, milestones) {
  return eventually(
    'every record anchored',
    async () => {
      const r = await call('GET', `/v1/deliveries/${delivery.id}/verification`, { token });
      const confirmed = r.body.records.filter((x) => x.batch?.state === 'confirmed').map((x) => x.milestone);
      return milestones.every((m) => confirmed.includes(m)) ? r.body : undefined;
    },
    300,
  );
}

test("delivered orders' records are verified on chain in the browser and by reskflow verify, and a changed record fails", async () => {
  const owner = await registerUser(server.url, { tag: 'grill', role: 'merchant' });
  const store = { owner, ...(await openStore(server.url, owner, { name: 'Chain Grill', location: STORE_AT, items: [{ name: 'Burger', price_minor: 1200 }] })) };
  const customer = await registerUser(server.url, { tag: 'eater', role: 'customer' });
  const courier = await courierOnline();
  const { orderId, delivery } = await acceptedOrder(store, customer);
  await deliver(courier, delivery);
  // The server anchors every record: all confirmed in its own view before the page looks.
  const milestones = ['created', 'picked_up', 'delivered', 'proof_photo'];
  await anchored(delivery, customer.token, milestones);

  const tab = await openVerification(customer, orderId);
  const { page } = tab;
  await page.getByRole('heading', { level: 1, name: /^Order from Chain Grill/ }).waitFor();
  await page.getByRole('link', { name: 'Check this delivery’s records on the blockchain' }).click();
  await page.getByRole('heading', { level: 1, name: 'Delivery records on the blockchain' }).waitFor();
  await page.getByText(`${milestones.length} verified, 0 pending, 0 failed.`).waitFor();
  for (const m of milestones) assert.equal(await row(page, m).getAttribute('data-outcome'), 'verified', m);
  // The transaction and block come from the chain's receipt, linked to the explorer.
  const txLink = row(page, 'delivered').getByRole('link');
  const href = await txLink.getAttribute('href');
  assert.match(href, /^https:\/\/explorer\.example\/tx\/0x[0-9a-f]{64}$/);
  const provider = new ethers.JsonRpcProvider(rpcUrl, CHAIN_ID, { staticNetwork: true });
  const receipt = await provider.send('eth_getTransactionReceipt', [href.split('/').pop()]);
  provider.destroy();
  await row(page, 'delivered').getByText(`block ${Number(BigInt(receipt.blockNumber))}`).waitFor();
  await row(page, 'delivered').getByText('On time.').waitFor();
  await checkPage(page, 'customer-verification');

  // A server that lies: the answer says "confirmed" but its delivered record is changed on the
  // way (late instead of on time). The chain's root does not hold it.
  await page.route('**/v1/deliveries/*/verification', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    const delivered = body.records.find((r) => r.milestone === 'delivered');
    // The detail's first byte (on time) follows the id, the time and the detail's length.
    const bytes = Buffer.from(delivered.record.slice(2), 'hex');
    const idLength = bytes.readUInt16BE(2);
    bytes[4 + idLength + 8 + 2] ^= 1;
    delivered.record = '0x' + bytes.toString('hex');
    await route.fulfill({ response, json: body });
  });
  await page.reload();
  await page.getByText('3 verified, 0 pending, 1 failed.').waitFor();
  assert.equal(await row(page, 'delivered').getAttribute('data-outcome'), 'failed');
  await row(page, 'delivered').getByText(/does not lead to the root the chain holds/).waitFor();
  await row(page, 'delivered').getByText('Late.').waitFor();
  await page.unroute('**/v1/deliveries/*/verification');
  tab.check();
  await tab.context.close();

  // Two more deliveries by the same courier: with the first, a batch of three through the server,
  // each checked by the command line tool against the served API and the chain.
  const deliveries = [delivery];
  for (let i = 0; i < 2; i++) {
    const next = await acceptedOrder(store, customer);
    await deliver(courier, next.delivery);
    deliveries.push(next.delivery);
  }
  for (const d of deliveries) {
    await anchored(d, customer.token, milestones);
    const checked = await verifyCli(d.id, customer.token);
    assert.equal(checked.code, 0, checked.output);
    assert.match(checked.output, /: 4 verified, 0 pending, 0 failed/);
  }
  // A stored record changed after anchoring (the second delivery late instead of on time): the
  // server now serves it, and the chain's root does not hold it.
  const proof = await anchored(deliveries[1], customer.token, milestones);
  const stored = Buffer.from(proof.records.find((r) => r.milestone === 'delivered').record.slice(2), 'hex');
  stored[4 + stored.readUInt16BE(2) + 8 + 2] ^= 1;
  await sqlite(
    `UPDATE chain_records SET record = '0x${stored.toString('hex')}' ` +
      `WHERE delivery_id = '${deliveries[1].id}' AND milestone = 'delivered'`,
  );
  const tampered = await verifyCli(deliveries[1].id, customer.token);
  assert.equal(tampered.code, 1, tampered.output);
  assert.match(tampered.output, /FAILED\s+delivered/);
  assert.match(tampered.output, /: 3 verified, 0 pending, 1 failed/);
  const untouched = await verifyCli(deliveries[2].id, customer.token);
  assert.equal(untouched.code, 0, untouched.output);
});

test('a delivery whose batch is not mined yet is pending', async () => {
  const owner = await registerUser(server.url, { tag: 'deli', role: 'merchant' });
  const store = { owner, ...(await openStore(server.url, owner, { name: 'Chain Deli', location: STORE_AT, items: [{ name: 'Soup', price_minor: 900 }] })) };
  const customer = await registerUser(server.url, { tag: 'waiter', role: 'customer' });
  // The node stops mining: the batch's transaction waits in its pool.
  await fetch(rpcUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'miner_stop', params: [] }) });
  const { orderId, delivery } = await acceptedOrder(store, customer);
  await eventually(
    'the created record sent in a batch',
    async () => {
      const r = await call('GET', `/v1/deliveries/${delivery.id}/verification`, { token: customer.token });
      return r.body.records.find((x) => x.milestone === 'created' && x.batch?.state === 'sent');
    },
    300,
  );
  const tab = await openVerification(customer, orderId);
  const { page } = tab;
  await page.getByRole('heading', { level: 1, name: /^Order from Chain Deli/ }).waitFor();
  await page.goto(`${server.url}/customer/orders/${orderId}/verification`);
  await page.getByText('0 verified, 1 pending, 0 failed.').waitFor();
  await row(page, 'created').getByText(/is not anchored on the chain yet/).waitFor();
  tab.check();
  await tab.context.close();
  // The node mines again for the tests after this one.
  await fetch(rpcUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'miner_start', params: [] }) });
});

test('without a public node the page offers the records and the reskflow verify command instead', async () => {
  // A server that anchors nothing and names no public node: the default policy, no outside host.
  const plain = await startServer({ RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION: '0' });
  try {
    const owner = await registerUser(plain.url, { tag: 'cafe', role: 'merchant' });
    const store = { owner, ...(await openStore(plain.url, owner, { name: 'Plain Cafe', location: STORE_AT, items: [{ name: 'Tea', price_minor: 300 }] })) };
    const customer = await registerUser(plain.url, { tag: 'sipper', role: 'customer' });
    const { orderId, delivery } = await acceptedOrder(store, customer, plain.url);
    const tab = await openPage(browser, plain.url);
    const { page } = tab;
    await page.goto(`${plain.url}/customer/login?next=${encodeURIComponent(`/customer/orders/${orderId}/verification`)}`);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Checking in your browser is not set up on this server').waitFor();
    await page.getByText(`reskflow verify --delivery ${delivery.id} --file verification.json`).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download the records/ }).click()]);
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(saved.delivery_id, delivery.id);
    assert.ok(saved.records.some((r) => r.milestone === 'created'), JSON.stringify(saved));
    await checkPage(page, 'customer-verification-not-configured');
    tab.check();
    await tab.context.close();
  } finally {
    await plain.stop();
  }
});

/** Token units written as the page writes them, with the token's 6 decimals: 12000000n → "12.000000". */
const tusd = (units) => `${units / 1_000_000n}.${String(units % 1_000_000n).padStart(6, '0')}`;

test('a customer pays an order in the stablecoin at the address the order page shows', async () => {
  const owner = await registerUser(server.url, { tag: 'coin-grill', role: 'merchant' });
  const store = await openStore(server.url, owner, { name: 'Coin Grill', location: STORE_AT, items: [{ name: 'Burger', price_minor: 1200 }] });
  const customer = await registerUser(server.url, { tag: 'coin-eater', role: 'customer' });
  const cart = ok(
    await call('POST', '/v1/carts', { token: customer.token, body: { merchant_id: store.id, delivery_point: CUSTOMER_AT } }),
    'cart',
    201,
  );
  const line = { item_id: store.items[0].id, quantity: 1, option_ids: [] };
  ok(await call('POST', `/v1/carts/${cart.id}/lines`, { token: customer.token, body: line }), 'line', 201);

  // This server's pages may reach the chain's public node (the verification page's), never used here.
  const tab = await openPage(browser, server.url, { connectOrigins: [new URL(rpcUrl).origin] });
  const { page } = tab;
  await page.goto(`${server.url}/customer/login?next=${encodeURIComponent(`/customer/carts/${cart.id}/checkout`)}`);
  await page.getByLabel('Email').fill(customer.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('textbox', { name: 'Address', exact: true }).fill('Alexanderplatz 7');
  await page.getByText(/This price holds until/).waitFor();
  await page.getByLabel('Pay with TUSD (stablecoin)').check();
  assert.equal(await page.getByLabel('Card number').count(), 0, 'no card asked for');
  await checkPage(page, 'customer-checkout-stablecoin');
  await page.getByRole('button', { name: 'Place order' }).click();

  // The order page: where to pay, how much, the wallet link, the time left.
  await page.getByText('Waiting for your stablecoin transfer. Coin Grill gets the order once it is confirmed.').waitFor();
  const panel = page.getByRole('region', { name: 'Pay with the stablecoin' });
  const address = await panel.locator('#deposit-address').innerText();
  const uri = await panel.getByRole('link', { name: 'Open in your wallet' }).getAttribute('href');
  const request = `ethereum:${token}@${CHAIN_ID}/transfer?address=${address}&uint256=`;
  assert.ok(uri.toLowerCase().startsWith(request.toLowerCase()), uri);
  const units = BigInt(new URLSearchParams(uri.split('?')[1]).get('uint256'));
  assert.equal(await panel.locator('.coin-amount').innerText(), `${tusd(units)} TUSD`);
  await panel.getByText(/^Time left to pay: \d+ min/).waitFor();
  await panel.getByText('Nothing has arrived yet.', { exact: false }).waitFor();
  await checkPage(page, 'customer-stablecoin-payment');

  // Two transfers from the customer's wallet: the page says what is missing, then the order is placed.
  const provider = new ethers.JsonRpcProvider(rpcUrl, CHAIN_ID, { staticNetwork: true });
  const wallet = new ethers.Wallet(PAYER_KEY, provider);
  const coin = new ethers.Contract(token, ['function transfer(address,uint256) returns (bool)'], wallet);
  const first = units - 2_000_000n;
  const nonce = await provider.getTransactionCount(wallet.address, 'latest');
  await (await coin.transfer(address, first, { nonce })).wait();
  await panel.getByText(`Received so far: ${tusd(first)} TUSD. Still missing: 2.000000 TUSD`, { exact: false }).waitFor();
  await (await coin.transfer(address, 2_000_000n, { nonce: nonce + 1 })).wait();
  provider.destroy();
  await page.getByRole('heading', { level: 2, name: 'Status: Placed' }).waitFor();
  const paid = page.getByRole('region', { name: 'Stablecoin payment' });
  await paid.getByText('Paid: the order went to the restaurant.').waitFor();
  await paid.getByText(new RegExp(wallet.address, 'i')).waitFor();
  await paid.getByText(`${tusd(units)} TUSD`).waitFor();
  await checkPage(page, 'customer-stablecoin-paid');
  tab.check();
  await tab.context.close();
});

test('a deposit that ran out of time says so on the order page, with what to do next', async () => {
  // A server whose deposits live 5 seconds and that is told nothing of the token but its address:
  // its symbol and decimals come from the contract. Nobody pays: the server's clock makes it due.
  const brief = await startServer({
    RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION: '0',
    RESKFLOW_PAYMENTS_CRYPTO_RPC_URL: rpcUrl,
    RESKFLOW_PAYMENTS_CRYPTO_CHAIN_ID: String(CHAIN_ID),
    RESKFLOW_PAYMENTS_CRYPTO_TOKEN: token,
    RESKFLOW_PAYMENTS_CRYPTO_CURRENCY: 'EUR',
    RESKFLOW_PAYMENTS_CRYPTO_MASTER_KEY_FILE: keyFile('brief-master.key', '4'.repeat(64)),
    RESKFLOW_PAYMENTS_CRYPTO_TREASURY_KEY_FILE: keyFile('brief-treasury.key', COIN_TREASURY_KEY),
    RESKFLOW_PAYMENTS_CRYPTO_CONFIRMATIONS: '1',
    RESKFLOW_PAYMENTS_CRYPTO_INTERVAL_MS: '200',
    RESKFLOW_PAYMENTS_CRYPTO_DEPOSIT_TTL_S: '5',
  });
  try {
    const briefCall = (method, path, options) => apiCall(brief.url, method, path, options);
    const methods = ok(await briefCall('GET', '/v1/payments/methods'), 'methods');
    assert.equal(methods.stablecoin?.symbol, 'TUSD');
    assert.equal(methods.stablecoin?.decimals, 6);
    const owner = await registerUser(brief.url, { tag: 'slow-grill', role: 'merchant' });
    const store = await openStore(brief.url, owner, { name: 'Slow Grill', location: STORE_AT, items: [{ name: 'Burger', price_minor: 1200 }] });
    const customer = await registerUser(brief.url, { tag: 'slow-payer', role: 'customer' });
    const cart = ok(
      await briefCall('POST', '/v1/carts', { token: customer.token, body: { merchant_id: store.id, delivery_point: CUSTOMER_AT } }),
      'cart',
      201,
    );
    const line = { item_id: store.items[0].id, quantity: 1, option_ids: [] };
    ok(await briefCall('POST', `/v1/carts/${cart.id}/lines`, { token: customer.token, body: line }), 'line', 201);
    const order = ok(
      await briefCall('POST', '/v1/orders', {
        token: customer.token,
        body: { cart_id: cart.id, payment_method: 'stablecoin', delivery: { address: 'Alexanderplatz 7', point: CUSTOMER_AT } },
      }),
      'order',
      201,
    );
    assert.equal(order.status, 'awaiting_payment');

    // This server names no public node: its pages reach no outside origin.
    const tab = await openPage(browser, brief.url);
    const { page } = tab;
    await page.goto(`${brief.url}/customer/login?next=${encodeURIComponent(`/customer/orders/${order.id}`)}`);
    await page.getByLabel('Email').fill(customer.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    // The order page follows the order live: cancelled once the deposit expired.
    await page.getByRole('heading', { level: 2, name: 'Status: Cancelled' }).waitFor();
    await page
      .getByText(
        'The order was cancelled: The full amount did not arrive at the deposit address before it expired. ' +
          'Nothing was charged: whatever was held or paid is given back.',
      )
      .waitFor();
    const paid = page.getByRole('region', { name: 'Stablecoin payment' });
    await paid.getByText('The full amount did not arrive in time, so the order was cancelled', { exact: false }).waitFor();
    await paid.getByText('press “Order again” below and pay the new order’s address before its time is up.', { exact: false }).waitFor();
    await paid.getByText('0.000000 TUSD').waitFor();
    await page.getByRole('button', { name: 'Order again' }).waitFor();
    await checkPage(page, 'customer-stablecoin-expired');
    tab.check();
    await tab.context.close();
  } finally {
    await brief.stop();
  }
});

test('a participant of a split bill pays their share in the stablecoin from the order page', async () => {
  const owner = await registerUser(server.url, { tag: 'split-grill', role: 'merchant' });
  const store = await openStore(server.url, owner, { name: 'Split Grill', location: STORE_AT, items: [{ name: 'Burger', price_minor: 1200 }] });
  const host = await registerUser(server.url, { tag: 'split-host', role: 'customer' });
  const guest = await registerUser(server.url, { tag: 'split-guest', role: 'customer' });
  const cart = ok(
    await call('POST', '/v1/carts', { token: host.token, body: { merchant_id: store.id, delivery_point: CUSTOMER_AT } }),
    'cart',
    201,
  );
  const line = { item_id: store.items[0].id, quantity: 1, option_ids: [] };
  ok(await call('POST', `/v1/carts/${cart.id}/lines`, { token: host.token, body: line }), 'host line', 201);
  const group = ok(await call('POST', `/v1/carts/${cart.id}/group`, { token: host.token, body: { display_name: 'Hana' } }), 'group');
  ok(await call('POST', `/v1/group-invites/${group.invite_token}/join`, { token: guest.token, body: { display_name: 'Gus' } }), 'join', 201);
  ok(await call('POST', `/v1/carts/${cart.id}/lines`, { token: guest.token, body: line }), 'guest line', 201);
  ok(await call('POST', `/v1/carts/${cart.id}/lock`, { token: host.token }), 'lock');
  // The host pays her share by card at checkout; Gus's waits.
  const order = ok(
    await call('POST', '/v1/orders', {
      token: host.token,
      body: { cart_id: cart.id, split: true, payment_method: '4242424242424242', delivery: { address: 'Alexanderplatz 7', point: CUSTOMER_AT } },
    }),
    'order',
    201,
  );
  assert.equal(order.status, 'awaiting_payment');
  const gusShare = order.payment.shares.find((s) => s.display_name === 'Gus');

  const tab = await openPage(browser, server.url, { connectOrigins: [new URL(rpcUrl).origin] });
  const { page } = tab;
  await page.goto(`${server.url}/customer/login?next=${encodeURIComponent(`/customer/orders/${order.id}`)}`);
  await page.getByLabel('Email').fill(guest.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 2, name: 'Who has paid' }).waitFor();
  await page.getByRole('button', { name: 'Pay my share with TUSD' }).click();

  // His share is now a deposit of its own, for his share's amount.
  const panel = page.getByRole('region', { name: 'Pay with the stablecoin' });
  const address = await panel.locator('#deposit-address').innerText();
  const uri = await panel.getByRole('link', { name: 'Open in your wallet' }).getAttribute('href');
  const units = BigInt(new URLSearchParams(uri.split('?')[1]).get('uint256'));
  assert.equal(units, BigInt(gusShare.amount_minor) * 10_000n);
  await panel.getByText('Nothing has arrived yet.', { exact: false }).waitFor();
  await checkPage(page, 'customer-split-share-stablecoin');

  const provider = new ethers.JsonRpcProvider(rpcUrl, CHAIN_ID, { staticNetwork: true });
  const wallet = new ethers.Wallet(PAYER_KEY, provider);
  const coin = new ethers.Contract(token, ['function transfer(address,uint256) returns (bool)'], wallet);
  const nonce = await provider.getTransactionCount(wallet.address, 'latest');
  await (await coin.transfer(address, units, { nonce })).wait();
  provider.destroy();
  await page.getByRole('heading', { level: 2, name: 'Status: Placed' }).waitFor();
  tab.check();
  await tab.context.close();
});

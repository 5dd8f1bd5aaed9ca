// A Web Push service on loopback for the notifications tests: it hands out device
// subscriptions, receives RFC 8030 pushes, checks the VAPID token (RFC 8292: ES256 signature
// with the k= key, aud, exp, sub) and decrypts the payload with the device's private key through
// http_ece (RFC 8188/8291), as a browser's push service and user agent would.
//
// Usage: node tests/support/push_service.mjs FD — prints its base URL on stdout, then serves
// until file descriptor FD (a pipe the test holds) reaches its end.
//   POST /subscriptions        -> {id, endpoint, keys: {p256dh, auth}}
//   POST /push/{id}            the push endpoint: 201 and a Location, or the forced status
//   PUT  /answers/{id}         {"status": 410} answers every push with it; {"status": 0} stops
//   GET  /received/{id}        -> {messages: [{payload, ttl, urgency, claims, k}], refused: [..]}
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import ece from 'http_ece';

const day_s = 24 * 3600;
const devices = new Map(); // id -> {ecdh, auth, answer, messages, refused}
let origin = '';

function b64url(buffer) {
  return Buffer.from(buffer).toString('base64url');
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (c) => chunks.push(c));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function answer(response, status, document, headers = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(document === undefined ? '' : JSON.stringify(document));
}

// The JWT of "vapid t=..., k=..." checked as RFC 8292 §2 and §3 ask; throws with the reason.
function checkVapid(authorization) {
  const match = /^vapid t=([A-Za-z0-9_.-]+), ?k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) throw new Error(`Authorization is not "vapid t=..., k=...": ${authorization}`);
  const [, token, k] = match;
  const [header, claims, signature] = token.split('.');
  if (JSON.parse(Buffer.from(header, 'base64url')).alg !== 'ES256') throw new Error('alg is not ES256');
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
  const key = crypto.createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) },
    format: 'jwk',
  });
  const signed = crypto.verify('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'));
  if (!signed) throw new Error('the VAPID signature does not verify with k');
  const body = JSON.parse(Buffer.from(claims, 'base64url'));
  const now = Math.floor(Date.now() / 1000);
  if (body.aud !== origin) throw new Error(`aud is ${body.aud}, not ${origin}`);
  if (!(body.exp > now && body.exp <= now + day_s)) throw new Error(`exp ${body.exp} is not within 24 h`);
  if (!/^(mailto:|https:)/.test(body.sub ?? '')) throw new Error(`sub ${body.sub} is not mailto: or https:`);
  return { claims: body, k };
}

function receive(device, request, body) {
  if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error('Content-Encoding is not aes128gcm');
  const ttl = request.headers.ttl;
  if (!/^[0-9]+$/.test(ttl ?? '')) throw new Error(`TTL is missing or not a number: ${ttl}`);
  const urgency = request.headers.urgency ?? 'normal';
  if (!['very-low', 'low', 'normal', 'high'].includes(urgency)) throw new Error(`Urgency ${urgency}`);
  const vapid = checkVapid(request.headers.authorization);
  const rs = body.readUInt32BE(16);
  if (rs !== 4096) throw new Error(`record size ${rs}, not 4096`);
  const plaintext = ece.decrypt(body, { version: 'aes128gcm', privateKey: device.ecdh, authSecret: device.auth });
  return { payload: JSON.parse(plaintext.toString('utf8')), ttl: Number(ttl), urgency, ...vapid };
}

async function handle(request, response) {
  const [, collection, id] = request.url.split('/');
  const device = devices.get(id);
  if (request.method === 'POST' && collection === 'subscriptions') {
    const ecdh = crypto.createECDH('prime256v1');
    ecdh.generateKeys();
    const created = { ecdh, auth: crypto.randomBytes(16), answer: 0, messages: [], refused: [] };
    const newId = crypto.randomUUID();
    devices.set(newId, created);
    return answer(response, 201, {
      id: newId,
      endpoint: `${origin}/push/${newId}`,
      keys: { p256dh: b64url(ecdh.getPublicKey()), auth: b64url(created.auth) },
    });
  }
  if (!device) return answer(response, 404, { error: 'no such subscription' });
  const body = await readBody(request);
  if (request.method === 'POST' && collection === 'push') {
    if (device.answer !== 0) return answer(response, device.answer, { error: 'forced by the test' });
    try {
      device.messages.push(receive(device, request, body));
    } catch (error) {
      device.refused.push(String(error.message));
      return answer(response, 400, { error: String(error.message) });
    }
    return answer(response, 201, undefined, { Location: `${origin}/messages/${id}/${device.messages.length}` });
  }
  if (request.method === 'PUT' && collection === 'answers') {
    device.answer = JSON.parse(body.toString('utf8')).status;
    return answer(response, 204);
  }
  if (request.method === 'GET' && collection === 'received') {
    return answer(response, 200, { messages: device.messages, refused: device.refused });
  }
  return answer(response, 405, { error: 'not here' });
}

const server = http.createServer((request, response) => {
  handle(request, response).catch((error) => answer(response, 500, { error: String(error) }));
});
server.listen(0, '127.0.0.1', () => {
  origin = `http://127.0.0.1:${server.address().port}`;
  process.stdout.write(`${origin}\n`);
});
const lifeline = fs.createReadStream(null, { fd: Number(process.argv[2]) });
lifeline.on('data', () => {});
lifeline.on('close', () => process.exit(0));

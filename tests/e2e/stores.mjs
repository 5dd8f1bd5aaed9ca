// Accounts and stores made through the API for the browser tests: a user of any role, and a
// Berlin store open around the clock with a menu of one category.
import assert from 'node:assert/strict';
import { apiCall, newEmail } from './harness.mjs';

export const PASSWORD = 'lantern orbit pebble 42';
const everyDay = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A new account of `role` on the server at `baseUrl`: { email, token, id, base }. */
export async function registerUser(baseUrl, { tag, name = `${tag} tester`, role }) {
  const email = newEmail(tag);
  const r = await apiCall(baseUrl, 'POST', '/v1/auth/register', { body: { email, password: PASSWORD, name, role } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const me = await apiCall(baseUrl, 'GET', '/v1/me', { token: r.body.access_token });
  return { email, token: r.body.access_token, id: me.body.id, base: baseUrl };
}

/**
 * `owner`'s store at `location`, open around the clock, delivering in `deliveryMode` (platform
 * couriers unless 'merchant'), selling `items` in one category: { id, items } with the items as
 * the menu answered them (ids included).
 */
export async function openStore(baseUrl, owner, { name, location, deliveryMode = 'platform', category = 'Mains', items }) {
  const created = await apiCall(baseUrl, 'POST', '/v1/merchants', {
    token: owner.token,
    body: {
      name,
      address: { line1: 'Warschauer Straße 1', city: 'Berlin', postal_code: '10243', country: 'DE' },
      location,
      time_zone: 'Europe/Berlin',
      currency: 'EUR',
      cuisines: ['burgers'],
      price_level: 2,
      prep_time_minutes: 15,
      delivery_zone: { type: 'radius', radius_m: 4000 },
      opening_hours: { weekly: everyDay.map((day) => ({ day, open: '00:00', close: '00:00' })) },
    },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assert.equal(created.body.delivery_mode, 'platform');
  if (deliveryMode === 'merchant') {
    const r = await apiCall(baseUrl, 'PATCH', `/v1/merchants/${id}`, { token: owner.token, body: { delivery_mode: 'merchant' } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const menu = await apiCall(baseUrl, 'PUT', `/v1/merchants/${id}/menu`, {
    token: owner.token,
    body: { modifier_groups: [], categories: [{ name: category, items }] },
  });
  assert.equal(menu.status, 200, JSON.stringify(menu.body));
  return { id, items: menu.body.categories[0].items };
}

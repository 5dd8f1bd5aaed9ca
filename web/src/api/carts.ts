// Carts and group orders (docs/commerce.md "Carts and group orders"). Every write names the
// version it was made against (If-Match: "<version>"); a 412 means someone changed the cart in
// the meantime (another participant, another tab), so the page reloads it and says so.
import { api, call, type Outcome, type ResponseJson } from './client';

export type Cart = ResponseJson<'/v1/carts/{cart_id}', 'get'>;
export type CartLine = Cart['lines'][number];
export type CartShare = Cart['participants'][number];
export type CartSummary = ResponseJson<'/v1/carts', 'get'>['data'][number];
export type GroupInvite = ResponseJson<'/v1/group-invites/{token}', 'get'>;
export type GroupLink = ResponseJson<'/v1/carts/{cart_id}/group', 'post'>;

export interface LineInput {
  item_id: string;
  quantity: number;
  option_ids: string[];
  note?: string;
}

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });
const cartPath = (cartId: string) => ({ path: { cart_id: cartId } });
const linePath = (cartId: string, lineId: string) => ({
  path: { cart_id: cartId, line_id: lineId },
});

export interface Point {
  lat: number;
  lng: number;
}

/**
 * The caller's active cart at this merchant (an existing one, or a new one), to be delivered to
 * `point` when given: its preview then says whether the merchant delivers there.
 */
export const openCart = (merchantId: string, point?: Point) =>
  call(
    api.POST('/v1/carts', {
      body: {
        merchant_id: merchantId,
        ...(point ? { delivery_point: { lat: point.lat, lng: point.lng } } : {}),
      },
    }),
  );

/** Host: where the cart is delivered (the preview says whether the merchant delivers there). */
export const setDeliveryPoint = (cartId: string, version: number, point: Point) =>
  call(
    api.PUT('/v1/carts/{cart_id}/delivery-point', {
      params: cartPath(cartId),
      body: { lat: point.lat, lng: point.lng },
      headers: ifMatch(version),
    }),
    ['lat', 'lng'],
  );

/** The caller's active carts (hosted and joined), first page. */
export const listCarts = () => call(api.GET('/v1/carts', { params: { query: { limit: 100 } } }));

/** The cart with a fresh price preview. */
export const getCart = (cartId: string) =>
  call(api.GET('/v1/carts/{cart_id}', { params: cartPath(cartId) }));

export const addLine = (cartId: string, version: number, line: LineInput) =>
  call(
    api.POST('/v1/carts/{cart_id}/lines', {
      params: cartPath(cartId),
      body: line,
      headers: ifMatch(version),
    }),
    ['item_id', 'quantity', 'option_ids', 'note'],
  );

export const setLineQuantity = (cartId: string, version: number, lineId: string, quantity: number) =>
  call(
    api.PATCH('/v1/carts/{cart_id}/lines/{line_id}', {
      params: linePath(cartId, lineId),
      body: { quantity },
      headers: ifMatch(version),
    }),
    ['quantity'],
  );

export const removeLine = (cartId: string, version: number, lineId: string) =>
  call(
    api.DELETE('/v1/carts/{cart_id}/lines/{line_id}', {
      params: linePath(cartId, lineId),
      headers: ifMatch(version),
    }),
  );

/** Host: turn the cart into a group cart and get a (new) invite link; older links stop working. */
export const startGroup = (cartId: string, version: number, displayName: string) =>
  call(
    api.POST('/v1/carts/{cart_id}/group', {
      params: cartPath(cartId),
      body: { display_name: displayName },
      headers: ifMatch(version),
    }),
    ['display_name'],
  );

/** Host: the group's current invite link again, unchanged. */
export const showGroupLink = (cartId: string) =>
  call(api.GET('/v1/carts/{cart_id}/group', { params: cartPath(cartId) }));

export const setLocked = (cartId: string, version: number, locked: boolean) =>
  call(
    api.POST(locked ? '/v1/carts/{cart_id}/lock' : '/v1/carts/{cart_id}/unlock', {
      params: cartPath(cartId),
      headers: ifMatch(version),
    }),
  );

/** Host removes a participant (with their lines), or a participant leaves (their own id). */
export const removeParticipant = (cartId: string, version: number, userId: string) =>
  call(
    api.DELETE('/v1/carts/{cart_id}/participants/{user_id}', {
      params: { path: { cart_id: cartId, user_id: userId } },
      headers: ifMatch(version),
    }),
  );

export const previewInvite = (token: string) =>
  call(api.GET('/v1/group-invites/{token}', { params: { path: { token } } }));

export const joinGroup = (token: string, displayName: string): Promise<Outcome<Cart>> =>
  call(
    api.POST('/v1/group-invites/{token}/join', {
      params: { path: { token } },
      body: { display_name: displayName },
    }),
    ['display_name'],
  );

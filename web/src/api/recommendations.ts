// Recommendations (docs/recommendations.md): "order again" for the signed-in customer, "popular
// near you" at a point and "often ordered together" with a menu item; each lists only what can
// be ordered now.
import { api, call, type ResponseJson } from './client';

export type OrderAgain = ResponseJson<'/v1/me/recommendations/order-again', 'get'>;
export type OrderAgainItem = OrderAgain['items'][number];
export type RecommendedItem = ResponseJson<'/v1/recommendations/popular', 'get'>['items'][number];

export const orderAgain = (limit: number) =>
  call(api.GET('/v1/me/recommendations/order-again', { params: { query: { limit } } }));

export const popularNear = (lat: number, lng: number, limit: number) =>
  call(api.GET('/v1/recommendations/popular', { params: { query: { lat, lng, limit } } }));

export const oftenOrderedWith = (merchantId: string, itemId: string, limit: number) =>
  call(
    api.GET('/v1/merchants/{merchant_id}/menu/items/{item_id}/often-ordered-with', {
      params: { path: { merchant_id: merchantId, item_id: itemId }, query: { limit } },
    }),
  );

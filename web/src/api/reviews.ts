// Ratings and reviews (docs/commerce.md "Reviews"): a merchant's summary and reviews for anyone;
// the orders a customer may still rate, and rating one (with its courier, when one brought it).
import { api, call, page, type ResponseJson } from './client';

export type ReviewPage = ResponseJson<'/v1/merchants/{merchant_id}/reviews', 'get'>;
export type Review = ReviewPage['data'][number];
export type ReviewSummary = ReviewPage['summary'];
export type ReviewableOrder = ResponseJson<'/v1/me/reviewable-orders', 'get'>['data'][number];

export async function merchantReviews(merchantId: string, cursor: string | undefined, limit = 5) {
  const r = await call(
    api.GET('/v1/merchants/{merchant_id}/reviews', {
      params: { path: { merchant_id: merchantId }, query: { limit, ...(cursor ? { cursor } : {}) } },
    }),
  );
  if (!r.ok) return r;
  return {
    ok: true as const,
    summary: r.data.summary,
    data: r.data.data,
    next: r.data.has_more ? r.data.next_cursor : null,
  };
}

export const reviewableOrders = (cursor: string | undefined, limit: number) =>
  page(
    call(
      api.GET('/v1/me/reviewable-orders', {
        params: { query: { limit, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );

/** What a customer may say about a courier besides the stars (the API's list, in its order). */
export const courierTags = [
  { value: 'friendly', label: 'Friendly' },
  { value: 'on_time', label: 'On time' },
  { value: 'careful', label: 'Handled the order with care' },
  { value: 'followed_instructions', label: 'Followed my instructions' },
  { value: 'late', label: 'Late' },
  { value: 'rude', label: 'Rude' },
  { value: 'food_damaged', label: 'Food damaged' },
  { value: 'ignored_instructions', label: 'Ignored my instructions' },
] as const;
export type CourierTag = (typeof courierTags)[number]['value'];

export interface ReviewInput {
  order_id: string;
  rating: number;
  comment?: string;
  courier?: { rating: number; tags: CourierTag[] };
}

export const postReview = (merchantId: string, body: ReviewInput) =>
  call(
    api.POST('/v1/merchants/{merchant_id}/reviews', {
      params: { path: { merchant_id: merchantId } },
      body,
    }),
    ['rating', 'comment'],
  );

// Promotions (docs/promotions.md): a merchant's own codes and automatic campaigns, or the
// platform's for admins: list, create (with an Idempotency-Key), pause, resume, end.
import { api, call, type Schemas } from './client';

export type Promotion = Schemas['Promotion'];
export type PromotionCreate = Schemas['PromotionCreate'];
export type PromotionAction = 'pause' | 'resume' | 'end';

/** Whose promotions: a merchant's (its managers and owners) or the platform's (admins). */
export type PromotionOwner = { merchantId: string } | { platform: true };

/** The create form's fields that problems may name. */
export const promotionFields = [
  'name',
  'code',
  'kind',
  'percent',
  'amount_minor',
  'currency',
  'minimum_basket_minor',
  'starts_at',
  'ends_at',
  'per_user_limit',
  'budget_minor',
  'redemptions_max',
  'merchant_ids',
] as const;

const merchantOf = (owner: PromotionOwner) => ('merchantId' in owner ? owner.merchantId : null);

export function listPromotions(owner: PromotionOwner) {
  const merchantId = merchantOf(owner);
  return merchantId
    ? call(api.GET('/v1/merchants/{merchant_id}/promotions', { params: { path: { merchant_id: merchantId }, query: { limit: 100 } } }))
    : call(api.GET('/v1/admin/promotions', { params: { query: { limit: 100 } } }));
}

export function createPromotion(owner: PromotionOwner, body: PromotionCreate, idempotencyKey: string) {
  const merchantId = merchantOf(owner);
  const header = { 'Idempotency-Key': idempotencyKey };
  return merchantId
    ? call(
        api.POST('/v1/merchants/{merchant_id}/promotions', {
          params: { path: { merchant_id: merchantId }, header },
          body,
        }),
        promotionFields,
      )
    : call(api.POST('/v1/admin/promotions', { params: { header }, body }), promotionFields);
}

export function changePromotion(owner: PromotionOwner, promotionId: string, action: PromotionAction) {
  const merchantId = merchantOf(owner);
  if (merchantId) {
    const params = { params: { path: { merchant_id: merchantId, promotion_id: promotionId } } };
    if (action === 'pause') return call(api.POST('/v1/merchants/{merchant_id}/promotions/{promotion_id}/pause', params));
    if (action === 'resume') return call(api.POST('/v1/merchants/{merchant_id}/promotions/{promotion_id}/resume', params));
    return call(api.POST('/v1/merchants/{merchant_id}/promotions/{promotion_id}/end', params));
  }
  const params = { params: { path: { promotion_id: promotionId } } };
  if (action === 'pause') return call(api.POST('/v1/admin/promotions/{promotion_id}/pause', params));
  if (action === 'resume') return call(api.POST('/v1/admin/promotions/{promotion_id}/resume', params));
  return call(api.POST('/v1/admin/promotions/{promotion_id}/end', params));
}

// Memberships (docs/subscriptions.md): the plans on sale, the customer's subscription,
// subscribing and changing its card (both may charge: sent with an Idempotency-Key), cancelling
// at the period's end and resuming; admins' list of every subscription.
import { api, call, page, type Schemas } from './client';

export type SubscriptionPlan = Schemas['SubscriptionPlan'];
export type Subscription = Schemas['Subscription'];
export type AdminSubscription = Schemas['AdminSubscription'];
export type SubscriptionStatus = Subscription['status'];

export const subscriptionPlans = () => call(api.GET('/v1/subscription-plans'));

/** The customer's newest subscription, or null when they never subscribed. */
export async function mySubscription() {
  const r = await call(api.GET('/v1/me/subscription'));
  if (!r.ok && r.error.status === 404) return { ok: true as const, data: null };
  return r;
}

export const subscribe = (planId: string, card: string, idempotencyKey: string) =>
  call(
    api.POST('/v1/me/subscription', {
      body: { plan_id: planId, payment_method: card },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
    ['payment_method'],
  );

export const cancelSubscription = () => call(api.DELETE('/v1/me/subscription'));

export const resumeSubscription = () => call(api.POST('/v1/me/subscription/resume'));

/** Charges the new card at once when a month is unpaid (past due); else kept for the next renewal. */
export const changeSubscriptionCard = (card: string, idempotencyKey: string) =>
  call(
    api.PUT('/v1/me/subscription/payment-method', {
      body: { payment_method: card },
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
    ['payment_method'],
  );

export const allSubscriptionPlans = () => call(api.GET('/v1/admin/subscription-plans'));

export interface SubscriptionFilters {
  status?: SubscriptionStatus;
  plan_id?: string;
}

export const querySubscriptions = (
  filters: SubscriptionFilters,
  cursor: string | undefined,
  limit: number,
) =>
  page(
    call(
      api.GET('/v1/admin/subscriptions', {
        params: {
          query: {
            ...(filters.status ? { status: filters.status } : {}),
            ...(filters.plan_id ? { plan_id: filters.plan_id } : {}),
            ...(cursor ? { cursor } : {}),
            limit,
          },
        },
      }),
    ),
  );

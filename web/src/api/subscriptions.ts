// Memberships (docs/subscriptions.md): the plans on sale, the customer's subscription,
// subscribing (charges the first month: sent with an Idempotency-Key), cancelling at the period's
// end and resuming.
import { api, call, type Schemas } from './client';

export type SubscriptionPlan = Schemas['SubscriptionPlan'];
export type Subscription = Schemas['Subscription'];

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

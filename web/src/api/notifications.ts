// Notifications (docs/notifications.md): the inbox and its unread count, the preference centre,
// and Web Push on this device (the server's VAPID key and the device's subscription).
import { api, call, page, type Schemas } from './client';

export type Notification = Schemas['Notification'];
export type NotificationPreferences = Schemas['NotificationPreferences'];
export type NotificationPreferencesInput = Schemas['NotificationPreferencesInput'];
export type PushSubscriptionRecord = Schemas['PushSubscription'];

export const inbox = (cursor: string | undefined, limit: number) =>
  page(call(api.GET('/v1/me/notifications', { params: { query: { limit, ...(cursor ? { cursor } : {}) } } })));

export const unreadCount = () => call(api.GET('/v1/me/notifications/unread-count'));

export const markRead = (id: string) =>
  call(api.POST('/v1/me/notifications/{id}/read', { params: { path: { id } } }));

export const markAllRead = () => call(api.POST('/v1/me/notifications/read-all'));

export const preferences = () => call(api.GET('/v1/me/notification-preferences'));

export const savePreferences = (body: NotificationPreferencesInput) =>
  call(api.PUT('/v1/me/notification-preferences', { body }), ['locale', 'time_zone', 'quiet_hours.start', 'quiet_hours.end']);

export const vapidPublicKey = () => call(api.GET('/v1/notifications/vapid-public-key'));

export async function pushSubscriptions() {
  const r = await call(api.GET('/v1/me/push-subscriptions'));
  return r.ok ? { ...r, data: r.data.data } : r;
}

export const subscribeDevice = (subscription: PushSubscriptionJSON) =>
  call(
    api.POST('/v1/me/push-subscriptions', {
      body: {
        endpoint: subscription.endpoint ?? '',
        keys: { p256dh: subscription.keys?.['p256dh'] ?? '', auth: subscription.keys?.['auth'] ?? '' },
      },
    }),
  );

export const unsubscribeDevice = (id: string) =>
  call(api.DELETE('/v1/me/push-subscriptions/{id}', { params: { path: { id } } }));

/** Tells every unread count on the page to look again (after marking read). */
export const notificationsChanged = () => window.dispatchEvent(new Event('reskflow:notifications'));
export const onNotificationsChanged = (listener: () => void) => {
  window.addEventListener('reskflow:notifications', listener);
  return () => window.removeEventListener('reskflow:notifications', listener);
};

// The customer portal's service worker: shows each Web Push message (docs/notifications.md,
// "Web Push") as a system notification, and opens the inbox when one is clicked. The message is
// the JSON {"id","title","body"} the server encrypted for this device; the browser decrypts it.
const INBOX = '/customer/notifications';

self.addEventListener('push', (event) => {
  let message = { id: '', title: 'ReskFlow', body: '' };
  try {
    message = { ...message, ...event.data.json() };
  } catch {
    // A message that is not JSON still tells the user something happened.
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      tag: message.id || undefined,
      icon: '/favicon.svg',
      data: { url: INBOX },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data?.url ?? INBOX;
  event.waitUntil(
    (async () => {
      const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const portal = open.find((c) => new URL(c.url).pathname.startsWith('/customer'));
      if (portal) {
        await portal.focus();
        return portal.navigate(url);
      }
      return self.clients.openWindow(url);
    })(),
  );
});

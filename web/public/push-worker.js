// Web Push for every portal's service worker (docs/notifications.md, "Web Push"), loaded with
// importScripts: showPush shows a message as a system notification, openPortalPage brings the
// portal's open tab to the page of a clicked notification (or opens one). The message is the
// JSON {"id","title","body"} the server encrypted for this device; the browser decrypts it.

/** Shows one push message; clicking it opens `url` (a path of the portal). */
function showPush(data, url) {
  let message = { id: '', title: 'ReskFlow', body: '' };
  try {
    message = { ...message, ...data.json() };
  } catch {
    // A message that is not JSON still tells the user something happened.
  }
  return self.registration.showNotification(message.title, {
    body: message.body,
    tag: message.id || undefined,
    icon: '/favicon.svg',
    data: { url },
  });
}

/** Takes a tab of the portal (`scope`) to `url` and focuses it, or opens a new one there. */
async function openPortalPage(url, scope) {
  const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const tab = open.find((c) => new URL(c.url).pathname.startsWith(scope));
  // navigate() works only on the tabs this worker controls: for another, a new tab opens.
  const shown = tab ? await tab.navigate(url).catch(() => null) : null;
  if (!shown) return self.clients.openWindow(url);
  return shown.focus();
}

/** The portal's handlers: pushes show, and a click opens `url` in the portal under `scope`. */
function handlePushes({ scope, url }) {
  // The tab that turned push on is taken over at once, so a click can take it to `url`.
  self.addEventListener('install', () => self.skipWaiting());
  self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
  self.addEventListener('push', (event) => event.waitUntil(showPush(event.data, url)));
  self.addEventListener('notificationclick', (event) => {
    event.notification.close();
    event.waitUntil(openPortalPage(event.notification.data?.url ?? url, scope));
  });
}

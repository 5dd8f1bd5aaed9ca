// The driver app's service worker: keeps the app shell (the page, its scripts and styles, the
// icons) so the app opens and works without network. Pages are fetched from the network first
// and the kept copy answers when it fails; hashed files under /assets/ never change, so a kept
// copy answers at once. The API is never kept: offline steps and points wait in the page's
// outbox (src/pages/driver/outbox.ts), which needs the page's access token to send them.
// Web Push messages show as notifications; a click opens the work page, with the offers and the
// deliveries under way (push-worker.js, shared by the portals).
importScripts('/push-worker.js');
handlePushes({ scope: '/driver/', url: '/driver/' });

const SHELL_CACHE = 'reskflow-driver-shell-v1';
const SHELL_URLS = ['/driver/', '/driver/manifest.webmanifest', '/driver/icon.svg', '/driver/icon-maskable.svg'];

const linkedAssets = (page) => [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);

/** The page and every hashed file it links to. */
async function keepShell() {
  const cache = await caches.open(SHELL_CACHE);
  await cache.addAll(SHELL_URLS);
  const page = await (await cache.match('/driver/')).text();
  await cache.addAll(linkedAssets(page));
}

/**
 * A new build's page: keep its files and forget the files of older builds, so the cache does
 * not grow with every release (chunks loaded later, like the map's, are kept again on use).
 */
async function keepNewPage(cache, response) {
  const page = await response.clone().text();
  const kept = await cache.match('/driver/');
  if (kept && (await kept.text()) === page) return;
  await cache.put('/driver/', response);
  const wanted = linkedAssets(page);
  await cache.addAll(wanted);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !wanted.includes(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== SHELL_CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  try {
    const response = await fetch(request);
    // Keeping is best effort: the page answers even when a file of the new build fails to load.
    if (response.ok) await keepNewPage(cache, response.clone()).catch(() => undefined);
    return response;
  } catch (error) {
    const kept = await cache.match('/driver/');
    if (kept) return kept;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Every page of the app is the same index.html (the server answers /driver/... with it).
  if (request.mode === 'navigate' && url.pathname.startsWith('/driver/')) event.respondWith(networkFirst(request));
  else if (url.pathname.startsWith('/assets/') || SHELL_URLS.includes(url.pathname)) event.respondWith(cacheFirst(request));
});

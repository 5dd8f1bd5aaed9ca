// The merchant portal's service worker: shows each Web Push message as a system notification
// and opens the portal (the store's order queue is one step from it) when one is clicked
// (push-worker.js, shared by the portals). It keeps nothing offline.
importScripts('/push-worker.js');
handlePushes({ scope: '/merchant/', url: '/merchant/' });

// The customer portal's service worker: shows each Web Push message as a system notification
// and opens the inbox when one is clicked (push-worker.js, shared by the portals).
importScripts('/push-worker.js');
handlePushes({ scope: '/customer/', url: '/customer/notifications' });

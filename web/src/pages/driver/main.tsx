// The driver app's entry: restore the tab's session, render, register the service worker.
import { render } from 'preact';
import { restoreSession } from '../../api/client';
import { App } from './App';

// Exchange a refresh token left by an earlier load of this tab before the first render that
// needs it; the gate shows "Checking your session…" meanwhile.
void restoreSession();
render(<App />, document.getElementById('app')!);

// The service worker keeps the app shell for when the network is gone (public/driver/sw.js).
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/driver/sw.js', { scope: '/driver/' });

import { render } from 'preact';
import { Page } from '../../ui';

/** The portals that work today. Add one here when its first page works (never before). */
const portals = [
  {
    href: '/customer/',
    name: 'Customer portal',
    text: 'Sign up, log in (with two-step login when enabled) and manage your account: profile, sessions, two-step login, your data.',
  },
  {
    href: '/merchant/',
    name: 'Merchant portal',
    text: 'Run your store: profile, pause switch, opening hours, delivery zone on the map, menu editor with stock, staff and virtual brands.',
  },
  {
    href: '/driver/',
    name: 'Driver app',
    text: 'For couriers, on the phone and installable: go online, take offers, pick up and deliver (also through a network outage), earnings.',
  },
  {
    href: '/admin/',
    name: 'Admin portal',
    text: 'For operators, with two-step login: users, merchants, ID checks, partner API keys and the audit log.',
  },
];

const roles = [
  {
    role: 'Customer',
    does: 'orders from merchants and follows the delivery.',
    demo: 'customer@demo.reskflow.example',
  },
  {
    role: 'Merchant',
    does: 'runs a store: menu, opening hours, delivery zone, staff.',
    demo: 'owner@demo.reskflow.example',
  },
  { role: 'Driver', does: 'picks up and delivers orders.', demo: 'driver@demo.reskflow.example' },
  {
    role: 'Admin',
    does: 'runs the platform: users, merchants, verification, partner keys, audit.',
    demo: 'admin@demo.reskflow.example',
  },
  {
    role: 'Partner',
    does: 'integrates through the API with a key created by an admin.',
    demo: null,
  },
];

function Landing() {
  return (
    <Page title="Deliveries from local merchants, run end to end">
      <p>
        ReskFlow is a delivery platform: customers order from merchants, couriers deliver, operators
        run the city and partners integrate through an API. This server hosts the web portals and
        the API.
      </p>

      <h2>Portals</h2>
      <ul class="cards">
        {portals.map((p) => (
          <li class="card" key={p.href}>
            <h3>
              <a href={p.href}>{p.name}</a>
            </h3>
            <p>{p.text}</p>
          </li>
        ))}
      </ul>
      <p class="muted">
        The driver portal appears here when its first pages are ready.
      </p>

      <h2>Demo accounts</h2>
      <p>
        <code>make run</code> loads a demo city, Berlin, with an account for every role below, all
        with the password <code>reskflow-demo-2026</code>. They exist only where{' '}
        <code>reskflow seed</code> ran, which it refuses in production. Elsewhere,{' '}
        <a href="/customer/signup">create a customer account</a>; the first admin is made on the
        command line with <code>reskflow admin create --email you@example.com</code>. The demo
        admin logs in with two-step login: add the TOTP secret{' '}
        <code>OJSXG23GNRXXOLLEMVWW6LLBMRWWS3RB</code> to an authenticator app.
      </p>
      <table>
        <caption class="muted">Roles</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">What they do</th>
            <th scope="col">Demo account</th>
          </tr>
        </thead>
        <tbody>
          {roles.map((r) => (
            <tr key={r.role}>
              <th scope="row">{r.role}</th>
              <td>{r.does}</td>
              <td>{r.demo ? <code>{r.demo}</code> : 'none: an admin creates the key'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>For developers</h2>
      <ul>
        <li>
          <a href="/docs/">API reference</a> — every route, with examples
        </li>
        <li>
          <a href="/health/ready">Readiness</a> — storage, migrations, shutdown state
        </li>
        <li>
          <a href="/health">Health</a> — status, version, uptime
        </li>
      </ul>
    </Page>
  );
}

/** The server answers unknown extension-less paths with this page: say so instead. */
function NotFound() {
  return (
    <Page title="Page not found">
      <p>There is no page at this address.</p>
      <p>
        <a href="/">Go to the ReskFlow home page</a>
      </p>
    </Page>
  );
}

const known = location.pathname === '/' || location.pathname === '/index.html';
render(known ? <Landing /> : <NotFound />, document.getElementById('app')!);

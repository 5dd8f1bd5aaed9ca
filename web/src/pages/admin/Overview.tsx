// The admin portal's first page: what each section is for, and what waits for a decision.
import { useEffect, useState } from 'preact/hooks';
import { idQueue } from '../../api/admin';
import { Link } from '../../ui';
import { AdminPage, paths, useAdmin } from './shell';

function WaitingDocuments() {
  const [count, setCount] = useState<number | null | 'error'>(null);
  useEffect(() => {
    void idQueue('submitted', 500).then((r) => setCount(r.ok ? r.data.length : 'error'));
  }, []);
  if (count === null) return <p role="status">Counting waiting documents…</p>;
  if (count === 'error') return <p>The queue could not be counted just now.</p>;
  return (
    <p role="status">
      <strong>
        {count === 0
          ? 'No documents are waiting.'
          : `${count >= 500 ? '500 or more' : count} document${count === 1 ? ' is' : 's are'} ` +
            'waiting for a decision.'}
      </strong>
    </p>
  );
}

export function Overview() {
  const me = useAdmin();
  return (
    <AdminPage title="Admin overview">
      <div class="stack">
        <p>Logged in as {me.name} ({me.email}).</p>
        <ul class="cards">
          <li class="card">
            <h2>
              <Link href={paths.city}>Live city</Link>
            </h2>
            <p>Couriers on the map as they ride, deliveries under way and delivery zones.</p>
          </li>
          <li class="card">
            <h2>
              <Link href={paths.orders}>Orders</Link>
            </h2>
            <p>Find orders; see their timeline, payment and ledger; refund; assign a courier.</p>
          </li>
          <li class="card">
            <h2>
              <Link href={paths.reports}>Complaints</Link>
            </h2>
            <p>Customers’ problem reports: refund an amount or explain why not.</p>
          </li>
          <li class="card">
            <h2>
              <Link href={paths.drivers}>Couriers</Link>
            </h2>
            <p>Shift, vehicle and ID check of each courier; suspend an account.</p>
          </li>
          <li class="card">
            <h2>
              <Link href={paths.eta}>ETA figures</Link>
            </h2>
            <p>How close the promised drop-off times were, per zone and hour.</p>
          </li>
          <li class="card">
            <h2>
              <Link href={paths.users}>Users</Link>
            </h2>
            <p>Find people by name, email, role or status; suspend, reinstate, change roles.</p>
          </li>
          <li class="card">
            <h2>
              <Link href={paths.merchants}>Merchants</Link>
            </h2>
            <p>Find stores by name or status; suspend and reinstate them.</p>
          </li>
          <li class="card">
            <h2>
              <Link href={paths.idVerifications}>ID checks</Link>
            </h2>
            <p>Review identity documents and approve or reject them.</p>
            <WaitingDocuments />
          </li>
          <li class="card">
            <h2>
              <Link href={paths.apiKeys}>Partner API keys</Link>
            </h2>
            <p>Create keys for partners (shown once) and revoke them.</p>
          </li>
          <li class="card">
            <h2>
              <Link href={paths.audit}>Audit log</Link>
            </h2>
            <p>Who did what, to whom, when: logins, suspensions, keys, decisions.</p>
          </li>
          <li class="card">
            <h2>
              <Link href={paths.account}>Your account</Link>
            </h2>
            <p>Your password and where you are logged in.</p>
          </li>
        </ul>
      </div>
    </AdminPage>
  );
}

// The platform's health for admins (GET /v1/admin/system/status, read again every few seconds):
// what needs attention in plain words first, then each dependency, the event outbox, the
// dispatch backlog, the anchoring on chain, which node runs each scheduled job, and the facts of
// this node (version, uptime, engines, modules).
import { useEffect, useState } from 'preact/hooks';
import type { UserError } from '../../api/problem';
import { systemStatus, type SystemStatus } from '../../api/system';
import { Alert, Badge, Table, type Column } from '../../ui';
import { AdminPage } from './shell';
import { AnchoringFacts, DispatchFacts, durationWords, operationsAttention } from './SystemOperations';

/** How often the page reads the status again. */
export const refreshMs = 5000;
/** Events older than this in the outbox mean consumers are falling behind. */
const outboxLagWarnSeconds = 30;

type Check = { name: string; ok: boolean; detail?: string; required?: boolean };

const checkNames: Record<string, string> = {
  storage: 'Database',
  migrations: 'Database schema',
  nats: 'Event bus (NATS)',
  redis: 'Redis (sessions, fleet, rate limits)',
  accepting: 'Taking requests',
};

const checkName = (name: string) => checkNames[name] ?? name;

function checksOf(status: SystemStatus): Check[] {
  return Object.entries(status.checks ?? {}).map(([name, c]) => ({ name, ...c }));
}

/** What an operator must look at, in plain words; empty when all is well. */
export function attention(status: SystemStatus): string[] {
  const out: string[] = [];
  for (const c of checksOf(status)) {
    if (c.ok) continue;
    const why = c.detail ? `: ${c.detail}` : '';
    out.push(
      c.required === false
        ? `${checkName(c.name)} is not answering${why}. The node carries on without it, more slowly.`
        : `${checkName(c.name)} is not working${why}. This node does not take new traffic until it is.`,
    );
  }
  const outbox = status.outbox;
  if (outbox) {
    if (outbox.lag_seconds === null || outbox.dead_letters === null)
      out.push('The event outbox could not be read: the database did not answer.');
    if (outbox.lag_seconds !== null && outbox.lag_seconds > outboxLagWarnSeconds)
      out.push(`Events are waiting ${Math.round(outbox.lag_seconds)} s to be handed on: notifications and live updates are late.`);
    if (outbox.dead_letters)
      out.push(`${outbox.dead_letters} event${outbox.dead_letters === 1 ? '' : 's'} failed for good and wait in the dead letters.`);
  }
  return [...out, ...operationsAttention(status)];
}

function CheckState({ check }: { check: Check }) {
  if (check.ok) return <Badge tone="success">Working</Badge>;
  return (
    <>
      <Badge tone={check.required === false ? 'warning' : 'danger'}>Not working</Badge> {check.detail}
    </>
  );
}

const checkColumns: Column<Check>[] = [
  { header: 'Dependency', rowHeader: true, cell: (c) => checkName(c.name) },
  { header: 'State', cell: (c) => <CheckState check={c} /> },
  { header: 'Needed to serve', cell: (c) => (c.required === false ? 'No (degrades)' : 'Yes') },
];

type Lease = NonNullable<SystemStatus['leases']>[number];

const leaseColumns: Column<Lease>[] = [
  { header: 'Scheduled job', rowHeader: true, cell: (l) => l.job },
  { header: 'Runs on node', cell: (l) => l.node },
  { header: 'Lease renewed within', class: 'num', cell: (l) => `${Math.ceil(l.expires_in_ms / 1000)} s` },
];

function Outbox({ outbox }: { outbox: NonNullable<SystemStatus['outbox']> }) {
  return (
    <dl class="facts">
      <dt>Oldest waiting event</dt>
      <dd>
        {outbox.lag_seconds === null
          ? 'Unknown (the database did not answer)'
          : outbox.lag_seconds === 0
            ? 'None waiting'
            : `${outbox.lag_seconds.toFixed(1)} s old`}
      </dd>
      <dt>Dead letters</dt>
      <dd>{outbox.dead_letters === null ? 'Unknown' : outbox.dead_letters === 0 ? 'None' : outbox.dead_letters}</dd>
    </dl>
  );
}

function Leases({ leases }: { leases: SystemStatus['leases'] }) {
  if (leases === null || leases === undefined)
    return <p>One node serves this database (SQLite), so it runs every scheduled job itself.</p>;
  return (
    <Table
      caption="Who runs each scheduled job"
      captionHidden
      columns={leaseColumns}
      rows={leases}
      rowKey={(l) => l.job}
      empty="No node holds a lease right now: scheduled jobs (dispatch, payouts, anchoring) are not running."
    />
  );
}

function NodeFacts({ status }: { status: SystemStatus }) {
  const engines = status.engines;
  return (
    <dl class="facts">
      <dt>Version</dt>
      <dd>{status.version}</dd>
      <dt>Node</dt>
      <dd>{status.node ?? 'Unknown'}</dd>
      <dt>Running for</dt>
      <dd>{durationWords(status.uptime_seconds)}</dd>
      <dt>Environment</dt>
      <dd>{status.environment}</dd>
      <dt>Database</dt>
      <dd>{engines?.database ?? status.database_engine}</dd>
      <dt>Event bus</dt>
      <dd>{engines?.bus === 'nats' ? 'NATS JetStream' : 'In this process'}</dd>
      <dt>Cache</dt>
      <dd>{engines?.cache === 'redis' ? 'Redis' : 'None (this node only)'}</dd>
      <dt>Live connections</dt>
      <dd>{status.websocket_connections}</dd>
      {status.resident_memory_bytes !== undefined && (
        <>
          <dt>Memory</dt>
          <dd>{Math.round(status.resident_memory_bytes / 1048576)} MB</dd>
        </>
      )}
      <dt>Modules ({status.modules.length})</dt>
      <dd>{status.modules.join(', ')}</dd>
    </dl>
  );
}

/** The status, read now and again every refreshMs; the last good answer stays on a failure. */
function useSystemStatus() {
  const [status, setStatus] = useState<SystemStatus | null>(null);
  const [readAt, setReadAt] = useState<Date | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const read = () =>
      void systemStatus().then((r) => {
        if (!live) return;
        if (r.ok) {
          setStatus(r.data);
          setReadAt(new Date());
          setError(null);
        } else setError(r.error);
        timer = setTimeout(read, refreshMs);
      });
    read();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
  return { status, readAt, error };
}

function Summary({ status }: { status: SystemStatus }) {
  const problems = attention(status);
  if (problems.length === 0) return <Alert tone="success">Everything is working.</Alert>;
  return (
    <Alert tone="error" title="Needs attention">
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </Alert>
  );
}

export function System() {
  const { status, readAt, error } = useSystemStatus();
  return (
    <AdminPage title="System">
      <div class="stack">
        {error && (
          <Alert tone="error">
            The status could not be read just now: {error.message}
            {readAt ? ` The figures below are from ${readAt.toLocaleTimeString()}.` : ''}
          </Alert>
        )}
        {!status && !error && <p role="status">Reading the status…</p>}
        {status && (
          <>
            <Summary status={status} />
            <p>
              Read at {readAt?.toLocaleTimeString()}; read again every {refreshMs / 1000} seconds.
            </p>
            <section class="card" aria-labelledby="checks-title">
              <h2 id="checks-title">Dependencies</h2>
              <Table caption="Dependencies" captionHidden columns={checkColumns} rows={checksOf(status)} rowKey={(c) => c.name} />
            </section>
            {status.outbox && (
              <section class="card" aria-labelledby="outbox-title">
                <h2 id="outbox-title">Event outbox</h2>
                <Outbox outbox={status.outbox} />
              </section>
            )}
            {status.dispatch && (
              <section class="card" aria-labelledby="dispatch-title">
                <h2 id="dispatch-title">Dispatch</h2>
                <DispatchFacts dispatch={status.dispatch} />
              </section>
            )}
            {status.anchoring && (
              <section class="card" aria-labelledby="anchoring-title">
                <h2 id="anchoring-title">Anchoring on chain</h2>
                <AnchoringFacts anchoring={status.anchoring} />
              </section>
            )}
            <section class="card" aria-labelledby="leases-title">
              <h2 id="leases-title">Scheduled jobs</h2>
              <Leases leases={status.leases} />
            </section>
            <section class="card" aria-labelledby="node-title">
              <h2 id="node-title">This node</h2>
              <NodeFacts status={status} />
            </section>
          </>
        )}
      </div>
    </AdminPage>
  );
}

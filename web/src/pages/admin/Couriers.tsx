// Couriers: each one's shift state, vehicle, whether their ID check is approved (the documents
// themselves are decided under "ID checks"), customers' rating of them over the quality window,
// and suspension of their account, which ends their sessions (identity's user suspension; the
// drivers module has no suspension of its own).
import { useEffect, useState } from 'preact/hooks';
import { reinstateUser, suspendUser } from '../../api/admin';
import type { DriverProfile } from '../../api/deliveries';
import { courierStatusWords, driverScoresBetween, listDrivers, vehicleWords, type DriverQuality } from '../../api/operations';
import { Alert, Badge, Button, ConfirmDialog, Link, PagedTable, Rating, formatDateTime, usePagedList, type Column } from '../../ui';
import { AdminPage, courierName, paths } from './shell';

const PAGE_SIZE = 50;

/** A courier with their quality score, when quality has one in its window. */
type Courier = DriverProfile & { score?: DriverQuality };

type Action = { kind: 'suspend' | 'reinstate'; courier: Courier };

/** A page of couriers with the scores of the same id range. */
async function couriersPage(cursor: string | undefined, limit: number) {
  const r = await listDrivers(cursor, limit);
  const last = r.ok ? r.data[r.data.length - 1] : undefined;
  if (!r.ok || !last) return r;
  const scores = await driverScoresBetween(cursor, last.driver_id);
  if (!scores.ok) return scores;
  return { ...r, data: r.data.map((d): Courier => ({ ...d, score: scores.data.get(d.driver_id) })) };
}

const statusTone = (s: DriverProfile['status']) => (s === 'online' ? 'success' : s === 'suspect' ? 'warning' : 'neutral');

const courierColumns: Column<Courier>[] = [
  {
    header: 'Courier',
    rowHeader: true,
    cell: (d) => (
      <>
        {courierName(d.driver_id)}
        <span class="cell-note">
          <code>{d.driver_id}</code>
        </span>
      </>
    ),
  },
  {
    header: 'Shift',
    cell: (d) => (
      <>
        <Badge tone={statusTone(d.status)}>{courierStatusWords[d.status]}</Badge>
        {d.shift_started_at && d.status !== 'offline' && (
          <span class="cell-note">Since {formatDateTime(d.shift_started_at)}</span>
        )}
      </>
    ),
  },
  {
    header: 'Vehicle',
    cell: (d) => `${vehicleWords[d.vehicle]}, ${d.capacity} at once${d.cold_storage ? ', insulated box' : ''}`,
  },
  {
    header: 'Rating',
    cell: (d) => <Rating average={d.score?.rating ?? 0} count={d.score?.rating_count ?? 0} />,
  },
  {
    header: 'ID check',
    cell: (d) => (d.id_verified ? <Badge tone="success">Approved</Badge> : <Badge tone="warning">Not approved</Badge>),
  },
];

export function Couriers() {
  const list = usePagedList<Courier, null>(
    (_, cursor, limit) => couriersPage(cursor, limit),
    (d) => d.driver_id,
    PAGE_SIZE,
    null,
  );
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => void list.load(null), []);

  const columns: Column<Courier>[] = [
    ...courierColumns,
    {
      header: 'Actions',
      headerHidden: true,
      cell: (d) => (
        <div class="cell-actions">
          <Button
            variant="danger"
            aria-label={`Suspend ${courierName(d.driver_id)}`}
            onClick={() => setAction({ kind: 'suspend', courier: d })}
          >
            Suspend
          </Button>
          <Button
            variant="secondary"
            aria-label={`Reinstate ${courierName(d.driver_id)}`}
            onClick={() => setAction({ kind: 'reinstate', courier: d })}
          >
            Reinstate
          </Button>
        </div>
      ),
    },
  ];

  async function run(kind: Action['kind']) {
    const id = action!.courier.driver_id;
    const r = kind === 'suspend' ? await suspendUser(id) : await reinstateUser(id);
    if (!r.ok) return r.error;
    setNotice(kind === 'suspend' ? `${courierName(id)} is suspended and logged out everywhere.` : `${courierName(id)} can log in again.`);
  }

  return (
    <AdminPage title="Couriers">
      <div class="stack">
        <p>
          Documents are reviewed under <Link href={paths.idVerifications}>ID checks</Link>; a courier needs
          an approved check to go on shift.
        </p>
        {notice && <Alert tone="success">{notice}</Alert>}
        <PagedTable
          list={list}
          loadingText="Loading couriers…"
          caption="Couriers, by id"
          columns={columns}
          rowKey={(d) => d.driver_id}
          empty="No courier yet. Couriers appear here once they set up their vehicle in the driver app."
          noun={['courier', 'couriers']}
        />
      </div>
      <ConfirmDialog
        open={action !== null}
        title={`${action?.kind === 'suspend' ? 'Suspend' : 'Reinstate'} ${courierName(action?.courier.driver_id ?? '')}?`}
        confirmLabel={action?.kind === 'suspend' ? 'Suspend' : 'Reinstate'}
        busyLabel={action?.kind === 'suspend' ? 'Suspending…' : 'Reinstating…'}
        onClose={() => setAction(null)}
        onConfirm={() => run(action!.kind)}
      >
        <p>
          {action?.kind === 'suspend'
            ? 'Their account is suspended: every session ends at once and they cannot log in until reinstated.'
            : 'They can log in again and go on shift.'}
        </p>
      </ConfirmDialog>
    </AdminPage>
  );
}

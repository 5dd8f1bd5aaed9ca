// ETA accuracy and dispatch figures (GET /v1/admin/metrics/eta): for deliveries delivered in the
// window, per zone (a 0.05° grid cell) and hour, how many there were and how far the drop-off ETA
// given at pickup was from the ride, as mean absolute error and 90th percentile.
import { useEffect, useState } from 'preact/hooks';
import { etaQuality, type EtaQuality, type EtaRow } from '../../api/operations';
import type { UserError } from '../../api/problem';
import { Alert, Select, Table, type Column } from '../../ui';
import { AdminPage } from './shell';

const windows = [
  { value: '24', label: 'Last 24 hours' },
  { value: '168', label: 'Last 7 days' },
  { value: '720', label: 'Last 30 days' },
];

/** 75 → "1 min 15 s". */
export function durationWords(seconds: number): string {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

const columns: Column<EtaRow>[] = [
  { header: 'Zone', rowHeader: true, cell: (r) => r.zone.replace(':', ', ') },
  { header: 'Hour (UTC)', cell: (r) => `${String(r.hour).padStart(2, '0')}:00` },
  { header: 'Deliveries', class: 'num', cell: (r) => r.deliveries },
  { header: 'Mean error', class: 'num', cell: (r) => durationWords(r.mae_s) },
  { header: '90th percentile error', class: 'num', cell: (r) => durationWords(r.p90_s) },
];

/** Averages weighted by deliveries over every row. */
function totals(rows: EtaRow[]) {
  const deliveries = rows.reduce((s, r) => s + r.deliveries, 0);
  const mae = deliveries ? rows.reduce((s, r) => s + r.mae_s * r.deliveries, 0) / deliveries : 0;
  return { deliveries, mae };
}

export function EtaFigures() {
  const [hours, setHours] = useState('24');
  const [figures, setFigures] = useState<EtaQuality | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  useEffect(() => {
    setFigures(null);
    setError(null);
    void etaQuality(Number(hours)).then((r) => (r.ok ? setFigures(r.data) : setError(r.error)));
  }, [hours]);
  const sum = figures ? totals(figures.data) : null;
  return (
    <AdminPage title="ETA figures">
      <div class="stack">
        <section class="filters" aria-label="Which period">
          <Select name="window" label="Period" options={windows} value={hours} onChange={(e) => setHours((e.currentTarget as HTMLSelectElement).value)} />
        </section>
        {error && <Alert tone="error">{error.message}</Alert>}
        {!figures && !error && <p role="status">Loading the figures…</p>}
        {figures && sum && (
          <>
            <p role="status">
              {sum.deliveries === 0
                ? 'No delivery was completed in this period, so there is nothing to measure yet.'
                : `${sum.deliveries} deliver${sum.deliveries === 1 ? 'y' : 'ies'} completed; the drop-off ` +
                  `time given at pickup was off by ${durationWords(sum.mae)} on average.`}
            </p>
            {figures.data.length > 0 && (
              <Table caption="ETA error per zone and hour" columns={columns} rows={figures.data} rowKey={(r) => `${r.zone}-${r.hour}`} />
            )}
          </>
        )}
      </div>
    </AdminPage>
  );
}

// What the courier earned: per day (on the phone's clock) and per delivery, from their
// delivered deliveries (the newest 100 the API lists); and how customers rated them (MyRating).
import { useEffect, useState } from 'preact/hooks';
import { myDeliveries, type Delivery } from '../../api/deliveries';
import type { UserError } from '../../api/problem';
import { Alert, formatDateTime, Price, Table } from '../../ui';
import { MyRating } from './MyRating';
import { DriverPage } from './shell';

interface Day {
  day: string;
  label: string;
  deliveries: number;
  totals: Map<string, number>;
}

const dayKey = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function byDay(delivered: Delivery[]): Day[] {
  const days = new Map<string, Day>();
  for (const d of delivered) {
    if (!d.delivered_at || !d.earnings) continue;
    const key = dayKey(d.delivered_at);
    const day = days.get(key) ?? {
      day: key,
      label: new Date(d.delivered_at).toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' }),
      deliveries: 0,
      totals: new Map(),
    };
    day.deliveries += 1;
    const e = d.earnings;
    day.totals.set(e.currency, (day.totals.get(e.currency) ?? 0) + e.amount_minor);
    days.set(key, day);
  }
  return [...days.values()].sort((a, b) => b.day.localeCompare(a.day));
}

export function Earnings() {
  const [delivered, setDelivered] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  useEffect(() => {
    void myDeliveries(false).then((r) => {
      if (r.ok) setDelivered(r.data.data.filter((d) => d.status === 'delivered'));
      else setError(r.error);
    });
  }, []);
  const days = delivered ? byDay(delivered) : [];
  return (
    <DriverPage title="Earnings">
      <div class="stack">
        <MyRating />
        {error && <Alert tone="error">{error.message}</Alert>}
        {!delivered && !error && <p role="status">Loading your earnings…</p>}
        {delivered && (
          <>
            <Table
              caption="Per day"
              rows={days}
              rowKey={(d) => d.day}
              empty={<p>No deliveries yet. What you earn shows here once you deliver.</p>}
              columns={[
                { header: 'Day', rowHeader: true, cell: (d) => d.label },
                { header: 'Deliveries', cell: (d) => String(d.deliveries) },
                {
                  header: 'Earned',
                  cell: (d) => [...d.totals].map(([currency, minor]) => <Price key={currency} minor={minor} currency={currency} />),
                },
              ]}
            />
            {delivered.length > 0 && (
              <Table
                caption="Per delivery"
                rows={delivered}
                rowKey={(d) => d.id}
                columns={[
                  { header: 'Delivered', rowHeader: true, cell: (d) => (d.delivered_at ? formatDateTime(d.delivered_at) : '') },
                  { header: 'From', cell: (d) => d.merchant_name },
                  {
                    header: 'Earned',
                    cell: (d) =>
                      d.earnings ? (
                        <>
                          <Price minor={d.earnings.amount_minor} currency={d.earnings.currency} />
                          {d.earnings.tip_minor > 0 && (
                            <span class="cell-note">
                              with a tip of <Price minor={d.earnings.tip_minor} currency={d.earnings.currency} />
                            </span>
                          )}
                        </>
                      ) : (
                        ''
                      ),
                  },
                ]}
              />
            )}
          </>
        )}
      </div>
    </DriverPage>
  );
}

// Manual assignment of a delivery before pickup: a courier online now (with cold storage for a
// cold-chain delivery), chosen from a list; the API withdraws the delivery's pending offers and
// says in words why it refuses one (off shift, no insulated box, already picked up).
import { useEffect, useState } from 'preact/hooks';
import type { Delivery, DriverProfile } from '../../api/deliveries';
import { allDrivers, assignDelivery, vehicleWords } from '../../api/operations';
import type { UserError } from '../../api/problem';
import { Alert, Form, Select } from '../../ui';
import { courierName } from './shell';

const COURIER_CHOICES_MAX = 500;

/** "Courier 3F9A2C (Car, insulated box)". */
const courierChoice = (c: DriverProfile) =>
  `${courierName(c.driver_id)} (${vehicleWords[c.vehicle]}${c.cold_storage ? ', insulated box' : ''})`;

export function AssignCourier({ delivery, onAssigned }: { delivery: Delivery; onAssigned: (d: Delivery) => void }) {
  const [couriers, setCouriers] = useState<DriverProfile[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    void allDrivers(COURIER_CHOICES_MAX).then((r) => {
      if (!r.ok) return setError(r.error);
      setCouriers(r.data.drivers.filter((d) => d.status === 'online' && d.driver_id !== delivery.driver_id));
    });
  }, [delivery.driver_id]);

  async function assign(values: Record<string, string>) {
    const driverId = values.driver_id ?? '';
    if (!driverId) return { message: 'Choose a courier.', fields: { driver_id: 'Choose a courier online now.' }, status: 0 };
    const r = await assignDelivery(delivery.id, driverId, crypto.randomUUID());
    if (!r.ok) return r.error;
    setNotice(`${courierName(driverId)} now has this delivery.`);
    onAssigned(r.data);
  }

  if (error) return <Alert tone="error">{error.message}</Alert>;
  if (couriers === null) return <p role="status">Loading the couriers online…</p>;
  const verb = delivery.driver_id ? 'Reassign' : 'Assign';
  return (
    <div class="stack">
      {notice && <Alert tone="success">{notice}</Alert>}
      {couriers.length === 0 ? (
        <p>No other courier is online now, so the delivery cannot be given to someone else.</p>
      ) : (
        <Form label={`${verb} the delivery`} submitLabel={verb} busyLabel={`${verb}ing…`} onSubmit={assign}>
          <Select
            name="driver_id"
            label="Courier"
            emptyOption="Choose a courier"
            hint={delivery.cold_chain ? 'A cold-chain order needs a courier with an insulated box.' : undefined}
            options={couriers.map((c) => ({ value: c.driver_id, label: courierChoice(c) }))}
          />
        </Form>
      )}
    </div>
  );
}

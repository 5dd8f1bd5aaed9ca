// Where the courier's position comes from, in words, with the demo's "Simulate movement"
// switch; on the work page and on a delivery's page, so the demo can ride on mid-delivery.
import { Toggle } from '../../ui';
import { useCourier } from './courier';
import { locationWords } from './location';

export function LocationControls() {
  const courier = useCourier();
  return (
    <>
      <Toggle
        label="Simulate movement"
        checked={courier.simulate}
        stateLabels={['Off', 'On']}
        hint="For the demo: ride toward the next stop without moving the phone."
        onChange={courier.setSimulate}
      />
      <p class="muted">{locationWords[courier.location.source]}</p>
    </>
  );
}

// "Delivering to Oranienstraße, Kreuzberg · Change address": the top of every page that depends
// on where the food goes.
import { Link } from '../../../ui';
import { paths } from '../paths';
import type { DeliveryAddress } from './address';

export function AddressBar({ address }: { address: DeliveryAddress }) {
  const back = encodeURIComponent(location.pathname + location.search);
  return (
    <p class="address-bar">
      <span>
        Delivering to <strong>{address.label}</strong>
      </span>
      <Link href={`${paths.address}?next=${back}`}>
        Change<span class="visually-hidden"> the delivery address</span>
      </Link>
    </p>
  );
}

// Where a cart goes: the host's chosen address becomes the cart's delivery point, and when the
// merchant does not deliver there the cart says so before anyone fills it.
import { useEffect } from 'preact/hooks';
import type { Profile } from '../../../api/auth';
import { setDeliveryPoint, type Cart } from '../../../api/carts';
import { Alert, Link } from '../../../ui';
import { cartPath, paths } from '../paths';
import { useDeliveryAddress } from './address';
import type { CartView } from './useCart';

export function DeliveryCheck({ cart, me, view }: { cart: Cart; me: Profile | null; view: CartView }) {
  const address = useDeliveryAddress();
  const host = me !== null && me.id === cart.host_id;
  const editable = cart.status === 'open' || cart.status === 'locked';
  const point = cart.delivery_point;
  const moved = address !== null && (point?.lat !== address.lat || point?.lng !== address.lng);
  useEffect(() => {
    if (host && editable && moved && address)
      void view.change('delivery', (v) => setDeliveryPoint(cart.id, v, address));
    // Sent again only when the address, the host or the cart's point changes.
  }, [host, editable, moved, address?.lat, address?.lng, cart.id]);
  if (!cart.delivery_problem) return null;
  const back = encodeURIComponent(cartPath(cart.id));
  return (
    <Alert tone="error" title="Not delivered to your address">
      <p>{cart.delivery_problem}</p>
      {host && (
        <p>
          <Link href={`${paths.address}?next=${back}`}>Choose another address</Link>
        </p>
      )}
    </Alert>
  );
}

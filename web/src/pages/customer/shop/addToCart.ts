// Adding a line from a menu. It goes to `cartId` when given (a group order the customer joined:
// POST /v1/carts only finds carts one hosts), else to the customer's own cart at the merchant,
// opened on first use. Should the cart change in between (another tab, a group member), the add
// is tried once more against the fresh version.
import { addLine, getCart, openCart, type Cart, type LineInput } from '../../../api/carts';
import type { Outcome } from '../../../api/client';
import { readAddress } from './address';
import { cartsChanged } from './cartSummary';

// The customer's own cart is opened for the chosen address, so that its preview says whether
// the merchant delivers there.
const target = (merchantId: string, cartId: string | null): Promise<Outcome<Cart>> =>
  cartId ? getCart(cartId) : openCart(merchantId, readAddress() ?? undefined);

export async function addToCart(
  merchantId: string,
  cartId: string | null,
  line: LineInput,
): Promise<Outcome<Cart>> {
  const cart = await target(merchantId, cartId);
  if (!cart.ok) return cart;
  let added = await addLine(cart.data.id, cart.data.version, line);
  if (!added.ok && added.error.status === 412) {
    const again = await target(merchantId, cartId);
    if (!again.ok) return again;
    added = await addLine(again.data.id, again.data.version, line);
  }
  void cartsChanged();
  return added;
}

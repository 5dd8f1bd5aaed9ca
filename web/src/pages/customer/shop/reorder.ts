// "Order again": the lines of a past order added to the customer's cart at the same merchant,
// each with the options it had (by id); a line the menu no longer offers as it was is left out
// and named, so the customer knows what to choose again.
import type { Order } from '../../../api/orders';
import { addToCart } from './addToCart';

export interface Reordered {
  cartId: string | null;
  /** The lines left out: "2 × Margherita (no longer available)". */
  missing: string[];
}

export async function reorder(order: Order): Promise<Reordered> {
  let cartId: string | null = null;
  const missing: string[] = [];
  for (const line of order.lines) {
    const described = `${line.quantity} × ${line.name}`;
    // A line written before option ids were kept cannot be rebuilt with its options.
    if (line.options.length > line.option_ids.length) {
      missing.push(`${described} (choose its options again)`);
      continue;
    }
    const added = await addToCart(order.merchant_id, cartId, {
      item_id: line.item_id,
      quantity: line.quantity,
      option_ids: line.option_ids,
      ...(line.note ? { note: line.note } : {}),
    });
    if (added.ok) cartId = added.data.id;
    else missing.push(`${described} (${added.error.message.replace(/\.$/, '')})`);
  }
  return { cartId, missing };
}

// Changing a placed order's lines before the kitchen starts (docs/orders.md): quantities, 0
// removing a line. The Idempotency-Key is the same for retries of the same change, since a
// higher total raises the card's hold.
import { api, call, type Schemas } from './client';

export type OrderChange = Schemas['OrderModificationRequest']['changes'][number];

export const modifyOrder = (orderId: string, changes: OrderChange[], idempotencyKey: string) =>
  call(
    api.POST('/v1/orders/{order_id}/modifications', {
      params: { path: { order_id: orderId }, header: { 'Idempotency-Key': idempotencyKey } },
      body: { changes },
    }),
    ['changes'],
  );

// "Place order": sends the request with the quote on screen and an Idempotency-Key (the same key
// for the same request, so a retry after a network failure cannot order twice). A changed price
// or an expired quote is priced again and said in words; other refusals come back to the form.
import { useMemo, useState } from 'preact/hooks';
import { placeOrder, type CheckoutError, type CheckoutRequest, type Order } from '../../../api/orders';
import { idempotencyKeys } from './checkout';
import type { QuoteView } from './useQuote';

export interface PlaceOrder {
  placing: boolean;
  /**
   * Places `body` with this card (or `stablecoin`, paid on the order page): the order, or null
   * after a refusal (given to `onError`). With `split`, each participant of the group pays their
   * share; the card, if any, pays the host's.
   */
  place: (body: CheckoutRequest, card: string, split?: boolean) => Promise<Order | null>;
}

export function usePlaceOrder(quote: QuoteView, onError: (error: CheckoutError) => void): PlaceOrder {
  const [placing, setPlacing] = useState(false);
  const keyFor = useMemo(idempotencyKeys, []);

  async function place(body: CheckoutRequest, card: string, split = false): Promise<Order | null> {
    if (!card && !split) {
      onError({ message: 'Enter a card number.', fields: { payment_method: 'is required' }, status: 0 });
      return null;
    }
    if (!quote.quote) {
      onError({ message: 'Wait for the price, then place the order.', fields: {}, status: 0 });
      return null;
    }
    const request: CheckoutRequest = {
      ...body,
      quote_id: quote.quote.id,
      ...(card ? { payment_method: card } : {}),
      ...(split ? { split: true } : {}),
    };
    setPlacing(true);
    const r = await placeOrder(request, keyFor(request));
    setPlacing(false);
    if (r.ok) return r.data;
    const error: CheckoutError = r.error;
    if (error.status === 0)
      error.message = `${error.message} Press "Place order" again: it sends the same request, so you are never charged twice.`;
    if (error.requote) await quote.refresh(error.message);
    else onError(error);
    return null;
  }

  return { placing, place };
}

// The checkout's price: the quote's steps and total, until when it holds, and in words when it
// expired or changed (a polite status, so screen readers hear it without losing their place).
import type { Cart } from '../../../api/carts';
import { Alert } from '../../../ui';
import { PriceBreakdown } from './PriceBreakdown';
import { timeOf, type QuoteView } from './useQuote';

export function QuotePanel({ cart, view }: { cart: Cart; view: QuoteView }) {
  const { quote } = view;
  return (
    <section class="card price-preview" aria-labelledby="quote-title" aria-busy={view.busy}>
      <h2 id="quote-title">Your order from {cart.merchant_name}</h2>
      <p class="muted">
        {cart.item_count} item{cart.item_count === 1 ? '' : 's'}
      </p>
      <div role="status" class="quote-notice">
        {view.notice && <p class="alert alert-info">{view.notice}</p>}
      </div>
      {view.error && <Alert tone="error">{view.error.message}</Alert>}
      {quote ? (
        <>
          <PriceBreakdown
            steps={quote.price.steps}
            totalMinor={quote.price.total_minor}
            currency={quote.price.currency}
            wasMinor={view.wasMinor}
          />
          <p class="muted">
            {view.busy ? 'Updating the price…' : `This price holds until ${timeOf(quote.expires_at)}.`}
          </p>
        </>
      ) : (
        !view.error && <p class="muted">Working out the price…</p>
      )}
    </section>
  );
}

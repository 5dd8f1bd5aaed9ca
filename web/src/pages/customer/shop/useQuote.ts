// The checkout's live price: a quote asked for each time the request changes (after typing
// pauses), asked again when it expires, and compared with the total shown before so the page can
// say in words that it changed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { quoteOrder, type CheckoutRequest, type OrderQuote } from '../../../api/orders';
import type { UserError } from '../../../api/problem';
import { formatMoney } from '../../../ui';

const QUOTE_DELAY_MS = 400;

export interface QuoteView {
  quote: OrderQuote | null;
  error: UserError | null;
  /** The total of the quote before this one, when it differs. */
  wasMinor: number | null;
  /** A change of price or an expiry, in words (a polite status). */
  notice: string | null;
  busy: boolean;
  /** Ask again now, saying why (after the order was refused for a changed price). */
  refresh: (notice: string) => Promise<void>;
}

const timeOf = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

export function useQuote(body: CheckoutRequest | null): QuoteView {
  const [quote, setQuote] = useState<OrderQuote | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [wasMinor, setWasMinor] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const generation = useRef(0);
  const shown = useRef<OrderQuote | null>(null);
  const request = body ? JSON.stringify(body) : null;

  async function ask(why: 'changed' | 'expired' | string) {
    if (!body) return;
    const mine = ++generation.current;
    setBusy(true);
    const r = await quoteOrder(body);
    if (mine !== generation.current) return;
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const before = shown.current;
    const next = r.data;
    shown.current = next;
    setQuote(next);
    setError(null);
    const total = formatMoney(next.price.total_minor, next.price.currency);
    const moved = before !== null && before.price.total_minor !== next.price.total_minor;
    setWasMinor(moved && why !== 'changed' ? before.price.total_minor : null);
    if (why === 'expired' && before)
      setNotice(
        moved
          ? `The price you saw expired at ${timeOf(before.expires_at)}. The total is now ${total} (it was ${formatMoney(before.price.total_minor, before.price.currency)}).`
          : `The price you saw expired at ${timeOf(before.expires_at)}. It is checked again: the total is still ${total}.`,
      );
    else if (why !== 'changed' && why !== 'expired') setNotice(why);
    else setNotice(null);
  }

  useEffect(() => {
    if (!request) return;
    const timer = setTimeout(() => void ask('changed'), QUOTE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [request]);

  const expiresAt = quote ? Date.parse(quote.expires_at) : null;
  useEffect(() => {
    if (expiresAt === null) return;
    const timer = setTimeout(() => void ask('expired'), Math.max(0, expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [expiresAt]);

  return { quote, error, wasMinor, notice, busy, refresh: (why) => ask(why) };
}

export { timeOf };

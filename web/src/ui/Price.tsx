// Money as people read it. The API sends integer minor units with an ISO 4217 currency
// (docs/commerce.md): 1150 EUR is €11.50, 500 JPY is ¥500. Intl knows each currency's decimals.
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string): Intl.NumberFormat {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    formatters.set(currency, f);
  }
  return f;
}

/** "€11.50" for (1150, "EUR"), in the reader's locale. */
export function formatMoney(minor: number, currency: string): string {
  const f = formatterFor(currency);
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(minor / 10 ** digits);
}

export interface PriceProps {
  minor: number;
  currency: string;
  /** A price change: the old amount, shown struck through before the new one. */
  was?: number | null;
  /** "+€3.00" for option surcharges. */
  signed?: boolean;
}

/** An amount of money; a changed price says so in words, not only with a strike-through. */
export function Price({ minor, currency, was, signed = false }: PriceProps) {
  const text = formatMoney(minor, currency);
  const shown = signed && minor > 0 ? `+${text}` : text;
  if (was === undefined || was === null || was === minor) return <span class="price">{shown}</span>;
  return (
    <span class="price">
      <s>
        <span class="visually-hidden">was </span>
        {formatMoney(was, currency)}
      </s>{' '}
      <span class="visually-hidden">now </span>
      {shown}
    </span>
  );
}

// Typing money: the API takes integer minor units with an ISO 4217 currency (docs/commerce.md);
// people type major units: "12.50" (a comma works too) → 1250 for EUR, "1200" → 1200 for JPY.
// Showing money: formatMoney and <Price> (Price.tsx).

/** Digits after the decimal point of a currency (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The value of a price input for an amount: "12.50". */
export function moneyInputValue(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/**
 * What a person typed ("12.5", "12,50", "€ 12.50", "1 250.00") as minor units, or null when it
 * is not an amount (negative, too many decimals, letters).
 */
export function parseMoney(text: string, currency: string): number | null {
  if (/[-−]/.test(text)) return null;
  const digits = minorDigits(currency);
  const cleaned = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^[^\d.,]+|[^\d.,]+$/g, '');
  if (!/^\d+([.,]\d+)?$/.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split(/[.,]/) as [string, string?];
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

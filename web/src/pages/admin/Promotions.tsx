// The platform's promotions: codes and automatic offers the platform funds (its promotions
// expense pays the merchants their discounts), with their orders and budget spent; pause,
// resume, end, and create, in any currency: the active merchants' currencies first (the most
// used one chosen), then every other ISO 4217 currency the browser knows.
import { useEffect, useState } from 'preact/hooks';
import { searchMerchants } from '../../api/admin';
import { PromotionsManager } from '../../promotions/PromotionsManager';
import { AdminPage } from './shell';

/** Active merchants read for their currencies. */
const MERCHANTS_READ_MAX = 100;

/** The merchants' currencies, most used first, then the rest of the ISO list. */
async function platformCurrencies(): Promise<string[]> {
  const r = await searchMerchants({ status: 'active' }, undefined, MERCHANTS_READ_MAX);
  const uses = new Map<string, number>();
  for (const m of r.ok ? r.data : []) uses.set(m.currency, (uses.get(m.currency) ?? 0) + 1);
  const used = [...uses.keys()].sort((a, b) => uses.get(b)! - uses.get(a)! || a.localeCompare(b));
  const others = Intl.supportedValuesOf('currency').filter((c) => !uses.has(c));
  return used.length > 0 ? [...used, ...others] : ['EUR', ...others.filter((c) => c !== 'EUR')];
}

export function Promotions() {
  const [currencies, setCurrencies] = useState<string[] | null>(null);
  useEffect(() => void platformCurrencies().then(setCurrencies), []);
  return (
    <AdminPage title="Platform promotions">
      {currencies === null ? (
        <p role="status">Loading the promotions…</p>
      ) : (
        <PromotionsManager
          owner={{ platform: true }}
          currencies={currencies}
          funder="The platform pays for these: merchants are credited the discount at delivery."
        />
      )}
    </AdminPage>
  );
}

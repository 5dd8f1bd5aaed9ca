// The platform's promotions: codes and automatic offers the platform funds (its promotions
// expense pays the merchants their discounts), with their orders and budget spent; pause,
// resume, end, and create.
import { PromotionsManager } from '../../promotions/PromotionsManager';
import { AdminPage } from './shell';

/** The platform's campaigns are in euros, the demo city's currency. */
const PLATFORM_CURRENCY = 'EUR';

export function Promotions() {
  return (
    <AdminPage title="Platform promotions">
      <PromotionsManager
        owner={{ platform: true }}
        currency={PLATFORM_CURRENCY}
        funder="The platform pays for these: merchants are credited the discount at delivery."
      />
    </AdminPage>
  );
}

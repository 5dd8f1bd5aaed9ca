// The store's promotions (owners and managers): its codes and automatic offers, which the store
// funds, with their orders and budget spent; pause, resume, end, and create.
import { PromotionsManager } from '../../promotions/PromotionsManager';
import { atLeast, StorePage, useStore } from './shell';

export function Promotions() {
  const { merchant, level } = useStore();
  return (
    <StorePage section="promotions">
      {atLeast(level, 'manager') ? (
        <PromotionsManager
          owner={{ merchantId: merchant.id }}
          currencies={[merchant.currency]}
          funder="The store pays for its promotions: each discount comes off what the order pays it."
        />
      ) : (
        <p>Promotions are for the store's owners and managers. Ask one of them.</p>
      )}
    </StorePage>
  );
}

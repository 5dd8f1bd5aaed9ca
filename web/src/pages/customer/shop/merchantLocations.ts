// Where listed merchants are, for the map beside the list. Listing cards carry no location
// (docs/commerce.md "Discovery and search"), so it comes from each merchant's document, once per
// merchant per page load; a card that does carry `location` is used as it is.
import { useEffect, useState } from 'preact/hooks';
import { getMerchant } from '../../../api/catalog';
import type { MerchantCard } from '../../../api/discovery';
import type { LatLng } from '../../../ui';

const known = new Map<string, Promise<LatLng | null>>();

function locate(card: MerchantCard & { location?: LatLng }): Promise<LatLng | null> {
  if (card.location) return Promise.resolve(card.location);
  let found = known.get(card.id);
  if (!found) {
    found = getMerchant(card.id).then((r) => (r.ok ? r.data.location : null));
    known.set(card.id, found);
  }
  return found;
}

/** Locations by merchant id for the cards shown; fills in as the answers arrive. */
export function useMerchantLocations(cards: readonly MerchantCard[] | null): Map<string, LatLng> {
  const [located, setLocated] = useState(() => new Map<string, LatLng>());
  useEffect(() => {
    let live = true;
    void Promise.all(
      (cards ?? []).map(async (c) => [c.id, await locate(c)] as const),
    ).then((pairs) => {
      if (!live) return;
      const next = new Map<string, LatLng>();
      for (const [id, at] of pairs) if (at) next.set(id, at);
      setLocated(next);
    });
    return () => {
      live = false;
    };
  }, [cards]);
  return located;
}

// Finding merchants (docs/commerce.md "Discovery and search"): the merchants that deliver to a
// point, with filters and sorting, and search over merchants and dishes with typo tolerance.
import { api, call, page, type ResponseJson } from './client';
import type { paths } from './schema.gen';

export type MerchantPage = ResponseJson<'/v1/merchants', 'get'>;
export type MerchantCard = MerchantPage['data'][number];
export type SearchResults = ResponseJson<'/v1/search', 'get'>;
export type ItemHit = SearchResults['items'][number];

type ListingQuery = NonNullable<paths['/v1/merchants']['get']['parameters']['query']>;
export type Sort = NonNullable<ListingQuery['sort']>;
type Dietary = NonNullable<ListingQuery['dietary']>[number];

/** The listing's filters as the browse page keeps them (and writes them to the address bar). */
export interface MerchantFilters {
  lat: number;
  lng: number;
  cuisine?: string;
  dietary?: string[];
  price?: string[];
  openNow?: boolean;
  maxDeliveryMinutes?: number;
  sort?: Sort;
}

/** One page of merchants delivering to the point; `cursor` is the last page's `next_cursor`. */
export function listMerchants(f: MerchantFilters, cursor: string | undefined, limit: number) {
  const query = {
    lat: f.lat,
    lng: f.lng,
    limit,
    ...(cursor ? { cursor } : {}),
    ...(f.cuisine ? { cuisine: [f.cuisine] } : {}),
    ...(f.dietary?.length ? { dietary: f.dietary as Dietary[] } : {}),
    ...(f.price?.length ? { price: f.price } : {}),
    ...(f.openNow ? { open_now: true } : {}),
    ...(f.maxDeliveryMinutes ? { max_delivery_minutes: f.maxDeliveryMinutes } : {}),
    ...(f.sort ? { sort: f.sort } : {}),
  };
  return page(call(api.GET('/v1/merchants', { params: { query } })));
}

/** Merchants and dishes matching the words (one typo forgiven), nearest first among equals. */
export const search = (q: string, at: { lat: number; lng: number } | null, limit = 10) =>
  call(api.GET('/v1/search', { params: { query: { q, limit, ...(at ?? {}) } } }));

// What a customer reads from the catalog (docs/commerce.md "Merchants", "Menus"): a merchant's
// profile and its whole menu. The menu carries an ETag; the browser's cache revalidates it.
import { api, call, type ResponseJson } from './client';

export type Merchant = ResponseJson<'/v1/merchants/{merchant_id}', 'get'>;
export type Menu = ResponseJson<'/v1/merchants/{merchant_id}/menu', 'get'>;
export type MenuCategory = Menu['categories'][number];
export type MenuItem = MenuCategory['items'][number];
export type ModifierGroup = Menu['modifier_groups'][number];
export type ModifierOption = ModifierGroup['options'][number];

/** With a point, `delivers_to_point` says whether the merchant delivers there. */
export const getMerchant = (merchantId: string, point?: { lat: number; lng: number } | null) =>
  call(
    api.GET('/v1/merchants/{merchant_id}', {
      params: {
        path: { merchant_id: merchantId },
        ...(point ? { query: { lat: point.lat, lng: point.lng } } : {}),
      },
    }),
  );

export const getMenu = (merchantId: string) =>
  call(api.GET('/v1/merchants/{merchant_id}/menu', { params: { path: { merchant_id: merchantId } } }));

/** Words for the API's dietary tags and allergens (docs/commerce.md "Menus"). */
export const dietaryLabels: Record<string, string> = {
  vegetarian: 'Vegetarian',
  vegan: 'Vegan',
  gluten_free: 'Gluten-free',
  dairy_free: 'Dairy-free',
  halal: 'Halal',
  kosher: 'Kosher',
  nut_free: 'Nut-free',
  spicy: 'Spicy',
};

export const allergenLabels: Record<string, string> = {
  gluten: 'gluten',
  crustaceans: 'crustaceans',
  eggs: 'eggs',
  fish: 'fish',
  peanuts: 'peanuts',
  soybeans: 'soya',
  milk: 'milk',
  nuts: 'tree nuts',
  celery: 'celery',
  mustard: 'mustard',
  sesame: 'sesame',
  sulphites: 'sulphites',
  lupin: 'lupin',
  molluscs: 'molluscs',
};

/** "Vegan", or the tag itself for one this list does not know yet. */
export const dietaryLabel = (tag: string) => dietaryLabels[tag] ?? tag.replace(/_/g, ' ');

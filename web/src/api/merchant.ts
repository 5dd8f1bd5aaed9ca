// The merchant portal's API: the catalog module's merchants, pause, brands, menus and stock
// (docs/commerce.md, tag catalog) and identity's merchant staff (docs/identity.md).
import { api, call, rows, type Schemas } from './client';
import type { UserError } from './problem';

export type Merchant = Schemas['Merchant'];
export type MerchantCreate = Schemas['MerchantCreate'];
export type MerchantPatch = Schemas['MerchantPatch'];
export type BrandCreate = Schemas['BrandCreate'];
export type DeliveryZone = Schemas['DeliveryZone'];
export type OpeningHours = Schemas['OpeningHours'];
export type Cuisine = Schemas['Cuisine'];
export type Menu = Schemas['Menu'];
export type MenuCategory = Schemas['MenuCategory'];
export type MenuItem = Schemas['MenuItem'];
export type ModifierGroup = Schemas['ModifierGroup'];
export type AvailabilityWindow = Schemas['AvailabilityWindow'];
export type DietaryTag = NonNullable<Schemas['DietaryTags']>[number];
export type Allergen = NonNullable<Schemas['Allergens']>[number];
export type StaffLevel = Schemas['MemberRequest']['level'];
export type Membership = Schemas['MembershipList']['data'][number];
export type Member = Schemas['MemberList']['data'][number];

/**
 * A failed call with the problem's field errors by full path ("opening_hours.weekly[2].open"),
 * so editors of nested documents can show each error beside the row it is about. `fields` keeps
 * the first message per top-level field, as `call` gives it.
 */
export type DetailedError = UserError & { paths: Record<string, string> };
export type Detailed<D> = { ok: true; data: D; response: Response } | { ok: false; error: DetailedError };

async function send<D>(
  request: Promise<{ data?: D; error?: unknown; response: Response }>,
  knownFields: readonly string[] = [],
): Promise<Detailed<D>> {
  let body: unknown;
  const r = await call(
    request.then((answer) => {
      body = answer.error;
      return answer;
    }),
    knownFields,
  );
  if (r.ok) return r;
  const paths: Record<string, string> = {};
  const errors = (body as { errors?: { field: string; message: string }[] } | undefined)?.errors;
  // A path of a top-level rule may come with a leading dot (".min_selections"): drop it.
  if (Array.isArray(errors)) for (const e of errors) paths[e.field.replace(/^\./, '')] ??= e.message;
  return { ok: false, error: { ...r.error, paths } };
}

/** "opening_hours.weekly[2].open" → "opening hours, weekly 3, open" (when no row shows it). */
export function describeField(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, (_, n: string) => ` ${Number(n) + 1}`)
    .split('.')
    .map((part) => part.replace(/_/g, ' '))
    .join(', ');
}

/**
 * A failure for a Form whose controls are named by field path ("address.city", "cuisines"):
 * each error goes beside the control named by its path or the nearest shown parent path; errors
 * no control shows are said in the message, in words.
 */
export function forForm(error: DetailedError, shown: readonly string[]): UserError {
  const entries = Object.entries(error.paths);
  if (entries.length === 0) return error;
  const fields: Record<string, string> = {};
  const loose: string[] = [];
  for (const [path, message] of entries) {
    const name = [...shown]
      .sort((a, b) => b.length - a.length)
      .find((s) => path === s || path.startsWith(`${s}.`) || path.startsWith(`${s}[`));
    if (name) fields[name] ??= message;
    else {
      const words = describeField(path);
      loose.push(`${words[0]!.toUpperCase()}${words.slice(1)} ${message.replace(/\.$/, '')}.`);
    }
  }
  const lead =
    Object.keys(fields).length > 0
      ? 'Some fields need a change: see the messages beside them.'
      : 'Some values need a change.';
  return { ...error, fields, message: [lead, ...loose].join(' ') };
}

const merchantPath = (merchantId: string) => ({ params: { path: { merchant_id: merchantId } } });

// ---- Stores and staff (identity)

/** The stores the signed-in merchant account is staff of, with its level at each. */
export const myMemberships = () => rows(call(api.GET('/v1/me/merchants')));

export const listMembers = (merchantId: string) =>
  rows(call(api.GET('/v1/merchants/{merchant_id}/members', merchantPath(merchantId))));

/**
 * Adds a member or changes their level. Members change only members below their own level and
 * grant only levels below it (owners: manager and staff; managers: staff); ownership moves by
 * `offerOwnership`.
 */
export const putMember = (merchantId: string, userId: string, level: StaffLevel) =>
  send(
    api.POST('/v1/merchants/{merchant_id}/members', {
      ...merchantPath(merchantId),
      body: { user_id: userId, level },
    }),
    ['user_id', 'level'],
  );

export const removeMember = (merchantId: string, userId: string) =>
  call(
    api.DELETE('/v1/merchants/{merchant_id}/members/{user_id}', {
      params: { path: { merchant_id: merchantId, user_id: userId } },
    }),
  );

export type Invitation = Schemas['Invitation'];

/** The store's pending invitations (its staff see them). */
export const listInvitations = (merchantId: string) =>
  rows(call(api.GET('/v1/merchants/{merchant_id}/invitations', merchantPath(merchantId))));

/**
 * Invites an address to the staff at a level below the inviter's own. The answer is the same
 * whether or not the address has an account; its owner accepts in this portal once signed in
 * with it, verified.
 */
export const inviteMember = (merchantId: string, email: string, level: StaffLevel) =>
  send(
    api.POST('/v1/merchants/{merchant_id}/invitations', {
      ...merchantPath(merchantId),
      body: { email, level },
    }),
    ['email', 'level'],
  );

export const revokeInvitation = (merchantId: string, invitationId: string) =>
  call(
    api.DELETE('/v1/merchants/{merchant_id}/invitations/{invitation_id}', {
      params: { path: { merchant_id: merchantId, invitation_id: invitationId } },
    }),
  );

/** Invitations to the signed-in account's verified address. */
export const myInvitations = () => rows(call(api.GET('/v1/me/invitations')));

export const acceptInvitation = (invitationId: string) =>
  call(
    api.POST('/v1/me/invitations/{invitation_id}/accept', {
      params: { path: { invitation_id: invitationId } },
    }),
  );

export const declineInvitation = (invitationId: string) =>
  call(
    api.POST('/v1/me/invitations/{invitation_id}/decline', {
      params: { path: { invitation_id: invitationId } },
    }),
  );

export type OwnershipOffer = Schemas['OwnershipOffer'];

/** The pending ownership transfer (owners and its recipient see it); 404 when there is none. */
export const ownershipOffer = (merchantId: string) =>
  call(api.GET('/v1/merchants/{merchant_id}/ownership-transfer', merchantPath(merchantId)));

/** An owner offers the store to a member; they become owner when they accept. */
export const offerOwnership = (merchantId: string, userId: string) =>
  call(
    api.POST('/v1/merchants/{merchant_id}/ownership-transfer', {
      ...merchantPath(merchantId),
      body: { user_id: userId },
    }),
    ['user_id'],
  );

/** The member the offer names accepts: they become owner, the owner who offered manager. */
export const acceptOwnership = (merchantId: string) =>
  call(api.POST('/v1/merchants/{merchant_id}/ownership-transfer/accept', merchantPath(merchantId)));

/** An owner withdraws the offer, or its recipient declines it. */
export const withdrawOwnershipOffer = (merchantId: string) =>
  call(api.DELETE('/v1/merchants/{merchant_id}/ownership-transfer', merchantPath(merchantId)));

// ---- Merchants (catalog)

/** Fresh every time (no-store on the server): the portal shows what is saved. */
export const getMerchant = (merchantId: string) =>
  call(api.GET('/v1/merchants/{merchant_id}', merchantPath(merchantId)));

const profileFields = [
  'name',
  'description',
  'phone',
  'address',
  'location',
  'time_zone',
  'currency',
  'cuisines',
  'price_level',
  'photo_url',
  'prep_time_minutes',
  'minimum_order_minor',
  'delivery_zone',
  'opening_hours',
] as const;

export const createMerchant = (body: MerchantCreate) =>
  send(api.POST('/v1/merchants', { body }), profileFields);

/** Only the fields given change; `null` clears description, phone and photo_url. */
export const updateMerchant = (merchantId: string, body: MerchantPatch) =>
  send(api.PATCH('/v1/merchants/{merchant_id}', { ...merchantPath(merchantId), body }), profileFields);

/** Closes the store to new orders for 1–1440 minutes (any staff level). */
export const pauseMerchant = (merchantId: string, minutes: number, reason?: string) =>
  send(
    api.PUT('/v1/merchants/{merchant_id}/pause', {
      ...merchantPath(merchantId),
      body: reason ? { minutes, reason } : { minutes },
    }),
    ['minutes', 'reason'],
  );

export const resumeMerchant = (merchantId: string) =>
  call(api.DELETE('/v1/merchants/{merchant_id}/pause', merchantPath(merchantId)));

/** The kitchen's active virtual brands (one page holds them all). */
export const listBrands = (kitchenId: string) =>
  call(api.GET('/v1/merchants/{merchant_id}/brands', merchantPath(kitchenId)));

export const createBrand = (kitchenId: string, body: BrandCreate) =>
  send(api.POST('/v1/merchants/{merchant_id}/brands', { ...merchantPath(kitchenId), body }), profileFields);

// ---- Menu (catalog)

/** The whole menu, revalidated with the server (ETag) so an edit shows at once. */
export const getMenu = (merchantId: string) =>
  call(api.GET('/v1/merchants/{merchant_id}/menu', { ...merchantPath(merchantId), cache: 'no-cache' }));

const categoryFields = ['name', 'description', 'position', 'availability'] as const;
const itemFields = [
  'category_id',
  'name',
  'description',
  'price_minor',
  'photo_urls',
  'dietary',
  'allergens',
  'age_restricted',
  'calories',
  'position',
  'availability',
  'stock_count',
  'sold_out',
  'modifier_group_ids',
] as const;
const groupFields = ['name', 'min_selections', 'max_selections', 'position', 'options'] as const;

const categoryPath = (merchantId: string, categoryId: string) => ({
  params: { path: { merchant_id: merchantId, category_id: categoryId } },
});
const itemPath = (merchantId: string, itemId: string) => ({
  params: { path: { merchant_id: merchantId, item_id: itemId } },
});
const groupPath = (merchantId: string, groupId: string) => ({
  params: { path: { merchant_id: merchantId, group_id: groupId } },
});

export const addCategory = (merchantId: string, body: Schemas['MenuCategoryInput']) =>
  send(
    api.POST('/v1/merchants/{merchant_id}/menu/categories', { ...merchantPath(merchantId), body }),
    categoryFields,
  );

export const updateCategory = (
  merchantId: string,
  categoryId: string,
  body: Schemas['MenuCategoryPatch'],
) =>
  send(
    api.PATCH('/v1/merchants/{merchant_id}/menu/categories/{category_id}', {
      ...categoryPath(merchantId, categoryId),
      body,
    }),
    categoryFields,
  );

/** Removes the category with every item in it. */
export const deleteCategory = (merchantId: string, categoryId: string) =>
  call(
    api.DELETE(
      '/v1/merchants/{merchant_id}/menu/categories/{category_id}',
      categoryPath(merchantId, categoryId),
    ),
  );

export const addItem = (merchantId: string, body: Schemas['MenuItemCreate']) =>
  send(api.POST('/v1/merchants/{merchant_id}/menu/items', { ...merchantPath(merchantId), body }), itemFields);

export const updateItem = (merchantId: string, itemId: string, body: Schemas['MenuItemPatch']) =>
  send(
    api.PATCH('/v1/merchants/{merchant_id}/menu/items/{item_id}', { ...itemPath(merchantId, itemId), body }),
    itemFields,
  );

export const deleteItem = (merchantId: string, itemId: string) =>
  call(api.DELETE('/v1/merchants/{merchant_id}/menu/items/{item_id}', itemPath(merchantId, itemId)));

/** The sold-out toggle and the stock count (null stops counting); any staff level. */
export const setStock = (merchantId: string, itemId: string, body: Schemas['StockRequest']) =>
  send(
    api.PUT('/v1/merchants/{merchant_id}/menu/items/{item_id}/stock', {
      ...itemPath(merchantId, itemId),
      body,
    }),
    ['sold_out', 'stock_count'],
  );

export const addGroup = (merchantId: string, body: Schemas['ModifierGroupInput']) =>
  send(
    api.POST('/v1/merchants/{merchant_id}/menu/modifier-groups', { ...merchantPath(merchantId), body }),
    groupFields,
  );

/** `options` replaces the list; an option sent with its id keeps it. */
export const updateGroup = (merchantId: string, groupId: string, body: Schemas['ModifierGroupPatch']) =>
  send(
    api.PATCH('/v1/merchants/{merchant_id}/menu/modifier-groups/{group_id}', {
      ...groupPath(merchantId, groupId),
      body,
    }),
    groupFields,
  );

/** Also detaches the group from the items that list it. */
export const deleteGroup = (merchantId: string, groupId: string) =>
  call(
    api.DELETE('/v1/merchants/{merchant_id}/menu/modifier-groups/{group_id}', groupPath(merchantId, groupId)),
  );

// ---- Vocabulary (docs/commerce.md)

export const dietaryTags: readonly { value: DietaryTag; label: string }[] = [
  { value: 'vegetarian', label: 'Vegetarian' },
  { value: 'vegan', label: 'Vegan' },
  { value: 'gluten_free', label: 'Gluten-free' },
  { value: 'dairy_free', label: 'Dairy-free' },
  { value: 'halal', label: 'Halal' },
  { value: 'kosher', label: 'Kosher' },
  { value: 'nut_free', label: 'Nut-free' },
  { value: 'spicy', label: 'Spicy' },
];

/** The EU's 14 allergens. */
export const allergens: readonly { value: Allergen; label: string }[] = [
  { value: 'gluten', label: 'Gluten (cereals)' },
  { value: 'crustaceans', label: 'Crustaceans' },
  { value: 'eggs', label: 'Eggs' },
  { value: 'fish', label: 'Fish' },
  { value: 'peanuts', label: 'Peanuts' },
  { value: 'soybeans', label: 'Soybeans' },
  { value: 'milk', label: 'Milk' },
  { value: 'nuts', label: 'Tree nuts' },
  { value: 'celery', label: 'Celery' },
  { value: 'mustard', label: 'Mustard' },
  { value: 'sesame', label: 'Sesame' },
  { value: 'sulphites', label: 'Sulphites' },
  { value: 'lupin', label: 'Lupin' },
  { value: 'molluscs', label: 'Molluscs' },
];

export const cuisines: readonly Cuisine[] = [
  'african', 'american', 'bakery', 'bbq', 'breakfast', 'british', 'brunch', 'bubble_tea',
  'burgers', 'caribbean', 'chicken', 'chinese', 'coffee', 'desserts', 'drinks', 'dumplings',
  'ethiopian', 'fast_food', 'french', 'german', 'greek', 'grocery', 'halal', 'healthy',
  'ice_cream', 'indian', 'indonesian', 'italian', 'japanese', 'juice', 'kebab', 'korean',
  'lebanese', 'malaysian', 'mediterranean', 'mexican', 'middle_eastern', 'noodles', 'pasta',
  'peruvian', 'pizza', 'poke', 'portuguese', 'ramen', 'salads', 'sandwiches', 'seafood', 'soup',
  'spanish', 'steak', 'street_food', 'sushi', 'tapas', 'thai', 'turkish', 'vegan', 'vietnamese',
];

/** "bubble_tea" → "Bubble tea". */
export const tagLabel = (tag: string) => (tag[0]?.toUpperCase() ?? '') + tag.slice(1).replace(/_/g, ' ');

export const staffLevels: readonly { value: StaffLevel; label: string; hint: string }[] = [
  { value: 'owner', label: 'Owner', hint: 'Everything, including staff and brands.' },
  { value: 'manager', label: 'Manager', hint: 'Profile, hours, zone, menu; can add staff.' },
  { value: 'staff', label: 'Staff', hint: 'Pause the store and mark items sold out.' },
];

/** The levels someone at `level` may grant: those below their own (owner moves by a transfer). */
export const grantableLevels = (level: StaffLevel | undefined) =>
  staffLevels.filter((l) =>
    level === 'owner' ? l.value !== 'owner' : level === 'manager' ? l.value === 'staff' : false,
  );

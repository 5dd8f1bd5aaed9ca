// The admin API (docs/identity.md; docs/openapi.yaml, tag identity, /v1/admin/*). Every route
// needs an admin session with a second factor: the guard answers 403 to an admin without one.
import { api, call, page, rows, type Schemas } from './client';
import { image } from './images';

export type Role = Schemas['RoleRequest']['role'];
export type AdminUser = Schemas['UserList']['data'][number];
export type ApiKey = Schemas['ApiKeyList']['data'][number];
export type CreatedApiKey = Schemas['CreatedApiKey'];
export type AuditEntry = Schemas['AuditList']['data'][number];
/** A queue entry, or one verification (with `document_number` and `date_of_birth` for admins). */
export type IdVerification = Schemas['IdVerification'];
export type IdStatus = Schemas['IdVerification']['status'];

export const roles: readonly Role[] = ['customer', 'merchant', 'driver', 'admin', 'partner'];
export const userStatuses = ['active', 'suspended', 'erased'] as const;

/** Drops empty filter values so that they are not sent at all. */
function present<T extends Record<string, string | number | undefined>>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(values) as [keyof T, T[keyof T]][])
    if (v !== undefined && v !== '') out[k] = v;
  return out;
}

// ---- Users

export interface UserFilters {
  /** Exact address (matched through the keyed hash). */
  email?: string;
  role?: string;
  status?: string;
  /** Name contains. */
  q?: string;
}

/** One page of users in id order; `cursor` is the `next_cursor` of the previous page. */
export const searchUsers = (filters: UserFilters, cursor: string | undefined, limit: number) =>
  page(call(api.GET('/v1/admin/users', { params: { query: present({ ...filters, cursor, limit }) } })));

/** Suspends the account and ends every session of it at once. */
export const suspendUser = (userId: string) =>
  call(api.POST('/v1/admin/users/{user_id}/suspend', { params: { path: { user_id: userId } } }));

export const reinstateUser = (userId: string) =>
  call(api.POST('/v1/admin/users/{user_id}/reinstate', { params: { path: { user_id: userId } } }));

/** Changes the role and ends the user's sessions (the next login carries the new role). */
export const setUserRole = (userId: string, role: Role) =>
  call(
    api.PUT('/v1/admin/users/{user_id}/role', {
      params: { path: { user_id: userId } },
      body: { role },
    }),
    ['role'],
  );

// ---- Merchants (the catalog module's admin routes, docs/commerce.md)

export type AdminMerchant = Schemas['Merchant'];
export type MerchantStatus = AdminMerchant['status'];
export const merchantStatuses: readonly MerchantStatus[] = ['active', 'suspended'];

export interface MerchantFilters {
  /** Part of the name (case and Latin accents ignored). */
  q?: string;
  status?: string;
}

/** One page, oldest first; `cursor` is the previous page's `next_cursor` (opaque). */
export function searchMerchants(
  filters: MerchantFilters,
  cursor: string | undefined,
  limit: number,
) {
  const status = merchantStatuses.find((s) => s === filters.status);
  return page(
    call(
      api.GET('/v1/admin/merchants', {
        params: { query: { ...present({ q: filters.q, cursor, limit }), ...(status ? { status } : {}) } },
      }),
      ['q'],
    ),
  );
}

/**
 * Hides the merchant from the public, discovery and carts; answers the document. The reason (one
 * line, up to 500 characters) goes into the audit log, not to the merchant.
 */
export const suspendMerchant = (merchantId: string, reason: string) =>
  call(
    api.POST('/v1/admin/merchants/{merchant_id}/suspend', {
      params: { path: { merchant_id: merchantId } },
      body: { reason },
    }),
  );

export const reinstateMerchant = (merchantId: string) =>
  call(
    api.POST('/v1/admin/merchants/{merchant_id}/reinstate', {
      params: { path: { merchant_id: merchantId } },
    }),
  );

// ---- ID verification

/** Oldest first; `submitted` is the queue of documents waiting for a decision. */
export const idQueue = (status: IdStatus = 'submitted', limit = 100) =>
  rows(call(api.GET('/v1/admin/id-verifications', { params: { query: { status, limit } } })));

/** One verification with the document number (decrypted for admins). */
export const getIdVerification = (id: string) =>
  call<IdVerification>(api.GET('/v1/id-verifications/{id}', { params: { path: { id } } }));

/**
 * The document image of a verification as a data: URL, or null when it has none. The server
 * answers it uncached and audits the read.
 */
export const idVerificationImage = (id: string) =>
  image(
    api.GET('/v1/admin/id-verifications/{id}/image', { params: { path: { id } }, parseAs: 'blob' }),
  );

export const decideIdVerification = (
  id: string,
  decision: 'approved' | 'rejected',
  reason: string | undefined,
) =>
  call(
    api.POST('/v1/admin/id-verifications/{id}/decision', {
      params: { path: { id } },
      body: reason ? { decision, reason } : { decision },
    }),
    ['decision', 'reason'],
  );

// ---- Partner API keys

export const listApiKeys = () => rows(call(api.GET('/v1/admin/api-keys')));

export const createApiKey = (body: Schemas['ApiKeyRequest']) =>
  call(api.POST('/v1/admin/api-keys', { body }), ['name', 'partner_user_id', 'scopes']);

/** Takes effect on the partner's next request. */
export const revokeApiKey = (keyId: string) =>
  call(api.DELETE('/v1/admin/api-keys/{key_id}', { params: { path: { key_id: keyId } } }));

// ---- Audit log

export interface AuditFilters {
  action?: string;
  actor_id?: string;
  target_id?: string;
  /** ISO 8601 UTC times, both included. */
  since?: string;
  until?: string;
}

/** One page, newest first; `cursor` is the `next_cursor` of the previous page. */
export const queryAudit = (filters: AuditFilters, cursor: string | undefined, limit: number) =>
  page(call(api.GET('/v1/admin/audit', { params: { query: present({ ...filters, cursor, limit }) } })));

/** The actions of the audit log, identity's and catalog's (docs/identity.md, "Audit log"). */
export const auditActions = [
  'account.registered',
  'login',
  'logout',
  'mfa.enrolment_started',
  'mfa.enabled',
  'mfa.disabled',
  'mfa.verify',
  'session.revoked',
  'session.revoked_others',
  'session.refresh_reuse',
  'password.changed',
  'password.reset_requested',
  'password.reset',
  'email.verified',
  'profile.updated',
  'admin.user_created',
  'admin.user_suspended',
  'admin.user_reinstated',
  'admin.merchant_suspended',
  'admin.merchant_reinstated',
  'merchant.updated',
  'merchant.paused',
  'merchant.resumed',
  'menu.replaced',
  'menu.category_created',
  'menu.category_updated',
  'menu.category_deleted',
  'menu.item_created',
  'menu.item_updated',
  'menu.item_deleted',
  'menu.modifier_group_created',
  'menu.modifier_group_updated',
  'menu.modifier_group_deleted',
  'menu.stock_updated',
  'admin.role_changed',
  'api_key.created',
  'api_key.revoked',
  'merchant.member_put',
  'merchant.member_removed',
  'merchant.ownership_offered',
  'merchant.ownership_offer_withdrawn',
  'merchant.ownership_transferred',
  'id.submitted',
  'id.approved',
  'id.rejected',
  'gdpr.exported',
  'gdpr.erased',
] as const;

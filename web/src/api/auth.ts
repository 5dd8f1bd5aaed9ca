// Account flows of the identity API (docs/openapi.yaml, tag identity).
import { api, call, rows, type Outcome, type Schemas } from './client';
import { session } from './session';

export type RegisterRequest = Schemas['RegisterRequest'];
export type MfaChallenge = Schemas['MfaChallenge'];
export type Profile = Schemas['Profile'];

export async function register(body: RegisterRequest): Promise<Outcome<void>> {
  const r = await call(api.POST('/v1/auth/register', { body }), Object.keys(body));
  if (!r.ok) return r;
  session.accept(r.data);
  return { ok: true, data: undefined, response: r.response };
}

/** Logs in, or answers the MFA challenge to pass to `completeMfa`. */
export async function login(
  body: Schemas['LoginRequest'],
): Promise<Outcome<{ mfa: MfaChallenge } | { mfa: null }>> {
  const r = await call(api.POST('/v1/auth/login', { body }), ['email', 'password']);
  if (!r.ok) return r;
  if ('mfa_required' in r.data) return { ok: true, data: { mfa: r.data }, response: r.response };
  session.accept(r.data);
  return { ok: true, data: { mfa: null }, response: r.response };
}

export async function completeMfa(mfaToken: string, code: string): Promise<Outcome<void>> {
  const r = await call(
    api.POST('/v1/auth/mfa', { body: { mfa_token: mfaToken, code: code.trim() } }),
    ['code'],
  );
  if (!r.ok) return r;
  session.accept(r.data);
  return { ok: true, data: undefined, response: r.response };
}

/** Ends the session on the server (best effort) and forgets the tokens. */
export async function logout(): Promise<void> {
  await call(api.POST('/v1/auth/logout'));
  session.clear('anonymous');
}

export const getMe = () => call(api.GET('/v1/me'));

export type ProfileChange = Schemas['ProfileChange'];
export type SessionInfo = Schemas['SessionList']['data'][number];
export type TotpEnrolment = Schemas['TotpEnrolment'];

export const updateMe = (body: ProfileChange) =>
  call(api.PATCH('/v1/me', { body }), Object.keys(body));

export const listSessions = () => rows(call(api.GET('/v1/me/sessions')));

export const revokeSession = (sessionId: string) =>
  call(api.DELETE('/v1/me/sessions/{session_id}', { params: { path: { session_id: sessionId } } }));

export const revokeOtherSessions = () => call(api.POST('/v1/me/sessions/revoke-others'));

export const enrolTotp = () => call(api.POST('/v1/me/mfa/totp'));

export const confirmTotp = (code: string) =>
  call(api.POST('/v1/me/mfa/totp/confirm', { body: { code: code.trim() } }), ['code']);

export const disableTotp = (code: string) =>
  call(api.POST('/v1/me/mfa/totp/disable', { body: { code: code.trim() } }), ['code']);

export const exportMe = () => call(api.GET('/v1/me/export'));

/** Erases the account's personal data (GDPR); the session ends with it. */
export async function eraseMe(password: string): Promise<Outcome<void>> {
  const r = await call(api.DELETE('/v1/me', { body: { password } }), ['password']);
  if (!r.ok) return r;
  session.clear('anonymous');
  return { ok: true, data: undefined, response: r.response };
}

export const requestPasswordReset = (email: string) =>
  call(api.POST('/v1/auth/password-reset', { body: { email } }), ['email']);

export const confirmPasswordReset = (token: string, password: string) =>
  call(api.POST('/v1/auth/password-reset/confirm', { body: { token: token.trim(), password } }), [
    'token',
    'password',
  ]);

export const verifyEmail = (token: string) =>
  call(api.POST('/v1/auth/verify-email', { body: { token: token.trim() } }), ['token']);

export const resendVerification = () => call(api.POST('/v1/me/email-verification'));

export const changePassword = (currentPassword: string, newPassword: string) =>
  call(
    api.POST('/v1/me/password', {
      body: { current_password: currentPassword, new_password: newPassword },
    }),
    ['current_password', 'new_password'],
  );

// ---- ID verification (docs/identity.md): one document waits for an admin's decision at a time.

export type IdDocument = Schemas['IdDocument'];
export type MyIdVerification = Schemas['IdVerification'];

/** Sends a document; the number is stored encrypted. 409 while another one waits. */
export const submitIdDocument = (body: IdDocument, idempotencyKey: string) =>
  call(
    api.POST('/v1/id-verifications', { params: { header: { 'Idempotency-Key': idempotencyKey } }, body }),
    ['document_type', 'document_number', 'date_of_birth'],
  );

/**
 * The photo of the document (JPEG or PNG), sent as the request body; the answer's `image_ref`
 * goes with the submission. The server strips its metadata and keeps it encrypted.
 */
export const uploadIdImage = (image: Blob, idempotencyKey: string) =>
  call(
    api.POST('/v1/id-verifications/images', {
      headers: { 'Content-Type': image.type, 'Idempotency-Key': idempotencyKey },
      // openapi-typescript types a binary body as a string; the Blob goes out as it is.
      body: image as unknown as string,
      bodySerializer: (body: unknown) => body as Blob,
    }),
  );

export const getMyIdVerification = (id: string) =>
  call(api.GET('/v1/id-verifications/{id}', { params: { path: { id } } }));

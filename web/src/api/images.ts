// Images the API answers (a proof photo, an ID document) and photos taken in the app, as data:
// URLs: the pages' content security policy allows images from data:, not blob:.
import { call } from './client';
import { networkError, type UserError } from './problem';

/** The image as a data: URL. */
export const dataUrl = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });

/**
 * An image route's answer (requested with `parseAs: 'blob'`) as a data: URL; null when there is
 * none (404), a UserError when it could not be fetched.
 */
export async function image(
  request: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<{ ok: true; data: string | null } | { ok: false; error: UserError }> {
  const r = await call(request);
  if (!r.ok) return r.error.status === 404 ? { ok: true, data: null } : r;
  try {
    return { ok: true, data: await dataUrl(r.data as Blob) };
  } catch {
    return { ok: false, error: networkError() };
  }
}

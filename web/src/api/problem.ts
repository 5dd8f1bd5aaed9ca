// Turns whatever a call ended with (an RFC 9457 problem, another HTTP error, a network failure)
// into plain words for people: one message, plus messages for the fields they typed.
import type { components } from './schema.gen';

export type Problem = components['schemas']['Problem'];

export interface UserError {
  /** What happened and what to do next, shown in an Alert. */
  message: string;
  /**
   * Messages by form field name (the problem's `errors[].field`), shown beside the fields. The
   * API's messages are predicates ("must be at least 12 characters"): TextField prefixes its label.
   */
  fields: Record<string, string>;
  status: number;
  /** The server's request id, for support. */
  requestId?: string;
}

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
const sentence = (s: string) => {
  const t = capitalise(s.trim());
  return /[.!?]$/.test(t) ? t : `${t}.`;
};

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

/**
 * @param body the parsed error body (openapi-fetch's `error`)
 * @param response the HTTP response, for status and Retry-After
 * @param knownFields the fields the form shows; errors on other fields go into the message
 */
export function toUserError(
  body: unknown,
  response: Response | undefined,
  knownFields: readonly string[] = [],
): UserError {
  const status = response?.status ?? 0;
  const problem = isProblem(body) ? body : undefined;
  const fields: Record<string, string> = {};
  const loose: string[] = [];
  for (const e of problem?.errors ?? []) {
    const name = e.field.split('.')[0] ?? e.field;
    if (knownFields.includes(name) && !fields[name]) fields[name] = e.message.trim();
    else loose.push(`${e.field}: ${e.message}`);
  }
  let message: string;
  if (status === 0) {
    message = 'ReskFlow cannot be reached. Check your connection and try again.';
  } else if (status === 422 || (status === 400 && Object.keys(fields).length > 0)) {
    message =
      Object.keys(fields).length > 0
        ? 'Some fields need a change: see the messages beside them.'
        : sentence(problem?.detail ?? 'Some fields are invalid');
    if (loose.length > 0) message += ` ${loose.map(sentence).join(' ')}`;
  } else if (status === 429) {
    const after = Number(response?.headers.get('Retry-After') ?? '');
    message =
      Number.isFinite(after) && after > 0
        ? `Too many attempts. Wait ${after} second${after === 1 ? '' : 's'} and try again.`
        : 'Too many attempts. Wait a moment and try again.';
  } else if (status === 401) {
    message = problem?.detail
      ? `${sentence(problem.detail)} Check and try again.`
      : 'You need to log in again.';
  } else if (status === 403) {
    message = "You don't have access to this. Log in with an account that does.";
  } else if (status === 404) {
    message = 'This was not found. It may have been removed.';
  } else if (status === 409) {
    message = problem?.detail
      ? `${sentence(problem.detail)}`
      : 'This conflicts with something that already exists.';
  } else if (status >= 500) {
    message = 'Something went wrong on our side. Try again in a moment.';
  } else {
    message = problem?.detail ? sentence(problem.detail) : `The request failed (HTTP ${status}).`;
  }
  const requestId = problem?.request_id ?? response?.headers.get('X-Request-Id') ?? undefined;
  return requestId ? { message, fields, status, requestId } : { message, fields, status };
}

/** A network failure (fetch threw) as a UserError. */
export const networkError = (): UserError => toUserError(undefined, undefined);

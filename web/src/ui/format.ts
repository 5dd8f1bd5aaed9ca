// Times from the API are ISO 8601 UTC strings ("2026-11-28T09:30:00Z"); people read them in
// their own time zone.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "28 Nov 2025, 14:05". */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
/** "28 Nov 2025, 14:05:09" (audit entries). */
export const formatDateTimeSeconds = (iso: string) => dateTimeSeconds.format(new Date(iso));
/** "28 Nov 2025". */
export const formatDate = (iso: string) => dateOnly.format(new Date(iso));

/**
 * A <input type="datetime-local"> value ("2025-11-28T14:05", local time) as an ISO 8601 UTC
 * time, `extraMs` later (the end of a minute), or undefined when empty or invalid.
 */
export function localInputToIso(value: string | undefined, extraMs = 0): string | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? new Date(ms + extraMs).toISOString() : undefined;
}

/** An ISO 8601 time as a <input type="datetime-local"> value in local time. */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

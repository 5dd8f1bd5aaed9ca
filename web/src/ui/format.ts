// Times from the API are microseconds since the epoch (`*_at_us`); people read them in their
// own time zone.
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** "28 Nov 2025, 14:05". */
export const formatDateTime = (us: number) => dateTime.format(new Date(us / 1000));
/** "28 Nov 2025, 14:05:09" (audit entries). */
export const formatDateTimeSeconds = (us: number) => dateTimeSeconds.format(new Date(us / 1000));
/** "28 Nov 2025". */
export const formatDate = (us: number) => dateOnly.format(new Date(us / 1000));

/** A <input type="datetime-local"> value ("2025-11-28T14:05") as microseconds, or undefined. */
export function localInputToUs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms * 1000 : undefined;
}

/** Microseconds as a <input type="datetime-local"> value in local time. */
export function usToLocalInput(us: number): string {
  const d = new Date(us / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

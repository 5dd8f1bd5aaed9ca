// Small pieces of the menu editor: availability windows between the API and the editor, the
// modifier-group rule in words, reordering by positions, and local checks before saving.
import type { AvailabilityWindow as ApiWindow, ModifierGroup } from '../../../api/merchant';
import type { AvailabilityWindow } from '../../../ui';

/** "24:00" (until midnight) is "00:00" in a time input: the same moment. */
export const windowsOf = (windows: readonly ApiWindow[]): AvailabilityWindow[] =>
  windows.map((w) => ({ days: [...w.days], start: w.start, end: w.end === '24:00' ? '00:00' : w.end }));

export const apiWindows = (windows: readonly AvailabilityWindow[]): ApiWindow[] =>
  windows.map((w) => ({ days: [...w.days], start: w.start, end: w.end }));

/** A problem with the windows the browser can see, in words, or null. */
export function windowsProblem(windows: readonly AvailabilityWindow[]): string | null {
  for (const [i, w] of windows.entries()) {
    if (w.days.length === 0) return `Time window ${i + 1} needs at least one day.`;
    if (!w.start || !w.end) return `Time window ${i + 1} needs both times.`;
  }
  return null;
}

/** What customers must do with a group: "Required: choose exactly 1", "Optional: up to 3". */
export function groupRule(min: number, max: number): string {
  if (min > max)
    return `Customers cannot choose at least ${min} when they may choose at most ${max}: lower the first number or raise the second.`;
  if (min > 0 && min === max) return `Required: customers choose exactly ${min}.`;
  if (min > 0) return `Required: customers choose ${min} to ${max}.`;
  return max === 1 ? 'Optional: customers may choose 1.' : `Optional: customers may choose up to ${max}.`;
}

export const groupSummary = (g: ModifierGroup) =>
  `${g.name} (${g.min_selections > 0 ? 'required' : 'optional'}, ${g.options.length} option${g.options.length === 1 ? '' : 's'})`;

/**
 * The position changes that put `ordered` (the list after a move) in order: every entry whose
 * position differs from its index, so existing gaps or ties are fixed on the way.
 */
export function positionChanges<T extends { id: string; position: number }>(
  ordered: readonly T[],
): { id: string; position: number }[] {
  return ordered.flatMap((x, i) => (x.position === i ? [] : [{ id: x.id, position: i }]));
}

const shortDays: Record<string, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};
const order = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "Mon–Fri", "Sat, Sun", "Every day". */
function daysWords(days: readonly string[]): string {
  const sorted = [...days].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  if (sorted.length === 7) return 'Every day';
  const idx = sorted.map((d) => order.indexOf(d));
  const consecutive = idx.every((v, i) => i === 0 || v === idx[i - 1]! + 1);
  if (consecutive && sorted.length > 2) return `${shortDays[sorted[0]!]}–${shortDays[sorted[sorted.length - 1]!]}`;
  return sorted.map((d) => shortDays[d]).join(', ');
}

/** "Mon–Fri 07:00–11:00; Sat, Sun 08:00–12:00", or null when always available. */
export function windowsWords(windows: readonly ApiWindow[]): string | null {
  if (windows.length === 0) return null;
  return windows.map((w) => `${daysWords(w.days)} ${w.start}–${w.end}`).join('; ');
}

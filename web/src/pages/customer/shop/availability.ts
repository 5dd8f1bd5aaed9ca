// Menu availability windows in words: [{days:[mon..fri], start:"07:00", end:"11:00"}] →
// "Mon–Fri 07:00–11:00". Times are the merchant's local times (docs/commerce.md "Menus").
const order = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const names: Record<string, string> = {
  mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun',
};

/** "Mon–Fri, Sun": runs of three or more days joined with a dash. */
export function dayWords(days: readonly string[]): string {
  const idx = order.map((d, i) => (days.includes(d) ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 7) return 'Every day';
  const parts: string[] = [];
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j]! + 1) j++;
    const first = names[order[idx[i]!]!]!;
    const last = names[order[idx[j]!]!]!;
    if (j - i >= 2) parts.push(`${first}–${last}`);
    else for (let k = i; k <= j; k++) parts.push(names[order[idx[k]!]!]!);
    i = j + 1;
  }
  return parts.join(', ');
}

export interface Window {
  days: readonly string[];
  start: string;
  end: string;
}

/** "Mon–Fri 07:00–11:00; Sat 09:00–12:00", or null when there is no window. */
export function windowsWords(windows: readonly Window[] | undefined): string | null {
  if (!windows || windows.length === 0) return null;
  return windows.map((w) => `${dayWords(w.days)} ${w.start}–${w.end}`).join('; ');
}

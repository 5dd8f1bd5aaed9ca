// Opening hours between the API's document (a flat list of weekly intervals and dated exceptions,
// docs/commerce.md) and the editors' shape (ranges per weekday; exceptions with a stable key),
// and the API's error paths back to the row they are about.
import type { OpeningHours } from '../../api/merchant';
import { emptyWeek, weekdays, type TimeRange, type Weekday, type WeeklyHours } from '../../ui';

export interface ExceptionRow {
  /** Stable across edits (list keys, radio names). */
  key: number;
  date: string;
  closed: boolean;
  intervals: TimeRange[];
}

export interface HoursDraft {
  week: WeeklyHours;
  exceptions: ExceptionRow[];
}

let nextKey = 1;
export const newKey = () => nextKey++;

/** "24:00" (closes at midnight) is "00:00" in a time input: the same moment. */
const fromApi = (t: string) => (t === '24:00' ? '00:00' : t);

export function draftOf(hours: OpeningHours): HoursDraft {
  const week = emptyWeek();
  for (const w of hours.weekly) week[w.day].push({ start: fromApi(w.open), end: fromApi(w.close) });
  const exceptions = (hours.exceptions ?? [])
    .map((e) => ({
      key: newKey(),
      date: e.date,
      closed: e.intervals.length === 0,
      intervals: e.intervals.map((i) => ({ start: fromApi(i.open), end: fromApi(i.close) })),
    }))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { week, exceptions };
}

/** Where each weekly interval of the document came from, to put its errors back on its row. */
export type Source = { day: Weekday; index: number };

export function documentOf(draft: HoursDraft): { hours: OpeningHours; sources: Source[] } {
  const weekly: OpeningHours['weekly'] = [];
  const sources: Source[] = [];
  for (const { value: day } of weekdays)
    draft.week[day].forEach((r, index) => {
      weekly.push({ day, open: r.start, close: r.end });
      sources.push({ day, index });
    });
  const exceptions = draft.exceptions.map((e) => ({
    date: e.date,
    intervals: e.closed ? [] : e.intervals.map((r) => ({ open: r.start, close: r.end })),
  }));
  return { hours: { weekly, exceptions }, sources };
}

export interface HoursErrors {
  week: Partial<Record<Weekday, Record<number, string>>>;
  /** By exception key: the date, and its ranges by index. */
  exceptions: Record<number, { date?: string; ranges: Record<number, string>; whole?: string }>;
  /** Errors no row shows. */
  other: string[];
}

export const noErrors = (): HoursErrors => ({ week: {}, exceptions: {}, other: [] });

const sentence = (s: string) => s[0]!.toUpperCase() + s.slice(1).replace(/\.?$/, '.');

/** The API's paths ("opening_hours.weekly[3].close") put back on the rows they are about. */
export function hoursErrors(
  paths: Record<string, string>,
  draft: HoursDraft,
  sources: Source[],
): HoursErrors {
  const out = noErrors();
  for (const [path, message] of Object.entries(paths)) {
    const weekly = /^opening_hours\.weekly\[(\d+)\](?:\.(\w+))?$/.exec(path);
    const exception = /^opening_hours\.exceptions\[(\d+)\](?:\.(date|intervals)(?:\[(\d+)\])?)?/.exec(path);
    if (weekly) {
      const source = sources[Number(weekly[1])];
      if (!source) continue;
      const field = weekly[2] === 'open' ? 'Opening time' : weekly[2] === 'close' ? 'Closing time' : 'These hours';
      (out.week[source.day] ??= {})[source.index] = `${field} ${message.replace(/\.$/, '')}.`;
    } else if (exception) {
      const row = draft.exceptions[Number(exception[1])];
      if (!row) continue;
      const slot = (out.exceptions[row.key] ??= { ranges: {} });
      if (exception[2] === 'date') slot.date = sentence(`the date ${message}`);
      else if (exception[3] !== undefined) slot.ranges[Number(exception[3])] = sentence(`these hours ${message}`);
      else slot.whole = sentence(`this date ${message}`);
    } else {
      out.other.push(sentence(`${path.replace(/^opening_hours\.?/, 'opening hours ')} ${message}`));
    }
  }
  return out;
}

/** Checks the browser can make before saving (empty times, two rows for one date). */
export function localErrors(draft: HoursDraft): HoursErrors | null {
  const out = noErrors();
  let found = false;
  for (const { value: day } of weekdays)
    draft.week[day].forEach((r, i) => {
      if (!r.start || !r.end) {
        (out.week[day] ??= {})[i] = 'Enter both the opening and the closing time.';
        found = true;
      }
    });
  const seen = new Set<string>();
  for (const e of draft.exceptions) {
    const slot = (out.exceptions[e.key] ??= { ranges: {} });
    if (!e.date) {
      slot.date = 'Choose the date.';
      found = true;
    } else if (seen.has(e.date)) {
      slot.date = 'This date is already in the list: change one of them.';
      found = true;
    }
    seen.add(e.date);
    if (!e.closed && e.intervals.length === 0) {
      slot.whole = 'Add the hours of that day, or choose “Closed all day”.';
      found = true;
    }
    e.intervals.forEach((r, i) => {
      if (!e.closed && (!r.start || !r.end)) {
        slot.ranges[i] = 'Enter both the opening and the closing time.';
        found = true;
      }
    });
  }
  return found ? out : null;
}

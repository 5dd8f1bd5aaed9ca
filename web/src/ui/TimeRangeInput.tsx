// A time range of one day: two labelled <input type="time"> ("Opens", "Closes") grouped under a
// name ("Monday, hours 1"). A range whose end is at or before its start runs past midnight, and
// the component says so in words ("closes at 02:00 the next day").
import { useId } from 'preact/hooks';

export interface TimeRange {
  /** "HH:MM" local time. */
  start: string;
  /** "HH:MM"; at or before `start` means the next day. */
  end: string;
}

export interface TimeRangeInputProps {
  /** Names the pair for screen readers and tests: "Monday, hours 1". */
  label: string;
  value: TimeRange;
  onChange: (value: TimeRange) => void;
  startLabel?: string;
  endLabel?: string;
  error?: string;
  /** Extra controls after the inputs (e.g. a Remove button). */
  children?: preact.ComponentChildren;
}

/** How a range reads: "18:00 to 02:00 the next day", "around the clock". */
export function describeRange({ start, end }: TimeRange): string | null {
  if (!start || !end) return null;
  if (end === start) return 'Open around the clock: 24 hours from the start time.';
  if (end === '00:00') return 'Until midnight.';
  if (end < start) return `Runs past midnight: until ${end} the next day.`;
  return null;
}

export function TimeRangeInput({
  label,
  value,
  onChange,
  startLabel = 'Opens',
  endLabel = 'Closes',
  error,
  children,
}: TimeRangeInputProps) {
  const id = useId();
  const note = describeRange(value);
  const noteId = note ? `${id}-note` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [noteId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class="time-range" role="group" aria-label={label}>
      <div class="time-range-inputs">
        <div class="field">
          <label for={`${id}-start`}>{startLabel}</label>
          <input
            id={`${id}-start`}
            type="time"
            required
            value={value.start}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy}
            onInput={(e) => onChange({ ...value, start: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for={`${id}-end`}>{endLabel}</label>
          <input
            id={`${id}-end`}
            type="time"
            required
            value={value.end}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy}
            onInput={(e) => onChange({ ...value, end: e.currentTarget.value })}
          />
        </div>
        {children && <div class="time-range-actions">{children}</div>}
      </div>
      {note && (
        <span id={noteId} class="hint">
          {note}
        </span>
      )}
      {error && (
        <span id={errorId} class="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

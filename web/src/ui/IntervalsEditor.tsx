// A list of time ranges of one day (a weekday's opening hours, a special date's hours) with
// "Add hours" and "Remove". Focus follows the change: into the new range after adding, to the
// "Add" button after removing.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from './Button';
import { TimeRangeInput, type TimeRange } from './TimeRangeInput';

export interface IntervalsEditorProps {
  /** The day, as the group's legend: "Monday", "24 December 2026". */
  legend: string;
  intervals: readonly TimeRange[];
  onChange: (intervals: TimeRange[]) => void;
  /** Said when the list is empty, e.g. "Closed all day." */
  emptyText: string;
  /** A range added by "Add hours" (defaults to 11:00–22:00 after the last one). */
  template?: TimeRange;
  /** Errors by index of the range. */
  errors?: Record<number, string>;
  /** An error about the whole day. */
  error?: string;
  startLabel?: string;
  endLabel?: string;
  /** Extra actions beside "Add hours" (e.g. "Copy to every day"). */
  actions?: preact.ComponentChildren;
}

export function IntervalsEditor({
  legend,
  intervals,
  onChange,
  emptyText,
  template = { start: '11:00', end: '22:00' },
  errors = {},
  error,
  startLabel,
  endLabel,
  actions,
}: IntervalsEditorProps) {
  const box = useRef<HTMLFieldSetElement>(null);
  const addButton = useRef<HTMLDivElement>(null);
  const [focus, setFocus] = useState<number | 'add' | null>(null);

  useEffect(() => {
    if (focus === null) return;
    if (focus === 'add') addButton.current?.querySelector('button')?.focus();
    else box.current?.querySelectorAll<HTMLElement>('.time-range')[focus]?.querySelector('input')?.focus();
    setFocus(null);
  }, [focus]);

  const add = () => {
    const last = intervals[intervals.length - 1];
    // A second range of a day defaults to the evening after a lunch range.
    const next = last ? { start: last.end < '18:00' ? '18:00' : last.end, end: '23:00' } : template;
    onChange([...intervals, next]);
    setFocus(intervals.length);
  };

  return (
    <fieldset ref={box} class="intervals">
      <legend>{legend}</legend>
      {intervals.length === 0 && <p class="muted intervals-empty">{emptyText}</p>}
      {intervals.map((interval, i) => (
        <TimeRangeInput
          key={i}
          label={`${legend}, hours ${i + 1}`}
          value={interval}
          startLabel={startLabel}
          endLabel={endLabel}
          error={errors[i]}
          onChange={(v) => onChange(intervals.map((x, j) => (j === i ? v : x)))}
        >
          <Button
            variant="secondary"
            class="btn-small"
            aria-label={`Remove ${legend} hours ${i + 1}`}
            onClick={() => {
              onChange(intervals.filter((_, j) => j !== i));
              setFocus('add');
            }}
          >
            Remove
          </Button>
        </TimeRangeInput>
      ))}
      {error && <span class="field-error">{error}</span>}
      <div class="form-actions" ref={addButton}>
        <Button variant="secondary" class="btn-small" aria-label={`Add hours on ${legend}`} onClick={add}>
          Add hours
        </Button>
        {actions}
      </div>
    </fieldset>
  );
}

// Availability windows (a breakfast menu on weekdays 07:00–11:00): each window is some days of
// the week and a time range; none means "whenever the store is open".
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from './Button';
import { CheckboxGroup } from './CheckboxGroup';
import { TimeRangeInput } from './TimeRangeInput';
import { weekdays, type Weekday } from './WeeklyHoursEditor';

export interface AvailabilityWindow {
  days: Weekday[];
  /** "HH:MM" local time. */
  start: string;
  /** "HH:MM"; at or before `start` runs past midnight. */
  end: string;
}

export interface WindowsEditorProps {
  /** What the windows apply to, as the legend: "When Breakfast is available". */
  legend: string;
  value: readonly AvailabilityWindow[];
  onChange: (value: AvailabilityWindow[]) => void;
  /** An error about the windows (from the API's `availability` field). */
  error?: string;
}

const dayOptions = weekdays.map((d) => ({ value: d.value, label: d.label }));

export function WindowsEditor({ legend, value, onChange, error }: WindowsEditorProps) {
  const box = useRef<HTMLFieldSetElement>(null);
  const [focusLast, setFocusLast] = useState(false);
  useEffect(() => {
    if (!focusLast) return;
    const windows = box.current?.querySelectorAll<HTMLElement>('.window');
    windows?.[windows.length - 1]?.querySelector('input')?.focus();
    setFocusLast(false);
  }, [focusLast]);

  const change = (i: number, w: AvailabilityWindow) =>
    onChange(value.map((x, j) => (j === i ? w : x)));

  return (
    <fieldset ref={box} class="windows">
      <legend>{legend}</legend>
      {value.length === 0 && (
        <p class="muted">Always, while the store is open. Add a time window to limit it.</p>
      )}
      {value.map((w, i) => (
        <div class="window" key={i}>
          <CheckboxGroup
            legend={`Time window ${i + 1}: days`}
            columns
            options={dayOptions}
            values={w.days}
            onChange={(days) => change(i, { ...w, days: days as Weekday[] })}
          />
          <TimeRangeInput
            label={`Time window ${i + 1}: hours`}
            startLabel="From"
            endLabel="Until"
            value={w}
            onChange={(r) => change(i, { ...w, start: r.start, end: r.end })}
          >
            <Button
              variant="secondary"
              class="btn-small"
              aria-label={`Remove time window ${i + 1}`}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
            >
              Remove
            </Button>
          </TimeRangeInput>
        </div>
      ))}
      {error && <span class="field-error">{error}</span>}
      <div class="form-actions">
        <Button
          variant="secondary"
          class="btn-small"
          onClick={() => {
            onChange([
              ...value,
              { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '07:00', end: '11:00' },
            ]);
            setFocusLast(true);
          }}
        >
          Add a time window
        </Button>
      </div>
    </fieldset>
  );
}

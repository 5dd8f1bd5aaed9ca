// Opening hours for each day of the week: several ranges a day (lunch and dinner), a range that
// runs past midnight explained in words, and "Use Monday's hours every day".
import { Button } from './Button';
import { IntervalsEditor } from './IntervalsEditor';
import type { TimeRange } from './TimeRangeInput';

export const weekdays = [
  { value: 'mon', label: 'Monday' },
  { value: 'tue', label: 'Tuesday' },
  { value: 'wed', label: 'Wednesday' },
  { value: 'thu', label: 'Thursday' },
  { value: 'fri', label: 'Friday' },
  { value: 'sat', label: 'Saturday' },
  { value: 'sun', label: 'Sunday' },
] as const;

export type Weekday = (typeof weekdays)[number]['value'];
export type WeeklyHours = Record<Weekday, TimeRange[]>;

export const emptyWeek = (): WeeklyHours => ({
  mon: [],
  tue: [],
  wed: [],
  thu: [],
  fri: [],
  sat: [],
  sun: [],
});

export interface WeeklyHoursEditorProps {
  value: WeeklyHours;
  onChange: (value: WeeklyHours) => void;
  /** Errors by day and index of the range. */
  errors?: Partial<Record<Weekday, Record<number, string>>>;
}

export function WeeklyHoursEditor({ value, onChange, errors = {} }: WeeklyHoursEditorProps) {
  return (
    <div class="weekly-hours">
      {weekdays.map((day) => (
        <IntervalsEditor
          key={day.value}
          legend={day.label}
          intervals={value[day.value]}
          emptyText="Closed all day."
          errors={errors[day.value]}
          onChange={(intervals) => onChange({ ...value, [day.value]: intervals })}
          actions={
            day.value === 'mon' && (
              <Button
                variant="secondary"
                class="btn-small"
                onClick={() => {
                  const copy = (): TimeRange[] => value.mon.map((r) => ({ ...r }));
                  onChange({
                    mon: value.mon,
                    tue: copy(),
                    wed: copy(),
                    thu: copy(),
                    fri: copy(),
                    sat: copy(),
                    sun: copy(),
                  });
                }}
              >
                Use Monday's hours every day
              </Button>
            )
          }
        />
      ))}
    </div>
  );
}

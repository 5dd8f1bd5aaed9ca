// Special dates (holidays, events): each replaces that date's weekly hours, closed all day or
// open at special hours.
import { Button, IntervalsEditor, RadioGroup } from '../../ui';
import { newKey, type ExceptionRow, type HoursErrors } from './hoursModel';

const longDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeZone: 'UTC' });
/** "Thursday, 24 December 2026" for "2026-12-24" (a local date: no time zone shift). */
export const dateWords = (date: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(date) ? longDate.format(new Date(`${date}T00:00:00Z`)) : 'a date to choose';

export function ExceptionsEditor({
  value,
  onChange,
  errors,
}: {
  value: ExceptionRow[];
  onChange: (rows: ExceptionRow[]) => void;
  errors: HoursErrors['exceptions'];
}) {
  const change = (key: number, row: Partial<ExceptionRow>) =>
    onChange(value.map((r) => (r.key === key ? { ...r, ...row } : r)));

  return (
    <div class="stack">
      {value.length === 0 && (
        <p class="muted">No special dates. The weekly hours apply every week of the year.</p>
      )}
      <ol class="exceptions">
        {value.map((row, n) => {
          const err = errors[row.key];
          const name = row.date ? dateWords(row.date) : `Special date ${n + 1}`;
          return (
            <li key={row.key}>
              <fieldset class="intervals">
                <legend>{name}</legend>
                <div class="field">
                  <label for={`exception-${row.key}-date`}>Date</label>
                  <input
                    id={`exception-${row.key}-date`}
                    type="date"
                    value={row.date}
                    required
                    aria-invalid={err?.date ? 'true' : undefined}
                    aria-describedby={err?.date ? `exception-${row.key}-date-error` : undefined}
                    onInput={(e) => change(row.key, { date: e.currentTarget.value })}
                  />
                  {err?.date && (
                    <span id={`exception-${row.key}-date-error`} class="field-error">
                      {err.date}
                    </span>
                  )}
                </div>
                <RadioGroup
                  name={`exception-${row.key}-kind`}
                  legend="That day"
                  required
                  defaultValue={row.closed ? 'closed' : 'special'}
                  options={[
                    { value: 'closed', label: 'Closed all day' },
                    { value: 'special', label: 'Open at special hours' },
                  ]}
                  onChange={(v) =>
                    change(row.key, {
                      closed: v === 'closed',
                      intervals:
                        v === 'special' && row.intervals.length === 0
                          ? [{ start: '11:00', end: '15:00' }]
                          : row.intervals,
                    })
                  }
                />
                {!row.closed && (
                  <IntervalsEditor
                    legend={`Hours on ${name}`}
                    intervals={row.intervals}
                    emptyText="No hours yet: add them, or choose “Closed all day”."
                    errors={err?.ranges}
                    error={err?.whole}
                    onChange={(intervals) => change(row.key, { intervals })}
                  />
                )}
                {row.closed && err?.whole && <span class="field-error">{err.whole}</span>}
                <div class="form-actions">
                  <Button
                    variant="secondary"
                    class="btn-small"
                    aria-label={`Remove this date: ${name}`}
                    onClick={() => onChange(value.filter((r) => r.key !== row.key))}
                  >
                    Remove this date
                  </Button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button
        variant="secondary"
        onClick={() => {
          onChange([...value, { key: newKey(), date: '', closed: true, intervals: [] }]);
          requestAnimationFrame(() => {
            const inputs = document.querySelectorAll<HTMLInputElement>('.exceptions input[type="date"]');
            inputs[inputs.length - 1]?.focus();
          });
        }}
      >
        Add a special date
      </Button>
    </div>
  );
}

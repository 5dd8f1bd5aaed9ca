// Ratings from 1 to 5: a display ("★ 4.6 · 23 ratings", read as "Rated 4.6 out of 5 from 23
// ratings") and an input (five radios with their own labels, drawn as stars; arrow keys move
// between them as in any radio group).
import { useId } from 'preact/hooks';
import { useFormState } from './Form';
import { fieldMessage } from './fieldMessage';

const one = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export interface RatingProps {
  average: number;
  count: number;
}

/** A merchant's average rating; "No ratings yet" when nobody rated it. */
export function Rating({ average, count }: RatingProps) {
  if (count === 0) return <span class="rating muted">No ratings yet</span>;
  const ratings = `${count} rating${count === 1 ? '' : 's'}`;
  return (
    <span class="rating">
      <span aria-hidden="true">
        <span class="rating-star">★</span> {one.format(average)} · {ratings}
      </span>
      <span class="visually-hidden">
        Rated {one.format(average)} out of 5 from {ratings}
      </span>
    </span>
  );
}

/** What each number of stars means, said with the radio. */
export const ratingWords = ['Very poor', 'Poor', 'OK', 'Good', 'Excellent'] as const;

export interface RatingInputProps {
  /** The API field name (problem+json `errors[].field`), e.g. "rating". */
  name: string;
  legend: string;
  value: number | null;
  onChange: (value: number) => void;
  error?: string;
  required?: boolean;
}

export function RatingInput({ name, legend, value, onChange, error, required }: RatingInputProps) {
  const id = useId();
  const form = useFormState();
  const message = fieldMessage(legend, error ?? form?.fields[name]);
  return (
    <fieldset class="rating-input" aria-describedby={message ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      <div class="rating-stars">
        {ratingWords.map((words, i) => {
          const stars = i + 1;
          const optionId = `${id}-${stars}`;
          return (
            <span key={stars} class="rating-option">
              <input
                type="radio"
                id={optionId}
                name={name}
                value={String(stars)}
                checked={value === stars}
                required={required}
                class="visually-hidden-input"
                onChange={() => onChange(stars)}
              />
              <label for={optionId} class={value !== null && stars <= value ? 'on' : undefined}>
                <span aria-hidden="true">★</span>
                <span class="visually-hidden">
                  {stars} star{stars === 1 ? '' : 's'}: {words}
                </span>
              </label>
            </span>
          );
        })}
      </div>
      <span class="hint" aria-hidden="true">
        {value ? `${value} of 5: ${ratingWords[value - 1]}` : 'Not rated yet'}
      </span>
      {message && (
        <span id={`${id}-error`} class="field-error">
          {message}
        </span>
      )}
    </fieldset>
  );
}

// − 2 + : a quantity changed one step at a time with two real buttons (no typing needed, large
// touch targets). The number is announced after each step. The buttons are never `disabled`
// (that would drop keyboard focus while a step is saved): they say aria-disabled and ignore
// presses instead.
import { useId } from 'preact/hooks';

export interface QuantityStepperProps {
  value: number;
  onChange: (value: number) => void;
  /** What is counted, for screen readers: "Margherita" gives "Fewer Margherita". */
  itemName: string;
  min?: number;
  max?: number;
  /** A change is being saved: both buttons wait. */
  busy?: boolean;
  disabled?: boolean;
}

export function QuantityStepper({
  value,
  onChange,
  itemName,
  min = 1,
  max = 99,
  busy = false,
  disabled = false,
}: QuantityStepperProps) {
  const id = useId();
  const canLess = !disabled && !busy && value > min;
  const canMore = !disabled && !busy && value < max;
  return (
    <div class="stepper" role="group" aria-labelledby={`${id}-label`} aria-busy={busy || undefined}>
      <span id={`${id}-label`} class="visually-hidden">
        Quantity of {itemName}
      </span>
      <button
        type="button"
        class="stepper-button"
        aria-label={`One fewer ${itemName}`}
        aria-disabled={!canLess}
        onClick={() => canLess && onChange(value - 1)}
      >
        <span aria-hidden="true">−</span>
      </button>
      <output class="stepper-value" aria-live="polite" aria-atomic="true">
        <span class="visually-hidden">Quantity: </span>
        {value}
      </output>
      <button
        type="button"
        class="stepper-button"
        aria-label={`One more ${itemName}`}
        aria-disabled={!canMore}
        onClick={() => canMore && onChange(value + 1)}
      >
        <span aria-hidden="true">+</span>
      </button>
    </div>
  );
}

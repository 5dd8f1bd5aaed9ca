// An on/off switch that acts at once (sold out, open for orders): a <button role="switch"> with
// aria-checked, its own visible label, and the state in words beside it (never colour alone).
// While the change is saved it shows progress and ignores further presses.
import { useId } from 'preact/hooks';

export interface ToggleProps {
  /** What is switched, e.g. "Sold out". */
  label: string;
  checked: boolean;
  /** Called with the new state; the parent saves it and updates `checked`. */
  onChange: (checked: boolean) => void;
  /** Words for the two states, e.g. ["Available", "Sold out"]. Default ["Off", "On"]. */
  stateLabels?: readonly [string, string];
  busy?: boolean;
  disabled?: boolean;
  /** Extra words for screen readers, e.g. the item's name: "Sold out: Margherita". */
  accessibleLabel?: string;
  hint?: string;
}

export function Toggle({
  label,
  checked,
  onChange,
  stateLabels = ['Off', 'On'],
  busy = false,
  disabled = false,
  accessibleLabel,
  hint,
}: ToggleProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="toggle">
      <button
        type="button"
        role="switch"
        id={id}
        class="toggle-switch"
        aria-checked={checked ? 'true' : 'false'}
        aria-label={accessibleLabel}
        aria-describedby={hintId}
        aria-busy={busy ? 'true' : undefined}
        aria-disabled={busy || disabled ? 'true' : undefined}
        onClick={() => !busy && !disabled && onChange(!checked)}
      >
        <span class="toggle-track" aria-hidden="true">
          <span class="toggle-thumb" />
        </span>
        <span class="toggle-label">{label}</span>
      </button>
      <span class="toggle-state" aria-hidden="true">
        {busy ? 'Saving…' : stateLabels[checked ? 1 : 0]}
      </span>
      {hint && (
        <span id={hintId} class="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

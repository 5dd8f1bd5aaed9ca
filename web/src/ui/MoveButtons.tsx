// "Move up" / "Move down" for reordering a list with the keyboard (no drag-only UI). At the ends
// the button stays focusable but says it cannot move (aria-disabled), so focus is never lost
// when an item reaches the top or bottom. On a phone only the arrows show, so that a row's
// buttons stay on one line (the accessible names keep the words).
import { Button } from './Button';

export interface MoveButtonsProps {
  /** The item's name, for the buttons' accessible names: "Move Breakfast up". */
  name: string;
  /** The item's index in the list and the list's length. */
  index: number;
  count: number;
  onMove: (direction: -1 | 1) => void;
  /** A move is being saved. */
  busy?: boolean;
}

export function MoveButtons({ name, index, count, onMove, busy = false }: MoveButtonsProps) {
  const first = index === 0;
  const last = index === count - 1;
  return (
    <span class="move-buttons" role="group" aria-label={`Order of ${name}`}>
      <Button
        variant="secondary"
        class="btn-small"
        aria-label={`Move ${name} up`}
        aria-disabled={first || busy ? 'true' : undefined}
        onClick={() => !first && !busy && onMove(-1)}
      >
        <span aria-hidden="true">↑</span> <span class="move-word">Up</span>
      </Button>
      <Button
        variant="secondary"
        class="btn-small"
        aria-label={`Move ${name} down`}
        aria-disabled={last || busy ? 'true' : undefined}
        onClick={() => !last && !busy && onMove(1)}
      >
        <span aria-hidden="true">↓</span> <span class="move-word">Down</span>
      </Button>
    </span>
  );
}

/** The list with the entry at `index` moved one place in `direction`. */
export function moved<T>(list: readonly T[], index: number, direction: -1 | 1): T[] {
  const to = index + direction;
  if (to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[index], out[to]] = [out[to]!, out[index]!];
  return out;
}

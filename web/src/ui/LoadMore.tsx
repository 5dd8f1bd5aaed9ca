import { useEffect, useRef } from 'preact/hooks';
import { Button } from './Button';

export interface LoadMoreProps {
  /** How many rows are shown. */
  shown: number;
  /** Nothing more to load. */
  done: boolean;
  busy: boolean;
  onMore: () => void;
  /** What the rows are, singular and plural: ["user", "users"]. */
  noun: readonly [string, string];
}

/**
 * Pagination by "Load more": a polite status says how many rows are shown (and when that is all);
 * the button shows progress. When the last page arrives and the button goes away, focus moves to
 * the status instead of being lost.
 */
export function LoadMore({ shown, done, busy, onMore, noun }: LoadMoreProps) {
  const status = useRef<HTMLParagraphElement>(null);
  const buttonWasFocused = useRef(false);
  const text = done
    ? shown === 1
      ? `Showing the only ${noun[0]}.`
      : `Showing all ${shown} ${noun[1]}.`
    : `Showing ${shown} ${shown === 1 ? noun[0] : noun[1]}. There are more.`;

  useEffect(() => {
    if (done && buttonWasFocused.current) status.current?.focus();
    buttonWasFocused.current = false;
  }, [done]);

  return (
    <div class="load-more">
      <p ref={status} role="status" tabIndex={-1} class="muted">
        {text}
      </p>
      {!done && (
        <Button
          variant="secondary"
          busy={busy}
          busyLabel="Loading more…"
          onClick={(e) => {
            buttonWasFocused.current = e.currentTarget === document.activeElement;
            onMore();
          }}
        >
          Load more
        </Button>
      )}
    </div>
  );
}

// A search field that searches as you type: the query goes out once typing pauses (debounced),
// Enter searches at once, and a polite live region says what came back ("3 merchants and 5
// dishes") without moving focus. Arrow Down moves from the field into the results.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';

export interface SearchBoxProps {
  label: string;
  /** The text to start with (e.g. from the address bar). */
  defaultValue?: string;
  /** Called with the trimmed query after `delay` ms without typing, and on Enter. */
  onSearch: (query: string) => void;
  delay?: number;
  placeholder?: string;
  hint?: string;
  /** Announced politely: the result count, "Searching…", or what went wrong. */
  status: ComponentChildren;
  /** The element holding the results: Arrow Down focuses its first link or button. */
  resultsId?: string;
  /** The input's id (for `data-arrow-back` on the results, see arrowKeys). */
  inputId?: string;
}

export function SearchBox({
  label,
  defaultValue = '',
  onSearch,
  delay = 250,
  placeholder,
  hint,
  status,
  resultsId,
  inputId,
}: SearchBoxProps) {
  const generated = useId();
  const id = inputId ?? generated;
  const [text, setText] = useState(defaultValue);
  const sent = useRef(defaultValue.trim());
  const search = useRef(onSearch);
  search.current = onSearch;

  const send = (value: string) => {
    const q = value.trim();
    if (q === sent.current) return;
    sent.current = q;
    search.current(q);
  };

  useEffect(() => {
    const timer = setTimeout(() => send(text), delay);
    return () => clearTimeout(timer);
  }, [text, delay]);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter') {
      e.preventDefault();
      send(text);
    } else if (e.key === 'ArrowDown' && resultsId) {
      const first = document
        .getElementById(resultsId)
        ?.querySelector<HTMLElement>('a[href], button:not([disabled])');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  }

  return (
    <div class="search-box" role="search">
      <div class="field">
        <label for={id}>{label}</label>
        {hint && (
          <span id={`${id}-hint`} class="hint">
            {hint}
          </span>
        )}
        <input
          id={id}
          type="search"
          value={text}
          placeholder={placeholder}
          autoComplete="off"
          spellcheck={false}
          enterKeyHint="search"
          aria-describedby={[hint ? `${id}-hint` : '', `${id}-status`].filter(Boolean).join(' ')}
          aria-controls={resultsId}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <p id={`${id}-status`} class="search-status muted" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}

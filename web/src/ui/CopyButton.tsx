import { useEffect, useState } from 'preact/hooks';
import { Button } from './Button';

export interface CopyButtonProps {
  /** The text to put on the clipboard. */
  text: string;
  /** The button's words, e.g. "Copy key". */
  label: string;
  /**
   * The element showing the text: selected when the clipboard is not available, so that
   * Ctrl+C copies it.
   */
  targetId?: string;
}

/** Copies text to the clipboard and says so (politely) beside the button. */
export function CopyButton({ text, label, targetId }: CopyButtonProps) {
  const [result, setResult] = useState<'copied' | 'manual' | null>(null);
  useEffect(() => {
    if (result !== 'copied') return;
    const t = setTimeout(() => setResult(null), 5000);
    return () => clearTimeout(t);
  }, [result]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setResult('copied');
    } catch {
      const target = targetId ? document.getElementById(targetId) : null;
      if (target) {
        const range = document.createRange();
        range.selectNodeContents(target);
        const selection = getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
      }
      setResult('manual');
    }
  }

  return (
    <span class="copy">
      <Button variant="secondary" onClick={copy}>
        {label}
      </Button>
      <span role="status" class="muted">
        {result === 'copied'
          ? 'Copied to the clipboard.'
          : result === 'manual'
            ? 'The browser did not allow copying: the text is selected, press Ctrl+C (⌘C on a Mac).'
            : ''}
      </span>
    </span>
  );
}

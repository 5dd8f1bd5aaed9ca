// Arrow Up / Arrow Down between the links and buttons of a list of results (Tab still works):
// put `onKeyDown={arrowKeys}` on the element around the results. Arrow Up from the first one goes
// back to the element named by its `data-arrow-back` attribute (the search field).
const FOCUSABLE = 'a[href], button:not([disabled])';

export function arrowKeys(e: KeyboardEvent) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const container = e.currentTarget as HTMLElement;
  const targets = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const at = targets.indexOf(document.activeElement as HTMLElement);
  if (at < 0) return;
  e.preventDefault();
  if (e.key === 'ArrowDown') targets[Math.min(at + 1, targets.length - 1)]?.focus();
  else if (at > 0) targets[at - 1]?.focus();
  else {
    const back = container.dataset.arrowBack;
    if (back) document.getElementById(back)?.focus();
  }
}

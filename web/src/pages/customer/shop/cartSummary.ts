// The customer's active carts for the navigation ("Cart (3)"): loaded when a session starts and
// again whenever a page changes a cart (cartsChanged()). Logged-out visitors have none.
import { useEffect, useState } from 'preact/hooks';
import { listCarts, type CartSummary } from '../../../api/carts';
import { session } from '../../../api/session';

/** null until the first answer (or while the session is being restored). */
let carts: CartSummary[] | null = null;
const listeners = new Set<(c: CartSummary[] | null) => void>();
let generation = 0;

function publish(next: CartSummary[] | null) {
  carts = next;
  for (const l of listeners) l(carts);
}

/** Reload the list (after adding to, changing or joining a cart). */
export async function cartsChanged(): Promise<void> {
  const mine = ++generation;
  if (session.state === 'restoring') return;
  if (session.state !== 'authenticated') return publish(session.state === 'anonymous' ? [] : carts);
  const r = await listCarts();
  // Keep the last known list when the call fails (offline, session expired): the nav stays useful.
  if (mine === generation && r.ok) publish(r.data.data);
}

let watching = false;
function watchSession() {
  if (watching) return;
  watching = true;
  session.subscribe((state) => {
    if (state === 'authenticated') void cartsChanged();
    else if (state === 'anonymous') publish([]);
  });
  void cartsChanged();
}

/** The active carts (null until known); re-renders when they change. */
export function useCartSummaries(): CartSummary[] | null {
  const [list, setList] = useState(carts);
  useEffect(() => {
    listeners.add(setList);
    watchSession();
    setList(carts);
    return () => void listeners.delete(setList);
  }, []);
  return list;
}

// One cart on screen and the changes made to it. Every change is sent against the version on
// screen; when the cart changed meanwhile (412: another participant, another tab) it is reloaded
// and the page says so instead of overwriting someone's change. Group carts are re-read every
// few seconds while the page is visible, so the host sees participants' lines arrive.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { getCart, type Cart } from '../../../api/carts';
import type { Outcome } from '../../../api/client';
import type { UserError } from '../../../api/problem';
import { cartsChanged } from './cartSummary';

const GROUP_REFRESH_MS = 8000;

/** Sends one change made against `version`; answers the new cart (or nothing: re-read it). */
type Send = (version: number) => Promise<Outcome<Cart | undefined>>;

export interface CartView {
  cart: Cart | null;
  /** Loading the cart failed (404: not yours or gone). */
  loadError: UserError | null;
  /** The last change failed: why, in words. */
  changeError: string | null;
  /** A change is on its way (its key, e.g. "line:<id>" or "lock"). */
  busy: string | null;
  /** Make a change against the current version; the answer replaces the cart. */
  change: (key: string, send: Send) => Promise<boolean>;
  reload: () => Promise<void>;
  /** Show a cart an answer carried (e.g. with a group invite). */
  replace: (cart: Cart) => void;
}

export function useCart(cartId: string): CartView {
  const [cart, setCart] = useState<Cart | null>(null);
  const [loadError, setLoadError] = useState<UserError | null>(null);
  const [changeError, setChangeError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const current = useRef<Cart | null>(null);
  current.current = cart;
  const busyRef = useRef(busy);
  busyRef.current = busy;

  const reload = useCallback(async () => {
    const r = await getCart(cartId);
    if (r.ok) {
      setCart(r.data);
      setLoadError(null);
    } else if (!current.current || r.error.status === 404) setLoadError(r.error);
  }, [cartId]);

  useEffect(() => {
    setCart(null);
    void reload();
  }, [reload]);

  const group = cart?.group ?? false;
  useEffect(() => {
    if (!group) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible' && !busyRef.current) void reload();
    }, GROUP_REFRESH_MS);
    return () => clearInterval(timer);
  }, [group, reload]);

  const change = useCallback<CartView['change']>(
    async (key, send) => {
      const version = current.current?.version;
      if (version === undefined || busyRef.current) return false;
      setBusy(key);
      setChangeError(null);
      const r = await send(version);
      setBusy(null);
      if (r.ok) {
        if (r.data) setCart(r.data);
        else await reload();
        void cartsChanged();
        return true;
      }
      if (r.error.status === 412) {
        await reload();
        setChangeError(
          'The cart changed in the meantime (someone else edited it). It is up to date now: check it and try again.',
        );
      } else {
        setChangeError(r.error.message);
      }
      return false;
    },
    [reload],
  );

  return { cart, loadError, changeError, busy, change, reload, replace: setCart };
}

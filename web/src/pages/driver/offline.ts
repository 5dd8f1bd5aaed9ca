// The driver app opened without network: the session this tab kept cannot be restored until the
// network is back, so the app runs from what the phone kept (the account, the courier profile,
// the deliveries under way) instead of sending the courier to the login page, and restores the
// session and sends the outbox as soon as the browser is online again.
import { useEffect } from 'preact/hooks';
import type { Profile } from '../../api/auth';
import { resumeSession } from '../../api/client';
import type { Delivery, DriverProfile } from '../../api/deliveries';
import { session } from '../../api/session';
import { useSession } from '../../auth/useSession';
import { flush } from './outbox';

const ME_KEY = 'reskflow.driver.me';
const COURIER_KEY = 'reskflow.driver.courier';

/** What the courier's pages need to open without network. */
export interface KeptCourier {
  driverId: string;
  profile: DriverProfile | null;
  active: Delivery[];
}

function read<T>(key: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

export const keepMe = (me: Profile) => localStorage.setItem(ME_KEY, JSON.stringify(me));
export const keptMe = () => read<Profile>(ME_KEY);
export const keepCourier = (kept: KeptCourier) => localStorage.setItem(COURIER_KEY, JSON.stringify(kept));
export function keptCourier(driverId: string): KeptCourier | null {
  const kept = read<KeptCourier>(COURIER_KEY);
  return kept?.driverId === driverId ? kept : null;
}

/** Forgets what a signed-out courier's phone kept (the next account must not see it). */
export function forgetKept() {
  localStorage.removeItem(ME_KEY);
  localStorage.removeItem(COURIER_KEY);
}

/** The tab kept a session that could not be restored yet (opened offline). */
export function useResumable(): boolean {
  const state = useSession();
  return state === 'anonymous' && session.stored;
}

/** While `resumable`: restores the session when the browser is online, then sends the outbox. */
export function useResumeWhenOnline(resumable: boolean) {
  useEffect(() => {
    if (!resumable) return;
    const retry = () =>
      void resumeSession().then((ok) => {
        if (ok) void flush();
      });
    addEventListener('online', retry);
    if (navigator.onLine) retry();
    return () => removeEventListener('online', retry);
  }, [resumable]);
}

// Who is signed in (id and name), for pages that treat one's own things differently: a group
// cart's own lines are editable, the name pre-fills "your name in the group". Loaded once per
// session; forgotten when the session ends (the next login may be another account).
import { useEffect, useState } from 'preact/hooks';
import { getMe, type Profile } from '../../../api/auth';
import { session } from '../../../api/session';
import { useSession } from '../../../auth/useSession';

let cached: Promise<Profile | null> | null = null;

function loadMe(): Promise<Profile | null> {
  if (!cached) {
    const mine = getMe().then((r) => (r.ok ? r.data : null));
    cached = mine;
    void mine.then((me) => {
      if (!me && cached === mine) cached = null; // try again next time
    });
  }
  return cached;
}

session.subscribe((state) => {
  if (state !== 'authenticated') cached = null;
});

/** The signed-in customer, or null (logged out, or still loading). */
export function useMe(): Profile | null {
  const state = useSession();
  const [me, setMe] = useState<Profile | null>(null);
  useEffect(() => {
    if (state !== 'authenticated') return;
    let live = true;
    void loadMe().then((p) => live && setMe(p));
    return () => {
      live = false;
    };
  }, [state]);
  return state === 'anonymous' ? null : me;
}

import { useEffect, useState } from 'preact/hooks';
import { session, type SessionState } from '../api/session';

/** The tab's session state; re-renders when it changes (login, logout, expiry). */
export function useSession(): SessionState {
  const [state, setState] = useState(session.state);
  useEffect(() => {
    setState(session.state);
    return session.subscribe(setState);
  }, []);
  return state;
}

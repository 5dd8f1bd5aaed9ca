// While the server asks the session's refresh to wait (429 with Retry-After), this banner says so
// and counts down, instead of the portal logging the user out without a word.
import { useEffect, useState } from 'preact/hooks';
import { session } from '../api/session';
import { Alert } from '../ui';

export function RefreshNotice() {
  const [retryAt, setRetryAt] = useState(session.retryAt);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    // A 429 answered between the first render and this effect would otherwise go unseen.
    setRetryAt(session.retryAt);
    return session.subscribeRetry(setRetryAt);
  }, []);
  useEffect(() => {
    if (retryAt === null) return;
    setNow(Date.now());
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [retryAt]);
  if (retryAt === null) return null;
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  return (
    <div class="refresh-notice">
      <Alert tone="info">
        {`Too many requests: retrying in ${seconds} s. You are still logged in.`}
      </Alert>
    </div>
  );
}

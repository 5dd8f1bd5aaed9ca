// What the phone still has to send, in words: nothing, or how many steps and points wait for the
// network (the courier keeps working meanwhile).
import { useEffect, useState } from 'preact/hooks';
import { onOutboxState, outboxState, type OutboxState } from './outbox';

export function useOutboxState(): OutboxState {
  const [state, setState] = useState(outboxState);
  useEffect(() => onOutboxState(setState), []);
  return state;
}

export function OutboxStatus() {
  const { steps, points, waiting } = useOutboxState();
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    addEventListener('online', update);
    addEventListener('offline', update);
    return () => {
      removeEventListener('online', update);
      removeEventListener('offline', update);
    };
  }, []);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  let words: string;
  if (steps === 0 && points === 0) words = online ? 'Everything is sent.' : 'No network. What you do now is kept on this phone.';
  else {
    const what = [steps > 0 && plural(steps, 'step'), points > 0 && plural(points, 'location point')]
      .filter(Boolean)
      .join(' and ');
    words =
      waiting || !online
        ? `No network: ${what} kept on this phone, sent in order once you are back online.`
        : `Sending ${what}…`;
  }
  return (
    <p role="status" class={`outbox-status${steps + points > 0 && (waiting || !online) ? ' outbox-waiting' : ''}`}>
      {words}
    </p>
  );
}

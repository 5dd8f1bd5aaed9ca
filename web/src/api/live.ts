// Live topics over the API's WebSocket (/v1/ws): a single-use ticket from POST /v1/ws/tickets
// opens the socket as the tab's session (a token never goes into a URL), then one subscription.
// A closed socket is opened again with a new ticket, waiting longer each time (up to 15 s); after
// every (re)subscription the page is told to re-read what it shows, since events sent while the
// socket was down are not replayed.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, call } from './client';

/** connecting: not subscribed yet; live: events arrive; offline: waiting to try again. */
export type LiveState = 'connecting' | 'live' | 'offline';

/** An event's data, or null for "you may have missed events: re-read". */
export type LiveEvent = Record<string, unknown> | null;

const RETRY_MS_MIN = 1000;
const RETRY_MS_MAX = 15000;

function socketUrl(ticket: string): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/v1/ws?ticket=${encodeURIComponent(ticket)}`;
}

/** A followed topic: `send` writes a client message (a typing indicator) while connected. */
export interface TopicConnection {
  stop: () => void;
  /** False when the socket is not open (the message is dropped, not queued). */
  send: (message: Record<string, unknown>) => boolean;
}

/**
 * Follows `topic` until the returned function is called.
 * @param onEvent every event's data, and null after each subscription (re-read then)
 * @param onState the connection's state, for the page to show
 */
export function watchTopic(
  topic: string,
  onEvent: (data: LiveEvent) => void,
  onState: (state: LiveState) => void,
): () => void {
  return openTopic(topic, onEvent, onState).stop;
}

/** `watchTopic` that may also send client messages on the same socket. */
export function openTopic(
  topic: string,
  onEvent: (data: LiveEvent) => void,
  onState: (state: LiveState) => void,
): TopicConnection {
  let stopped = false;
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = RETRY_MS_MIN;

  const retry = () => {
    if (stopped) return;
    onState('offline');
    timer = setTimeout(() => void open(), delay);
    delay = Math.min(delay * 2, RETRY_MS_MAX);
  };

  const onMessage = (message: MessageEvent) => {
    let parsed: { type?: string; topic?: string; for?: string; data?: Record<string, unknown> };
    try {
      parsed = JSON.parse(String(message.data)) as typeof parsed;
    } catch {
      return;
    }
    if (parsed.type === 'subscribed' && parsed.topic === topic) {
      delay = RETRY_MS_MIN;
      onState('live');
      onEvent(null);
    } else if (parsed.type === 'event' && parsed.topic === topic) {
      onEvent(parsed.data ?? null);
    } else if (parsed.type === 'error' && parsed.for === undefined) {
      // A refused subscription; an error answering one of our own messages leaves it be.
      socket?.close();
    }
  };

  async function open() {
    onState('connecting');
    const ticket = await call(api.POST('/v1/ws/tickets'));
    if (stopped) return;
    if (!ticket.ok) return retry();
    const ws = new WebSocket(socketUrl(ticket.data.ticket));
    socket = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', topic }));
    ws.onmessage = onMessage;
    ws.onclose = () => {
      if (socket === ws) socket = null;
      retry();
    };
  }

  void open();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    },
    send: (message) => {
      if (socket?.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(message));
      return true;
    },
  };
}

/**
 * `watchTopic` for a component: follows `topic` while mounted (none when null) and answers the
 * connection's state. `onEvent` may change between renders without reconnecting.
 */
export function useLiveTopic(topic: string | null, onEvent: (data: LiveEvent) => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (!topic) return;
    return watchTopic(topic, (data) => handler.current(data), setState);
  }, [topic]);
  return state;
}

/** The connection's state in words, for a status line. */
export const liveWords: Record<LiveState, string> = {
  connecting: 'Connecting for live updates…',
  live: 'Live: changes show here as they happen.',
  offline: 'Live updates are interrupted; reconnecting. The page catches up once connected.',
};

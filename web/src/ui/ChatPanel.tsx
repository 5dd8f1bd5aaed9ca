// One conversation, live (docs/chat.md): its history, new messages as they are sent (the
// conversation.<id> topic), "typing…" while the other side writes, "Seen" once they read, a
// composer with a character count, and the reason once the conversation is closed. Used by the
// customer's order page, the driver app's delivery and the admins' support inbox.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getMe } from '../api/auth';
import {
  conversation as loadConversation,
  markRead,
  messages as loadMessages,
  sendMessage,
  type ChatMessage,
  type Conversation,
} from '../api/chat';
import { openTopic, type LiveEvent, type LiveState, type TopicConnection } from '../api/live';
import { Alert } from './Alert';
import { Button } from './Button';
import { formatDateTime } from './format';

/** As RESKFLOW_CHAT_MESSAGE_CHARS_MAX by default; the server's limit is the one that counts. */
const MESSAGE_CHARS_MAX = 2000;
/** How long "typing…" shows after the last indicator, and how often ours are sent. */
const TYPING_SHOWN_MS = 4000;
const TYPING_SENT_EVERY_MS = 2500;

const partWords: Record<string, string> = {
  customer: 'Customer',
  courier: 'Courier',
  merchant: 'Merchant',
  support: 'Support',
};

export interface ChatPanelProps {
  conversationId: string;
  /** The panel's heading. */
  title: string;
  /** Told when the conversation changes (closed, assigned), e.g. to refresh a list. */
  onChange?: (conversation: Conversation) => void;
}

const byId = (list: ChatMessage[]) => {
  const seen = new Map<string, ChatMessage>();
  for (const m of list) seen.set(m.id, m);
  return [...seen.values()].sort((a, b) => a.seq - b.seq);
};

const charCount = (text: string) => [...text].length;

/**
 * `next` (a fetched or pushed conversation) with read markers never behind those already
 * shown: an answer read before another participant's marker moved may arrive after its event.
 */
function merged(prev: Conversation | null, next: Conversation): Conversation {
  if (!prev || prev.id !== next.id) return next;
  const before = new Map(prev.participants.map((p) => [p.user_id, p.last_read_seq]));
  return {
    ...next,
    participants: next.participants.map((p) => ({
      ...p,
      last_read_seq: Math.max(p.last_read_seq, before.get(p.user_id) ?? 0),
    })),
  };
}

function useConversation(id: string, onChange?: (c: Conversation) => void) {
  const [conv, setConv] = useState<Conversation | null>(null);
  const [list, setList] = useState<ChatMessage[]>([]);
  const [older, setOlder] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typing, setTyping] = useState<{ role: string; until: number } | null>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  const connection = useRef<TopicConnection | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  const reload = async () => {
    const [c, page] = await Promise.all([loadConversation(id), loadMessages(id, undefined)]);
    if (!c.ok) return setError(c.error.message);
    if (!page.ok) return setError(page.error.message);
    setError(null);
    setConv((prev) => merged(prev, c.data));
    setList((prev) => byId([...prev, ...page.data]));
    setOlder(page.next);
  };

  const onEvent = (data: LiveEvent) => {
    if (!data) return void reload();
    if (data.type === 'message') {
      const m = data.message as ChatMessage;
      setList((prev) => byId([...prev, m]));
      setTyping(null);
    } else if (data.type === 'typing') {
      setTyping({ role: String(data.role), until: Date.now() + TYPING_SHOWN_MS });
    } else if (data.type === 'read') {
      const userId = String(data.user_id);
      const seq = Number(data.seq);
      setConv((c) =>
        c
          ? {
              ...c,
              participants: c.participants.map((p) =>
                p.user_id === userId ? { ...p, last_read_seq: Math.max(p.last_read_seq, seq) } : p,
              ),
            }
          : c,
      );
    } else if (data.type === 'conversation') {
      const next = data.conversation as Conversation;
      setConv((prev) => merged(prev, next));
      changed.current?.(next);
    }
  };

  useEffect(() => {
    setConv(null);
    setList([]);
    const topic = openTopic(`conversation.${id}`, onEvent, setLive);
    connection.current = topic;
    return () => {
      topic.stop();
      connection.current = null;
    };
  }, [id]);

  useEffect(() => {
    if (!typing) return;
    const timer = setTimeout(() => setTyping(null), Math.max(0, typing.until - Date.now()));
    return () => clearTimeout(timer);
  }, [typing]);

  const loadOlder = async () => {
    if (!older) return;
    const page = await loadMessages(id, older);
    if (!page.ok) return setError(page.error.message);
    setList((prev) => byId([...prev, ...page.data]));
    setOlder(page.next);
  };

  return { conv, setConv, list, setList, older, loadOlder, error, typing, live, connection };
}

/** The signed-in user's id (their messages show as "You"), once known. */
function useMyId(): string | null {
  const [id, setId] = useState<string | null>(null);
  useEffect(() => void getMe().then((r) => r.ok && setId(r.data.id)), []);
  return id;
}

export function ChatPanel({ conversationId, title, onChange }: ChatPanelProps) {
  const myId = useMyId();
  const chat = useConversation(conversationId, onChange);
  const { conv, list } = chat;
  const [draft, setDraft] = useState('');
  const [sendError, setSendError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const key = useRef(crypto.randomUUID());
  const lastTyping = useRef(0);

  const me = conv?.participants.find((p) => p.user_id === myId) ?? null;
  const newest = list.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (!me || newest <= me.last_read_seq) return;
    void markRead(conversationId, newest).then((r) => r.ok && chat.setConv((prev) => merged(prev, r.data)));
  }, [newest, me?.last_read_seq]);

  const others = conv?.participants.filter((p) => p.user_id !== myId) ?? [];
  const seenUpTo = others.reduce((most, p) => Math.max(most, p.last_read_seq), 0);
  const myNewest = [...list].reverse().find((m) => m.sender_id === myId);
  const closed = conv?.status === 'closed';
  const tooLong = charCount(draft) > MESSAGE_CHARS_MAX;

  const onInput = (text: string) => {
    setDraft(text);
    const now = Date.now();
    if (text && now - lastTyping.current > TYPING_SENT_EVERY_MS && me) {
      lastTyping.current = now;
      chat.connection.current?.send({ type: 'typing', conversation_id: conversationId });
    }
  };

  const send = async (event: Event) => {
    event.preventDefault();
    if (!draft.trim() || tooLong) return;
    setSending(true);
    const r = await sendMessage(conversationId, draft, key.current);
    setSending(false);
    if (!r.ok) return setSendError(r.error.fields.body ?? r.error.message);
    key.current = crypto.randomUUID();
    setSendError(null);
    setDraft('');
    chat.setList((prev) => byId([...prev, r.data]));
  };

  const sender = (m: ChatMessage) =>
    m.sender_id === myId
      ? 'You'
      : (partWords[conv?.participants.find((p) => p.user_id === m.sender_id)?.role ?? ''] ?? 'Support');

  return (
    <section class="card stack chat" aria-labelledby={`chat-${conversationId}`}>
      <h2 id={`chat-${conversationId}`}>{title}</h2>
      {chat.error && <Alert tone="error">{chat.error}</Alert>}
      {chat.older && (
        <Button variant="secondary" onClick={() => void chat.loadOlder()}>
          Show earlier messages
        </Button>
      )}
      <ol class="chat-messages" aria-label="Messages" aria-live="polite">
        {list.map((m) => (
          <li key={m.id} class={m.sender_id === myId ? 'chat-mine' : 'chat-theirs'}>
            <span class="chat-sender">{sender(m)}</span>{' '}
            <span class="chat-body">{m.erased ? <em>Message removed</em> : m.body}</span>
            <span class="chat-meta muted">
              {formatDateTime(m.sent_at)}
              {m.masked && ' · contact details hidden'}
              {m.id === myNewest?.id && seenUpTo >= m.seq && ' · Seen'}
            </span>
          </li>
        ))}
      </ol>
      {list.length === 0 && !chat.error && <p class="muted">No messages yet.</p>}
      <p class="muted chat-typing" aria-live="polite">
        {chat.typing ? `${partWords[chat.typing.role] ?? 'Someone'} is typing…` : ''}
      </p>
      {closed ? (
        <p role="status">This chat is closed: {conv?.closed_reason ?? 'closed'}.</p>
      ) : (
        <form class="stack" onSubmit={(e) => void send(e)}>
          <label for={`chat-draft-${conversationId}`}>Your message</label>
          <textarea
            id={`chat-draft-${conversationId}`}
            rows={2}
            value={draft}
            onInput={(e) => onInput(e.currentTarget.value)}
            aria-describedby={`chat-count-${conversationId}`}
            aria-invalid={tooLong || undefined}
          />
          <p id={`chat-count-${conversationId}`} class={tooLong ? 'field-error' : 'muted'}>
            {charCount(draft)} / {MESSAGE_CHARS_MAX} characters
          </p>
          {sendError && <Alert tone="error">{sendError}</Alert>}
          <Button type="submit" disabled={sending || !draft.trim() || tooLong}>
            {sending ? 'Sending…' : 'Send'}
          </Button>
        </form>
      )}
      <p class="muted live-state">{chat.live === 'live' ? 'Live' : chat.live === 'offline' ? 'Reconnecting…' : 'Connecting…'}</p>
    </section>
  );
}

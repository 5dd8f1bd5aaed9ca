// Support for merchant staff (docs/chat.md): the account's conversations with ReskFlow's support
// team, newest first, one open in a ChatPanel (live), and a form that opens a new one.
import { useEffect, useRef, useState } from 'preact/hooks';
import { myConversations, openSupport, type Conversation } from '../../api/chat';
import type { UserError } from '../../api/problem';
import { Alert, Badge, Button, ChatPanel, Form, TextArea, TextField, formatDateTime } from '../../ui';
import { MerchantPage } from './shell';

/** Conversations shown: a merchant rarely has more than a few (chat allows 5 open at once). */
const CONVERSATIONS_MAX = 50;

function ConversationList({
  conversations,
  selected,
  onOpen,
}: {
  conversations: Conversation[];
  selected: string | null;
  onOpen: (id: string) => void;
}) {
  if (conversations.length === 0)
    return <p>You have not asked support anything yet. Write below: the team answers here.</p>;
  return (
    <ul class="plain-list stack">
      {conversations.map((c) => {
        const subject = c.subject || 'Support request';
        return (
          <li key={c.id} class="support-row">
            <strong>{subject}</strong>{' '}
            <Badge tone={c.status === 'open' ? 'success' : 'neutral'}>{c.status === 'open' ? 'Open' : 'Closed'}</Badge>{' '}
            {c.unread > 0 && <Badge tone="warning">{c.unread === 1 ? '1 new message' : `${c.unread} new messages`}</Badge>}
            <span class="cell-note">Opened {formatDateTime(c.created_at)}</span>
            {selected !== c.id && (
              <Button variant="secondary" onClick={() => onOpen(c.id)} aria-label={`Open “${subject}”`}>
                Open
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function AskSupport({ onOpened }: { onOpened: (c: Conversation) => void }) {
  // One key per question, so a retry after a lost answer opens one conversation.
  const key = useRef(crypto.randomUUID());
  const [formKey, setFormKey] = useState(0);
  const submit = async (values: Record<string, string>): Promise<UserError | void> => {
    const r = await openSupport({ subject: values.subject?.trim() ?? '', message: values.message ?? '' }, key.current);
    if (!r.ok) return r.error;
    key.current = crypto.randomUUID();
    setFormKey((k) => k + 1);
    onOpened(r.data);
  };
  return (
    <section class="card stack" aria-labelledby="ask-title">
      <h2 id="ask-title">Ask support</h2>
      <Form key={formKey} label="Ask support" submitLabel="Send to support" busyLabel="Sending…" onSubmit={submit}>
        <TextField name="subject" label="Subject" required maxLength={200} hint="For example: a payout, an order, the menu." />
        <TextArea name="message" label="What can we help with?" required maxLength={2000} />
      </Form>
    </section>
  );
}

export function Support() {
  const [conversations, setConversations] = useState<Conversation[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  const load = async () => {
    const r = await myConversations(CONVERSATIONS_MAX);
    if (!r.ok) return setError(r.error);
    setError(null);
    setConversations(r.data.data.filter((c) => c.kind === 'support'));
  };
  useEffect(() => void load(), []);

  const changed = (c: Conversation) =>
    setConversations((list) => list?.map((row) => (row.id === c.id ? { ...row, ...c, unread: 0 } : row)) ?? list);

  return (
    <MerchantPage title="Support">
      <div class="stack">
        <p>Questions about your stores, orders or payouts go to ReskFlow's support team, who answer here.</p>
        {error && (
          <Alert tone="error">
            {error.message}{' '}
            <Button variant="secondary" onClick={() => void load()}>
              Try again
            </Button>
          </Alert>
        )}
        <section class="card stack" aria-labelledby="conversations-title">
          <h2 id="conversations-title">Your conversations</h2>
          {conversations === null ? (
            !error && <p role="status">Loading your conversations…</p>
          ) : (
            <ConversationList conversations={conversations} selected={selected} onOpen={setSelected} />
          )}
        </section>
        {selected && <ChatPanel key={selected} conversationId={selected} title="Conversation with support" onChange={changed} />}
        <AskSupport
          onOpened={(c) => {
            setConversations((list) => [c, ...(list ?? [])]);
            setSelected(c.id);
          }}
        />
      </div>
    </MerchantPage>
  );
}

// The support inbox (docs/chat.md): open support conversations from customers and merchants,
// unassigned first, then oldest first, live on `support.inbox`. An admin takes one ("Assign to
// me"), answers it in the chat beside the list, and closes it once settled.
import { useEffect, useState } from 'preact/hooks';
import { assignToMe, closeConversation, supportInbox, type Conversation } from '../../api/chat';
import { liveWords, useLiveTopic, type LiveEvent } from '../../api/live';
import { Alert, Badge, Button, ChatPanel, Link, PagedTable, formatDateTime, usePagedList, type Column } from '../../ui';
import { AdminPage, orderNumber, paths, useAdmin } from './shell';

const PAGE_SIZE = 25;

const openerWords: Record<string, string> = { customer: 'Customer', merchant: 'Merchant' };

export function Support() {
  const admin = useAdmin();
  const list = usePagedList<Conversation, 'open'>(
    (_filters, cursor, limit) => supportInbox(cursor, limit),
    (c) => c.id,
    PAGE_SIZE,
    'open',
  );
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  useEffect(() => void list.load('open'), []);

  // A conversation the list shows is changed in place; a new or closed one (or a reconnection,
  // after which events may have been missed) reads the list again, which keeps its order.
  const live = useLiveTopic('support.inbox', (data: LiveEvent) => {
    const changed = data?.['conversation'] as Conversation | undefined;
    const shown = changed && list.items?.some((row) => row.id === changed.id);
    if (changed && shown && changed.status === 'open')
      list.update((row) => (row.id === changed.id ? { ...row, ...changed, unread: row.unread } : row));
    else if (list.items !== null) void list.reload();
  });

  const take = async (c: Conversation) => {
    const r = await assignToMe(c.id);
    if (!r.ok) return setNotice({ tone: 'error', text: r.error.message });
    list.update((row) => (row.id === c.id ? r.data : row));
    setSelected(c.id);
    setNotice(null);
  };

  const close = async (c: Conversation) => {
    const r = await closeConversation(c.id);
    if (!r.ok) return setNotice({ tone: 'error', text: r.error.message });
    setNotice({ tone: 'success', text: `Closed “${c.subject || 'Support request'}”.` });
    if (selected === c.id) setSelected(null);
    void list.reload();
  };

  const columns: Column<Conversation>[] = [
    { header: 'Subject', rowHeader: true, cell: (c) => c.subject || <span class="muted">No subject</span> },
    { header: 'From', cell: (c) => openerWords[c.opener_role ?? ''] ?? 'Someone' },
    {
      header: 'Order',
      cell: (c) =>
        c.order_id ? <Link href={`${paths.orders}/${c.order_id}`}>Order {orderNumber(c.order_id)}</Link> : '—',
    },
    { header: 'Opened', cell: (c) => formatDateTime(c.created_at) },
    {
      header: 'Assigned',
      cell: (c) =>
        c.assignee_id ? (
          c.assignee_id === admin.id ? 'You' : 'Another admin'
        ) : (
          <Badge tone="warning">Unassigned</Badge>
        ),
    },
    {
      header: 'Actions',
      headerHidden: true,
      cell: (c) => (
        <div class="cell-actions">
          {c.assignee_id !== admin.id && (
            <Button onClick={() => void take(c)} aria-label={`Assign “${c.subject}” to me`}>
              Assign to me
            </Button>
          )}
          <Button variant="secondary" onClick={() => setSelected(c.id)} aria-label={`Open “${c.subject}”`}>
            Open
          </Button>
          <Button variant="danger" onClick={() => void close(c)} aria-label={`Close “${c.subject}”`}>
            Close
          </Button>
        </div>
      ),
    },
  ];

  return (
    <AdminPage title="Support inbox">
      <div class="stack">
        <p class="muted live-state">{liveWords[live]}</p>
        {notice && <Alert tone={notice.tone}>{notice.text}</Alert>}
        <PagedTable
          list={list}
          loadingText="Loading the inbox…"
          caption="Open support conversations, unassigned first, then oldest first"
          columns={columns}
          rowKey={(c) => c.id}
          empty="No one is waiting for support. Customers and merchants ask from their order pages."
          noun={['conversation', 'conversations']}
        />
        {selected && (
          <ChatPanel
            key={selected}
            conversationId={selected}
            title="Conversation"
            onChange={(c) => list.update((row) => (row.id === c.id ? { ...row, ...c } : row))}
          />
        )}
      </div>
    </AdminPage>
  );
}

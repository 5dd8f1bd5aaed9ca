// The customer's inbox: notifications newest first, unread ones marked and read one by one or all
// at once; new ones arrive live (WebSocket topic user.<id>.notifications) and the unread count in
// the header follows.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getMe } from '../../api/auth';
import { liveWords, useLiveTopic } from '../../api/live';
import {
  inbox,
  markAllRead,
  markRead,
  notificationsChanged,
  onNotificationsChanged,
  unreadCount,
  type Notification,
} from '../../api/notifications';
import type { UserError } from '../../api/problem';
import { Alert, Badge, Button, formatDateTime, Link, LoadMore, Page, usePagedList } from '../../ui';
import { paths } from './paths';
import { SignedIn } from './SignedIn';

const PAGE_SIZE = 20;
const noCursor = () => '';

/** The signed-in user's unread count, fetched again whenever a page marks something read. */
export function useUnreadCount(signedIn: boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!signedIn) return;
    const refresh = () =>
      void unreadCount().then((r) => {
        if (r.ok) setCount(r.data.unread_count);
      });
    refresh();
    return onNotificationsChanged(refresh);
  }, [signedIn]);
  return signedIn ? count : 0;
}

export function Notifications({ nav }: { nav: ComponentChildren }) {
  return (
    <Page title="Notifications" portal="Customer" nav={nav}>
      <SignedIn visitorText="Log in to see your notifications.">
        <Inbox />
      </SignedIn>
    </Page>
  );
}

function Inbox() {
  const list = usePagedList<Notification, null>((_f, cursor, limit) => inbox(cursor, limit), noCursor, PAGE_SIZE, null);
  const [error, setError] = useState<UserError | null>(null);
  const [busy, setBusy] = useState(false);
  const [userId, setUserId] = useState<string | null>(null);
  useEffect(() => {
    void list.load(null);
    void getMe().then((r) => r.ok && setUserId(r.data.id));
  }, []);
  // A new notice, or a reconnection that may have missed some: read the first page again.
  const live = useLiveTopic(userId && `user.${userId}.notifications`, () => {
    void list.reload();
    notificationsChanged();
  });

  if (list.error) return <Alert tone="error">{list.error.message}</Alert>;
  if (list.items === null) return <p role="status">Loading your notifications…</p>;
  const unread = list.items.filter((n) => n.read_at === null).length;

  async function readAll() {
    setBusy(true);
    setError(null);
    const r = await markAllRead();
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const now = new Date().toISOString();
    list.update((n) => (n.read_at === null ? { ...n, read_at: now } : n));
    notificationsChanged();
  }

  return (
    <div class="stack">
      <p>
        <Link href={paths.notificationSettings}>Choose how we notify you</Link>
      </p>
      {userId && (
        <p class="muted" role="status">
          {liveWords[live]}
        </p>
      )}
      {error && <Alert tone="error">{error.message}</Alert>}
      {list.items.length === 0 ? (
        <div class="empty-state" role="status">
          <p>No notifications yet. We will tell you here when your orders move.</p>
        </div>
      ) : (
        <>
          {unread > 0 && (
            <p>
              <Button variant="secondary" busy={busy} busyLabel="Marking…" onClick={readAll}>
                Mark all as read
              </Button>
            </p>
          )}
          <ul class="stack notification-list" aria-label="Notifications">
            {list.items.map((n) => (
              <InboxItem
                key={n.id}
                item={n}
                onRead={(readAt) => list.update((row) => (row.id === n.id ? { ...row, read_at: readAt } : row))}
                onError={setError}
              />
            ))}
          </ul>
          <LoadMore
            shown={list.items.length}
            done={list.done}
            busy={list.loadingMore}
            onMore={() => void list.more()}
            noun={['notification', 'notifications']}
          />
        </>
      )}
    </div>
  );
}

function InboxItem({ item, onRead, onError }: {
  item: Notification;
  onRead: (readAt: string) => void;
  onError: (e: UserError) => void;
}) {
  const [busy, setBusy] = useState(false);
  const unread = item.read_at === null;
  return (
    <li class={unread ? 'card notification notification-unread' : 'card notification'}>
      <h2>
        {item.title} {unread && <Badge tone="warning">Unread</Badge>}
      </h2>
      <p>{item.body}</p>
      <p class="muted">{formatDateTime(item.created_at)}</p>
      {unread && (
        <Button
          variant="secondary"
          busy={busy}
          busyLabel="Marking…"
          onClick={async () => {
            setBusy(true);
            const r = await markRead(item.id);
            setBusy(false);
            if (!r.ok) return onError(r.error);
            onRead(new Date().toISOString());
            notificationsChanged();
          }}
        >
          Mark as read<span class="visually-hidden">: {item.title}</span>
        </Button>
      )}
    </li>
  );
}

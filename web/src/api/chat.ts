// Chat (docs/chat.md): the caller's conversations, a conversation's history, sending (with an
// Idempotency-Key, so a retried send is stored once), read markers, support conversations, the
// admins' support inbox, and the hook that finds a delivery's conversation.
import { useEffect, useState } from 'preact/hooks';
import { api, call, page, type Schemas } from './client';

export type Conversation = Schemas['Conversation'];
export type ChatMessage = Schemas['ChatMessage'];

/** The caller's conversations, newest first (a merchant's support page). */
export const myConversations = (limit: number) => call(api.GET('/v1/conversations', { params: { query: { limit } } }));

/** The caller's conversations about one order (its delivery conversation, its support ones). */
export const conversationsOfOrder = (orderId: string) =>
  call(api.GET('/v1/conversations', { params: { query: { order_id: orderId, limit: 20 } } }));

export const conversation = (id: string) =>
  call(api.GET('/v1/conversations/{conversation_id}', { params: { path: { conversation_id: id } } }));

/** The newest messages (newest first), and the cursor toward older ones. */
export const messages = (id: string, cursor: string | undefined, limit = 50) =>
  page(
    call(
      api.GET('/v1/conversations/{conversation_id}/messages', {
        params: { path: { conversation_id: id }, query: { limit, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );

export const sendMessage = (id: string, body: string, idempotencyKey: string) =>
  call(
    api.POST('/v1/conversations/{conversation_id}/messages', {
      params: { path: { conversation_id: id }, header: { 'Idempotency-Key': idempotencyKey } },
      body: { body },
    }),
    ['body'],
  );

export const markRead = (id: string, seq: number) =>
  call(
    api.POST('/v1/conversations/{conversation_id}/read', {
      params: { path: { conversation_id: id } },
      body: { seq },
    }),
  );

export const closeConversation = (id: string) =>
  call(api.POST('/v1/conversations/{conversation_id}/close', { params: { path: { conversation_id: id } } }));

export const openSupport = (
  input: { subject?: string; order_id?: string; message: string },
  idempotencyKey: string,
) =>
  call(
    api.POST('/v1/conversations', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: input,
    }),
    ['subject', 'message'],
  );

export const supportInbox = (cursor: string | undefined, limit: number) =>
  page(
    call(
      api.GET('/v1/support/conversations', {
        params: { query: { limit, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );

export const assignToMe = (id: string) =>
  call(
    api.POST('/v1/support/conversations/{conversation_id}/assign', {
      params: { path: { conversation_id: id } },
    }),
  );

/** How long to keep looking for a delivery's conversation: chat opens it from deliveries' event. */
const LOOKUP_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

/**
 * The conversation of the delivery of `orderId` while `deliveryStatus` changes (null without a
 * delivery). Chat opens it shortly after the courier is assigned, so a missing one is looked up
 * again a few times while the delivery is under way.
 */
export function useDeliveryConversation(orderId: string, deliveryStatus: string | null): Conversation | null {
  const [found, setFound] = useState<Conversation | null>(null);
  useEffect(() => {
    if (!deliveryStatus || deliveryStatus === 'pending') return;
    const underWay = ['assigned', 'at_pickup', 'picked_up', 'at_dropoff'].includes(deliveryStatus);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = async (attempt: number) => {
      const r = await conversationsOfOrder(orderId);
      if (stopped) return;
      const mine = r.ok ? (r.data.data.find((c) => c.kind === 'delivery') ?? null) : null;
      if (mine) setFound(mine);
      const settled = mine && (mine.status === 'open') === underWay;
      if (!settled && attempt < LOOKUP_DELAYS_MS.length)
        timer = setTimeout(() => void look(attempt + 1), LOOKUP_DELAYS_MS[attempt]);
    };
    void look(0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [orderId, deliveryStatus]);
  return found;
}

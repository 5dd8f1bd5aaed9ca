// "Message your courier" on the order page while the delivery is under way: the delivery's
// conversation (docs/chat.md), which closes by itself when the delivery ends.
import { useState } from 'preact/hooks';
import { useDeliveryConversation } from '../../../api/chat';
import { Button, ChatPanel } from '../../../ui';

export function CourierChat({ orderId, deliveryStatus }: { orderId: string; deliveryStatus: string }) {
  const conversation = useDeliveryConversation(orderId, deliveryStatus);
  const [open, setOpen] = useState(false);
  if (!conversation) return null;
  if (open) return <ChatPanel conversationId={conversation.id} title="Chat with your courier" />;
  if (conversation.status === 'closed')
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        See the chat with your courier
      </Button>
    );
  return (
    <Button onClick={() => setOpen(true)}>
      Message your courier{conversation.unread > 0 ? ` (${conversation.unread} new)` : ''}
    </Button>
  );
}

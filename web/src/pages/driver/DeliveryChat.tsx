// The chat with the customer on the courier's delivery (docs/chat.md): open while the delivery
// is under way; phone numbers and email addresses are hidden on both sides.
import { useDeliveryConversation } from '../../api/chat';
import { ChatPanel } from '../../ui';

export function DeliveryChat({ orderId, status }: { orderId: string; status: string }) {
  const conversation = useDeliveryConversation(orderId, status);
  if (!conversation) return null;
  return <ChatPanel conversationId={conversation.id} title="Chat with the customer" />;
}

// "Contact support" on the order page: the open support conversation about this order, or a
// first message that opens one (docs/chat.md).
import { useEffect, useRef, useState } from 'preact/hooks';
import { conversationsOfOrder, openSupport, type Conversation } from '../../../api/chat';
import { Button, ChatPanel, Form, TextArea } from '../../../ui';

export function SupportChat({ orderId }: { orderId: string }) {
  const [existing, setExisting] = useState<Conversation | null>(null);
  const [asking, setAsking] = useState(false);
  const key = useRef(crypto.randomUUID());

  useEffect(() => {
    void conversationsOfOrder(orderId).then((r) => {
      if (r.ok) setExisting(r.data.data.find((c) => c.kind === 'support' && c.status === 'open') ?? null);
    });
  }, [orderId]);

  if (existing && asking) return <ChatPanel conversationId={existing.id} title="Chat with support" />;
  if (!asking)
    return (
      <p>
        <Button variant="secondary" onClick={() => setAsking(true)}>
          Contact support
        </Button>
      </p>
    );

  const submit = async (values: Record<string, string>) => {
    const subject = `Order #${orderId.slice(-8)}`;
    const r = await openSupport({ order_id: orderId, subject, message: values.message ?? '' }, key.current);
    if (!r.ok) return r.error;
    setExisting(r.data);
  };

  return (
    <section class="card stack" aria-labelledby="support-title">
      <h2 id="support-title">Contact support</h2>
      <Form label="Ask support" submitLabel="Send to support" busyLabel="Sending…" onSubmit={submit}>
        <TextArea name="message" label="What can we help with?" required maxLength={2000} />
      </Form>
    </section>
  );
}

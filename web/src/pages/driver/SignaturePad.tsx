// The customer's signature, drawn with a finger or a pointer on a canvas and sent as a PNG.
// Optional: the photo or the PIN prove the delivery for customers who cannot sign.
import { useEffect, useRef, useState } from 'preact/hooks';
import { uploadSignature } from '../../api/deliveries';
import { Alert, Button } from '../../ui';

const WIDTH_PX = 600;
const HEIGHT_PX = 240;

export function SignaturePad({ deliveryId }: { deliveryId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [empty, setEmpty] = useState(true);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  useEffect(() => {
    const ctx = canvas.current!.getContext('2d')!;
    ctx.lineWidth = 3;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#111827';
  }, []);

  const point = (e: PointerEvent) => {
    const c = canvas.current!;
    const r = c.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * c.width) / r.width, y: ((e.clientY - r.top) * c.height) / r.height };
  };
  const down = (e: PointerEvent) => {
    drawing.current = true;
    canvas.current!.setPointerCapture(e.pointerId);
    const ctx = canvas.current!.getContext('2d')!;
    const p = point(e);
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  };
  const move = (e: PointerEvent) => {
    if (!drawing.current) return;
    const ctx = canvas.current!.getContext('2d')!;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    setEmpty(false);
  };
  const clear = () => {
    canvas.current!.getContext('2d')!.clearRect(0, 0, WIDTH_PX, HEIGHT_PX);
    setEmpty(true);
    setMessage(null);
  };
  const save = async () => {
    setBusy(true);
    const png = await new Promise<Blob | null>((resolve) => canvas.current!.toBlob(resolve, 'image/png'));
    const r = png ? await uploadSignature(deliveryId, png, crypto.randomUUID()) : null;
    setBusy(false);
    if (r?.ok) setMessage({ tone: 'success', text: 'Signature saved with the delivery.' });
    else
      setMessage({
        tone: 'error',
        text: !r || r.error.status === 0 ? 'The signature needs the network: save it again once you are back online.' : r.error.message,
      });
  };

  return (
    <section class="card stack" aria-labelledby="signature-title">
      <h2 id="signature-title">Signature (optional)</h2>
      <p class="muted" id="signature-hint">
        The customer signs in the box with a finger.
      </p>
      <canvas
        ref={canvas}
        class="signature-pad"
        width={WIDTH_PX}
        height={HEIGHT_PX}
        role="img"
        aria-label={empty ? 'Signature box, empty' : 'Signature box, signed'}
        aria-describedby="signature-hint"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={() => (drawing.current = false)}
        onPointerCancel={() => (drawing.current = false)}
      />
      <div class="offer-actions">
        <Button onClick={() => void save()} disabled={empty} busy={busy} busyLabel="Saving…">
          Save signature
        </Button>
        <Button variant="secondary" onClick={clear} disabled={empty || busy}>
          Clear
        </Button>
      </div>
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
    </section>
  );
}

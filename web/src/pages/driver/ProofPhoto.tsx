// The photo at the door, from the camera (phones open it for `capture`) or a file. The pixels
// are drawn upright and at most 1600 px on a side before upload: phones record a photo's
// rotation in metadata, which the server strips, and full-size photos are over the body limit.
import { useState } from 'preact/hooks';
import { uploadPhoto } from '../../api/deliveries';
import type { UserError } from '../../api/problem';
import { Alert } from '../../ui';

const SIDE_PX_MAX = 1600;

async function upright(file: File): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, SIDE_PX_MAX / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no image'))), 'image/jpeg', 0.85),
  );
}

const dataUrl = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });

export function ProofPhoto({ deliveryId }: { deliveryId: string }) {
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<UserError | string | null>(null);

  const chosen = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    let image: Blob;
    try {
      image = await upright(file);
    } catch {
      setBusy(false);
      return setError('This file is not a photo this phone can open. Take the photo again.');
    }
    const r = await uploadPhoto(deliveryId, image, crypto.randomUUID());
    setBusy(false);
    if (!r.ok)
      return setError(
        r.error.status === 0 ? 'The photo needs the network: send it again once you are back online.' : r.error,
      );
    setPreview(await dataUrl(image));
  };

  return (
    <section class="card stack" aria-labelledby="photo-title">
      <h2 id="photo-title">Photo at the door</h2>
      <label class="file-input">
        <span>{preview ? 'Take another photo' : 'Take a photo'}</span>
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="environment"
          disabled={busy}
          onChange={(e) => void chosen((e.currentTarget as HTMLInputElement).files?.[0])}
        />
      </label>
      {busy && <p role="status">Uploading the photo…</p>}
      {error && <Alert tone="error">{typeof error === 'string' ? error : error.message}</Alert>}
      {preview && (
        <>
          <p role="status">Photo saved with the delivery.</p>
          <img class="proof-photo" src={preview} alt="The photo you took at the door" width={320} height={240} />
        </>
      )}
    </section>
  );
}

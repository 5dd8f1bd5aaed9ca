// The photo at the door, from the camera (phones open it for `capture`) or a file, drawn
// upright and scaled down before upload (photo.ts).
import { useState } from 'preact/hooks';
import { uploadPhoto } from '../../api/deliveries';
import type { UserError } from '../../api/problem';
import { Alert } from '../../ui';
import { dataUrl, upright } from './photo';

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

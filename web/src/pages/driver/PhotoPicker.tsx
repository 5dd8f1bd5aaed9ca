// A photo from the camera (phones open it for `capture`) or a file, drawn upright and scaled down
// (photo.ts), uploaded as soon as it is chosen, with progress, the error in words, and a preview
// once the server has it. The proof at the door and the ID document use it.
import { useState } from 'preact/hooks';
import type { Outcome } from '../../api/client';
import type { UserError } from '../../api/problem';
import { Alert } from '../../ui';
import { dataUrl } from '../../api/images';
import { upright } from './photo';

export interface PhotoPickerProps<T> {
  /** The field's words before a photo and after one. */
  label: string;
  retakeLabel: string;
  accept: string;
  upload: (image: Blob) => Promise<Outcome<T>>;
  /** The server's answer and the preview of what it kept. */
  onUploaded?: (data: T, preview: string) => void;
  /** A photo already sent, shown until another is chosen. */
  preview?: string | null;
  /** What the status line says once the photo is kept, and the preview's text alternative. */
  savedText: string;
  alt: string;
  height: number;
}

export function PhotoPicker<T>(props: PhotoPickerProps<T>) {
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<string | null>(props.preview ?? null);
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
    const r = await props.upload(image);
    setBusy(false);
    if (!r.ok)
      return setError(r.error.status === 0 ? 'The photo needs the network: add it again once you are back online.' : r.error);
    const shown = await dataUrl(image);
    setPreview(shown);
    props.onUploaded?.(r.data, shown);
  };
  return (
    <>
      <label class="file-input">
        <span>{preview ? props.retakeLabel : props.label}</span>
        <input
          type="file"
          accept={props.accept}
          capture="environment"
          disabled={busy}
          onChange={(e) => void chosen((e.currentTarget as HTMLInputElement).files?.[0])}
        />
      </label>
      {busy && <p role="status">Uploading the photo…</p>}
      {error && <Alert tone="error">{typeof error === 'string' ? error : error.message}</Alert>}
      {preview && (
        <>
          <p role="status">{props.savedText}</p>
          <img class="proof-photo" src={preview} alt={props.alt} width={320} height={props.height} />
        </>
      )}
    </>
  );
}

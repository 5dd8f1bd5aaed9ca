// The photo at the door, from the camera or a file (PhotoPicker), kept with the delivery.
import { uploadPhoto } from '../../api/deliveries';
import { PhotoPicker } from './PhotoPicker';

export function ProofPhoto({ deliveryId }: { deliveryId: string }) {
  return (
    <section class="card stack" aria-labelledby="photo-title">
      <h2 id="photo-title">Photo at the door</h2>
      <PhotoPicker
        label="Take a photo"
        retakeLabel="Take another photo"
        accept="image/jpeg,image/png,image/webp"
        upload={(image) => uploadPhoto(deliveryId, image, crypto.randomUUID())}
        savedText="Photo saved with the delivery."
        alt="The photo you took at the door"
        height={240}
      />
    </section>
  );
}

// The courier's ID check: approved, waiting for an admin, or rejected with the admin's reason,
// and the form to send a document when none waits: a photo of it (camera or file, uploaded as
// soon as it is chosen), its number and the date of birth. The API lists no one's own
// submissions, so the phone keeps the id of the last one it sent to read its state.
import { useEffect, useState } from 'preact/hooks';
import {
  getMyIdVerification,
  submitIdDocument,
  uploadIdImage,
  type IdDocument,
  type MyIdVerification,
} from '../../api/auth';
import { Alert, Form, Select, TextField, formatDateTime } from '../../ui';
import { useCourier } from './courier';
import { PhotoPicker } from './PhotoPicker';

const documentTypes = [
  { value: 'id_card', label: 'ID card' },
  { value: 'passport', label: 'Passport' },
  { value: 'driving_licence', label: 'Driving licence' },
];

type Uploaded = { ref: string; preview: string };

/** The photo of the document: uploaded when chosen; its reference goes with the submission. */
function DocumentPhoto({ uploaded, onUploaded }: { uploaded: Uploaded | null; onUploaded: (u: Uploaded) => void }) {
  return (
    <div class="stack">
      <PhotoPicker
        label="Photo of the document"
        retakeLabel="Take another photo of the document"
        accept="image/jpeg,image/png"
        upload={(image) => uploadIdImage(image, crypto.randomUUID())}
        onUploaded={(data, preview) => onUploaded({ ref: data.image_ref, preview })}
        preview={uploaded?.preview}
        savedText="Photo added. Only the admins checking it can see it."
        alt="The photo of your document"
        height={200}
      />
    </div>
  );
}

const keyFor = (userId: string) => `reskflow.driver.id_check.${userId}`;

function useLastSubmission(userId: string) {
  const [sent, setSent] = useState<MyIdVerification | null>(null);
  useEffect(() => {
    const id = localStorage.getItem(keyFor(userId));
    if (id) void getMyIdVerification(id).then((r) => r.ok && setSent(r.data));
  }, [userId]);
  const remember = (v: MyIdVerification) => {
    localStorage.setItem(keyFor(userId), v.id);
    setSent(v);
  };
  return { sent, remember };
}

export function IdCheck() {
  const { me, profile } = useCourier();
  const { sent, remember } = useLastSubmission(me.id);
  const [photo, setPhoto] = useState<Uploaded | null>(null);
  if (profile?.id_verified || sent?.status === 'approved')
    return <p role="status">Your ID check is approved.</p>;
  if (sent?.status === 'submitted')
    return (
      <p role="status">
        Your {documentTypes.find((d) => d.value === sent.document_type)?.label ?? 'document'} was sent{' '}
        {sent.submitted_at ? formatDateTime(sent.submitted_at) : ''}. An admin checks it; you can go
        on shift once it is approved.
      </p>
    );
  return (
    <section class="stack" aria-labelledby="id-check-title">
      <h2 id="id-check-title">Your ID check</h2>
      {sent?.status === 'rejected' ? (
        <Alert tone="error">
          Your document was not accepted: {sent.reason ?? 'no reason given'}. Send another one below.
        </Alert>
      ) : (
        <p>Not sent yet. An admin checks your document before your first shift.</p>
      )}
      <Form
        label="Send your ID document"
        submitLabel="Send document"
        busyLabel="Sending…"
        onSubmit={async (values) => {
          if (!photo) return { message: 'Add a photo of the document first.', fields: {}, status: 0 };
          const body: IdDocument = {
            document_type: values.document_type as IdDocument['document_type'],
            document_number: values.document_number ?? '',
            date_of_birth: values.date_of_birth ?? '',
            image_ref: photo.ref,
          };
          const r = await submitIdDocument(body, crypto.randomUUID());
          if (!r.ok) return r.error;
          remember(r.data);
        }}
      >
        <Select name="document_type" label="Document" options={documentTypes} required />
        <DocumentPhoto uploaded={photo} onUploaded={setPhoto} />
        <TextField name="document_number" label="Document number" maxLength={64} required autoComplete="off" />
        <TextField name="date_of_birth" label="Date of birth" type="date" required autoComplete="bday" />
      </Form>
    </section>
  );
}

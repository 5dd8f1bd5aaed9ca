// Partner API keys: create (name, partner account, scopes) — the key is shown once, with a copy
// button — list, and revoke behind a confirmation.
import { useEffect, useState } from 'preact/hooks';
import {
  createApiKey,
  listApiKeys,
  revokeApiKey,
  searchUsers,
  type AdminUser,
  type ApiKey,
  type CreatedApiKey,
} from '../../api/admin';
import type { UserError } from '../../api/problem';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  Form,
  OneTimeSecret,
  Select,
  Table,
  TextField,
  formatDate,
  formatDateTime,
  type Column,
} from '../../ui';
import { AdminPage, useAdmin } from './shell';

const scopesHint =
  'What the key may do, separated by spaces or commas: optimize:write (route optimization).';

/** "quotes:read, deliveries:write" or "quotes:read deliveries:write" → the list. */
const parseScopes = (text: string | undefined) =>
  (text ?? '').split(/[\s,]+/).filter(Boolean);

function Scopes({ scopes }: { scopes: string[] }) {
  if (scopes.length === 0) return <span class="muted">None</span>;
  return (
    <ul class="inline-list">
      {scopes.map((s) => (
        <li key={s}>
          <code>{s}</code>
        </li>
      ))}
    </ul>
  );
}

export function ApiKeys() {
  const me = useAdmin();
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [partners, setPartners] = useState<AdminUser[]>([]);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function load() {
    const r = await listApiKeys();
    if (!r.ok) return setError(r.error);
    setError(null);
    setKeys(r.data);
  }
  useEffect(() => {
    void load();
    void searchUsers({ role: 'partner', status: 'active' }, undefined, 500).then((r) => {
      if (r.ok) setPartners(r.data);
    });
  }, []);

  const partnerName = (id: string | null | undefined) => {
    if (!id) return null;
    const p = partners.find((u) => u.id === id);
    return p ? p.name || p.email || id : id;
  };
  const keyName = (k: ApiKey) => k.name || k.id || 'this key';

  const columns: Column<ApiKey>[] = [
    { header: 'Name', rowHeader: true, cell: (k) => k.name },
    {
      header: 'Partner',
      cell: (k) => partnerName(k.partner_user_id) ?? <span class="muted">None</span>,
    },
    { header: 'Scopes', cell: (k) => <Scopes scopes={parseScopes(k.scopes)} /> },
    {
      header: 'Created',
      cell: (k) => (
        <>
          {k.created_at ? formatDate(k.created_at) : ''}
          <span class="muted"> by {k.created_by === me.id ? 'you' : <code>{k.created_by}</code>}</span>
        </>
      ),
    },
    {
      header: 'Last used',
      cell: (k) => (k.last_used_at ? formatDateTime(k.last_used_at) : <span class="muted">Never</span>),
    },
    {
      header: 'Status',
      cell: (k) =>
        k.revoked_at ? (
          <>
            <Badge tone="neutral">Revoked</Badge>{' '}
            <span class="muted">{formatDate(k.revoked_at)}</span>
          </>
        ) : (
          <Badge tone="success">Active</Badge>
        ),
    },
    {
      header: 'Actions',
      cell: (k) =>
        k.revoked_at ? null : (
          <div class="cell-actions">
            <Button variant="danger" aria-label={`Revoke ${keyName(k)}`} onClick={() => setRevoking(k)}>
              Revoke
            </Button>
          </div>
        ),
    },
  ];

  return (
    <AdminPage title="Partner API keys">
      <div class="stack">
        <p>
          Partners call the API with a key: <code>Authorization: ApiKey &lt;key&gt;</code> or the{' '}
          <code>X-API-Key</code> header. A key reaches only partner routes, and only for its scopes.
        </p>

        {created ? (
          <OneTimeSecret
            title={`The key “${created.name}”`}
            value={created.key}
            copyLabel="Copy key"
            onDismiss={() => setCreated(null)}
          >
            <p>Give it to the partner over a safe channel (not by plain email).</p>
          </OneTimeSecret>
        ) : (
          <section class="card" aria-labelledby="create-key-title">
            <h2 id="create-key-title">Create a key</h2>
            <Form
              key={formKey}
              label="Create a key"
              submitLabel="Create key"
              busyLabel="Creating…"
              onSubmit={async ({ name, partner_user_id, scopes }) => {
                setNotice(null);
                const r = await createApiKey({
                  name: name ?? '',
                  ...(partner_user_id ? { partner_user_id } : {}),
                  scopes: parseScopes(scopes),
                });
                if (!r.ok) return r.error;
                setCreated(r.data);
                setFormKey((k) => k + 1);
                void load();
              }}
            >
              <TextField
                name="name"
                label="Name"
                hint="Who uses it and for what, e.g. “Acme Couriers — quotes”."
                maxLength={200}
                required
              />
              <Select
                name="partner_user_id"
                label="Partner account"
                emptyOption="No partner account"
                hint={
                  partners.length === 0
                    ? 'There are no active partner accounts yet; the key can be created without one.'
                    : 'The partner account the key acts for.'
                }
                options={partners.map((p) => ({
                  value: p.id ?? '',
                  label: `${p.name || 'No name'} (${p.email})`,
                }))}
              />
              <TextField
                name="scopes"
                label="Scopes"
                hint={scopesHint}
              />
            </Form>
          </section>
        )}

        <section aria-labelledby="keys-title" class="stack">
          <h2 id="keys-title">Keys</h2>
          {notice && <Alert tone="success">{notice}</Alert>}
          {error && (
            <Alert tone="error">
              <p>{error.message}</p>
              <p>
                <Button variant="secondary" onClick={() => void load()}>
                  Try again
                </Button>
              </p>
            </Alert>
          )}
          {keys === null
            ? !error && <p role="status">Loading the keys…</p>
            : (
              <Table
                caption="Partner API keys, newest first"
                captionHidden
                columns={columns}
                rows={keys}
                rowKey={(k) => k.id ?? ''}
                empty="No partner API keys yet. Create one above; its secret is shown once."
              />
            )}
        </section>
      </div>

      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the key “${revoking ? keyName(revoking) : ''}”?`}
        confirmLabel="Revoke key"
        busyLabel="Revoking…"
        onClose={() => setRevoking(null)}
        onConfirm={async () => {
          const k = revoking!;
          const r = await revokeApiKey(k.id ?? '');
          if (!r.ok) return r.error;
          setKeys((list) =>
            list?.map((x) => (x.id === k.id ? { ...x, revoked_at: new Date().toISOString() } : x)) ?? list,
          );
          setNotice(`The key “${keyName(k)}” is revoked: requests with it are refused from now on.`);
        }}
      >
        <p>
          Requests with this key are refused from the next one on. This cannot be undone: to let
          the partner in again, create a new key.
        </p>
      </ConfirmDialog>
    </AdminPage>
  );
}

// The store's staff (identity's /v1/merchants/{id}/members): list, add by user id with a level,
// change a level, remove, offer the ownership. Members manage only those below their own level
// (owners: managers and staff; managers: staff); staff only see the list. A brand's staff are its
// kitchen's.
import { useEffect, useState } from 'preact/hooks';
import {
  grantableLevels,
  listMembers,
  offerOwnership,
  ownershipOffer,
  putMember,
  removeMember,
  type Member,
  type OwnershipOffer,
  type StaffLevel,
} from '../../api/merchant';
import type { UserError } from '../../api/problem';
import {
  Alert,
  Button,
  ConfirmDialog,
  Form,
  formatDate,
  Link,
  RadioGroup,
  Table,
  TextField,
  type Column,
} from '../../ui';
import { OwnershipOfferNotice } from './OwnershipOffer';
import { atLeast, levelLabel, paths, StorePage, useMerchantAccount, useStore } from './shell';

type Action = { kind: 'level' | 'remove' | 'ownership'; member: Member };

export function Staff() {
  const { merchant, level } = useStore();
  const { me, reload: reloadAccount } = useMerchantAccount();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [offer, setOffer] = useState<OwnershipOffer | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [formKey, setFormKey] = useState(0);
  const owner = level === 'owner';
  const grantable = grantableLevels(level);

  async function load(): Promise<Member[] | null> {
    const [r, pending] = await Promise.all([listMembers(merchant.id), ownershipOffer(merchant.id)]);
    if (!r.ok) {
      setError(r.error);
      return null;
    }
    setError(null);
    setMembers(r.data);
    setOffer(pending.ok ? pending.data : null); // 404: no offer pending
    return r.data;
  }
  useEffect(() => {
    if (!merchant.kitchen_id) void load();
  }, [merchant.id]);

  if (merchant.kitchen_id)
    return (
      <StorePage section="staff">
        <p>
          A virtual brand is cooked by its kitchen's team: its staff are the{' '}
          <Link href={paths.store(merchant.kitchen_id, 'staff')}>kitchen's staff</Link>.
        </p>
      </StorePage>
    );

  const name = (m: Member) => m.name || 'this person';
  // Only members below one's own level; ownership moves by an offer the member accepts.
  const mayChange = (m: Member) =>
    m.user_id !== me.id && !!m.level && m.level !== level && atLeast(level, m.level);

  const columns: Column<Member>[] = [
    {
      header: 'Name',
      rowHeader: true,
      cell: (m) => (
        <>
          {m.name || <span class="muted">No name</span>}
          {m.user_id === me.id && <span class="muted"> (you)</span>}
        </>
      ),
    },
    { header: 'Level', cell: (m) => (m.level ? levelLabel(m.level) : '') },
    { header: 'User id', cell: (m) => <code>{m.user_id}</code> },
    { header: 'Since', cell: (m) => (m.created_at ? formatDate(m.created_at) : '') },
    {
      header: 'Actions',
      headerHidden: true,
      cell: (m) =>
        mayChange(m) ? (
          <div class="cell-actions">
            {owner && (
              <Button
                variant="secondary"
                aria-label={`Change the level of ${name(m)}`}
                onClick={() => setAction({ kind: 'level', member: m })}
              >
                Change level
              </Button>
            )}
            {owner && (
              <Button
                variant="secondary"
                aria-label={`Offer the ownership to ${name(m)}`}
                onClick={() => setAction({ kind: 'ownership', member: m })}
              >
                Make owner
              </Button>
            )}
            <Button
              variant="danger"
              aria-label={`Remove ${name(m)}`}
              onClick={() => setAction({ kind: 'remove', member: m })}
            >
              Remove
            </Button>
          </div>
        ) : null,
    },
  ];

  return (
    <StorePage section="staff">
      <div class="stack">
        <p>
          Owners change everything; managers run the profile, hours, zone and menu and add staff;
          staff pause the store and mark items sold out.
        </p>
        {notice && <Alert tone="success">{notice}</Alert>}
        {offer && members && (
          <OwnershipOfferNotice
            offer={offer}
            members={members}
            meId={me.id}
            storeName={merchant.name}
            onChanged={async (said) => {
              setNotice(said);
              await Promise.all([load(), reloadAccount()]);
            }}
          />
        )}
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
        {!members && !error && <p role="status">Loading the staff…</p>}
        {members && (
          <Table
            caption="Staff of this store"
            columns={columns}
            rows={members}
            rowKey={(m) => m.user_id ?? ''}
            empty="Nobody works here yet."
          />
        )}
        {atLeast(level, 'manager') && (
          <section class="card" aria-labelledby="add-staff-title">
            <h2 id="add-staff-title">Add someone</h2>
            <p class="muted">
              They need a merchant account. Ask them for their user id: it is on their Account
              page in this portal.
            </p>
            <Form
              key={formKey}
              label="Add someone"
              submitLabel="Add to the staff"
              busyLabel="Adding…"
              onSubmit={async ({ user_id, level: chosen }) => {
                if (!user_id)
                  return { message: 'Enter their user id.', fields: { user_id: 'Enter their user id.' }, status: 0 };
                const r = await putMember(merchant.id, user_id, (chosen || 'staff') as StaffLevel);
                if (!r.ok) {
                  if (r.error.status === 404 || (r.error.status === 422 && r.error.fields.user_id))
                    return {
                      ...r.error,
                      message: 'No merchant account has this user id. Check it with them.',
                      fields: { user_id: 'No merchant account has this user id.' },
                    };
                  return r.error;
                }
                const before = members?.find((m) => m.user_id === user_id);
                const after = (await load())?.find((m) => m.user_id === user_id);
                const who = after?.name || 'They';
                const as = levelLabel((chosen || 'staff') as StaffLevel).toLowerCase();
                setNotice(before ? `${who} is now ${as}.` : `${who} joined the staff as ${as}.`);
                setFormKey((k) => k + 1);
              }}
            >
              <TextField name="user_id" label="User id" hint="36 characters, e.g. 0190c3a2-…" required />
              <RadioGroup name="level" legend="Level" options={grantable} defaultValue="staff" required />
            </Form>
          </section>
        )}
      </div>

      <ConfirmDialog
        open={action?.kind === 'level'}
        title={`Change the level of ${action ? name(action.member) : ''}`}
        confirmLabel="Change level"
        busyLabel="Changing…"
        onClose={() => setAction(null)}
        onConfirm={async ({ level: chosen }) => {
          const m = action!.member;
          if (!chosen || chosen === m.level)
            return { message: 'Choose a level other than the current one, or cancel.', fields: {}, status: 0 };
          const r = await putMember(merchant.id, m.user_id ?? '', chosen as StaffLevel);
          if (!r.ok) return r.error;
          setNotice(`${name(m)} is now ${levelLabel(chosen as StaffLevel).toLowerCase()}.`);
          await load();
        }}
      >
        <RadioGroup
          name="level"
          legend="New level"
          options={grantable}
          defaultValue={action?.member.level}
          required
        />
      </ConfirmDialog>

      <ConfirmDialog
        open={action?.kind === 'remove'}
        title={`Remove ${action ? name(action.member) : ''} from the staff?`}
        confirmLabel="Remove"
        busyLabel="Removing…"
        onClose={() => setAction(null)}
        onConfirm={async () => {
          const m = action!.member;
          const r = await removeMember(merchant.id, m.user_id ?? '');
          if (!r.ok) return r.error;
          setNotice(`${name(m)} no longer works at ${merchant.name}.`);
          await load();
        }}
      >
        <p>They can no longer open this store in the merchant portal. Their account stays.</p>
      </ConfirmDialog>

      <ConfirmDialog
        open={action?.kind === 'ownership'}
        title={`Offer the ownership to ${action ? name(action.member) : ''}?`}
        confirmLabel="Offer the ownership"
        busyLabel="Offering…"
        onClose={() => setAction(null)}
        onConfirm={async () => {
          const m = action!.member;
          const r = await offerOwnership(merchant.id, m.user_id ?? '');
          if (!r.ok) return r.error;
          setNotice(`${name(m)} becomes owner when they accept the offer on this page.`);
          await load();
        }}
      >
        <p>
          They become owner when they accept, and you then stay on as manager. Until then you can
          withdraw the offer; it lapses after seven days.
        </p>
      </ConfirmDialog>
    </StorePage>
  );
}

// The store's staff (identity's /v1/merchants/{id}/members): list, invite by email with a level
// (and revoke a pending invitation), change a level, remove, offer the ownership. Members manage only those below their own level
// (owners: managers and staff; managers: staff); staff only see the list. A brand's staff are its
// kitchen's.
import { useEffect, useState } from 'preact/hooks';
import {
  grantableLevels,
  inviteMember,
  listInvitations,
  listMembers,
  offerOwnership,
  ownershipOffer,
  putMember,
  removeMember,
  revokeInvitation,
  type Invitation,
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

type Action =
  | { kind: 'level' | 'remove' | 'ownership'; member: Member }
  | { kind: 'revoke'; invitation: Invitation };

export function Staff() {
  const { merchant, level } = useStore();
  const { me, reload: reloadAccount } = useMerchantAccount();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [offer, setOffer] = useState<OwnershipOffer | null>(null);
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [error, setError] = useState<UserError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [formKey, setFormKey] = useState(0);
  const owner = level === 'owner';
  const grantable = grantableLevels(level);

  async function load(): Promise<Member[] | null> {
    const [r, pending, invited] = await Promise.all([
      listMembers(merchant.id),
      ownershipOffer(merchant.id),
      listInvitations(merchant.id),
    ]);
    if (!r.ok) {
      setError(r.error);
      return null;
    }
    setError(null);
    setMembers(r.data);
    setInvitations(invited.ok ? invited.data : []);
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

  // Invitations below one's own level may be revoked.
  const mayRevoke = (i: Invitation) => i.level !== level && atLeast(level, i.level);
  const invitationColumns: Column<Invitation>[] = [
    { header: 'Email', rowHeader: true, cell: (i) => i.email },
    { header: 'Level', cell: (i) => levelLabel(i.level) },
    { header: 'Expires', cell: (i) => formatDate(i.expires_at) },
    {
      header: 'Actions',
      headerHidden: true,
      cell: (i) =>
        mayRevoke(i) ? (
          <Button
            variant="danger"
            aria-label={`Revoke the invitation of ${i.email}`}
            onClick={() => setAction({ kind: 'revoke', invitation: i })}
          >
            Revoke
          </Button>
        ) : null,
    },
  ];
  const member = action && action.kind !== 'revoke' ? action.member : null;

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
        {invitations.length > 0 && (
          <Table
            caption="Pending invitations"
            columns={invitationColumns}
            rows={invitations}
            rowKey={(i) => i.id}
            empty="No invitation is waiting."
          />
        )}
        {atLeast(level, 'manager') && (
          <section class="card" aria-labelledby="add-staff-title">
            <h2 id="add-staff-title">Invite someone</h2>
            <p class="muted">
              They join when they accept the invitation in this portal, signed in with this address
              and having verified it (they can sign up with it if they have no merchant account yet).
              It lapses after seven days.
            </p>
            <Form
              key={formKey}
              label="Invite someone"
              submitLabel="Send the invitation"
              busyLabel="Sending…"
              onSubmit={async ({ email, level: chosen }) => {
                if (!email)
                  return { message: 'Enter their email address.', fields: { email: 'Enter their email address.' }, status: 0 };
                const as = (chosen || 'staff') as StaffLevel;
                const r = await inviteMember(merchant.id, email, as);
                if (!r.ok) return r.error;
                await load();
                setNotice(
                  `Invitation sent to ${r.data.email}. They join as ${levelLabel(as).toLowerCase()} when they accept it.`,
                );
                setFormKey((k) => k + 1);
              }}
            >
              <TextField name="email" label="Email" type="email" autoComplete="off" required />
              <RadioGroup name="level" legend="Level" options={grantable} defaultValue="staff" required />
            </Form>
          </section>
        )}
      </div>

      <ConfirmDialog
        open={action?.kind === 'level'}
        title={`Change the level of ${member ? name(member) : ''}`}
        confirmLabel="Change level"
        busyLabel="Changing…"
        onClose={() => setAction(null)}
        onConfirm={async ({ level: chosen }) => {
          const m = member!;
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
          defaultValue={member?.level}
          required
        />
      </ConfirmDialog>

      <ConfirmDialog
        open={action?.kind === 'remove'}
        title={`Remove ${member ? name(member) : ''} from the staff?`}
        confirmLabel="Remove"
        busyLabel="Removing…"
        onClose={() => setAction(null)}
        onConfirm={async () => {
          const m = member!;
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
        title={`Offer the ownership to ${member ? name(member) : ''}?`}
        confirmLabel="Offer the ownership"
        busyLabel="Offering…"
        onClose={() => setAction(null)}
        onConfirm={async () => {
          const m = member!;
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
      <ConfirmDialog
        open={action?.kind === 'revoke'}
        title={`Revoke the invitation of ${action?.kind === 'revoke' ? action.invitation.email : ''}?`}
        confirmLabel="Revoke"
        busyLabel="Revoking…"
        onClose={() => setAction(null)}
        onConfirm={async () => {
          if (action?.kind !== 'revoke') return;
          const r = await revokeInvitation(merchant.id, action.invitation.id);
          if (!r.ok) return r.error;
          setNotice(`The invitation of ${action.invitation.email} is revoked.`);
          await load();
        }}
      >
        <p>They can no longer join with it. You can invite them again later.</p>
      </ConfirmDialog>
    </StorePage>
  );
}

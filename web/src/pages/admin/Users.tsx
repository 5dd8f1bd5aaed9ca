// Users: search (name contains, exact email, role, status), paged; suspend / reinstate and change
// the role, each behind a confirmation dialog. The API takes no reason for a suspension; the
// audit log records who did it and when.
import { useState } from 'preact/hooks';
import {
  reinstateUser,
  roles,
  searchUsers,
  setUserRole,
  suspendUser,
  userStatuses,
  type AdminUser,
  type Role,
  type UserFilters,
} from '../../api/admin';
import {
  Alert,
  Badge,
  Button,
  ConfirmDialog,
  FilterForm,
  Link,
  PagedTable,
  Select,
  TextField,
  formatDate,
  useFilteredList,
  withQuery,
  type Column,
} from '../../ui';
import { AdminPage, paths, roleLabel, useAdmin } from './shell';

const PAGE_SIZE = 25;
const cursorOf = (u: AdminUser) => u.id ?? '';
const roleOptions = roles.map((r) => ({ value: r, label: roleLabel(r) }));
const statusOptions = userStatuses.map((s) => ({ value: s, label: roleLabel(s) }));

function filtersFrom(values: Record<string, string>): UserFilters {
  const { q, email, role, status } = values;
  return { q, email, role, status };
}

const toQuery = (filters: UserFilters) => ({ ...filters });

function StatusBadge({ status }: { status: string | undefined }) {
  if (status === 'active') return <Badge tone="success">Active</Badge>;
  if (status === 'suspended') return <Badge tone="danger">Suspended</Badge>;
  return <Badge tone="neutral">{status === 'erased' ? 'Erased' : (status ?? 'Unknown')}</Badge>;
}

type Action = { kind: 'suspend' | 'reinstate' | 'role'; user: AdminUser };

export function Users() {
  const me = useAdmin();
  const { list, defaults, formKey, filtered, apply, clear } = useFilteredList(
    searchUsers,
    cursorOf,
    PAGE_SIZE,
    filtersFrom,
    toQuery,
  );
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const name = (u: AdminUser) => u.name || u.email || 'this user';

  const columns: Column<AdminUser>[] = [
    {
      header: 'Name',
      rowHeader: true,
      cell: (u) => (
        <>
          {u.name || <span class="muted">No name</span>}
          {u.id === me.id && <span class="muted"> (you)</span>}
        </>
      ),
    },
    {
      header: 'Email',
      cell: (u) =>
        u.email ? (
          <>
            <span class="wrap-anywhere">{u.email}</span>
            {!u.email_verified && <span class="cell-note">Not verified</span>}
          </>
        ) : (
          <span class="muted">Erased</span>
        ),
    },
    { header: 'Role', cell: (u) => roleLabel(u.role) },
    {
      header: 'Status',
      cell: (u) => (
        <>
          <StatusBadge status={u.status} />
          {u.age_verified && <span class="cell-note">Age checked</span>}
        </>
      ),
    },
    { header: 'Joined', cell: (u) => (u.created_at ? formatDate(u.created_at) : '') },
    {
      header: 'Actions',
      cell: (u) => (
        <div class="cell-actions">
          {u.id !== me.id && u.status === 'active' && (
            <Button
              variant="danger"
              aria-label={`Suspend ${name(u)}`}
              onClick={() => setAction({ kind: 'suspend', user: u })}
            >
              Suspend
            </Button>
          )}
          {u.id !== me.id && u.status === 'suspended' && (
            <Button
              variant="secondary"
              aria-label={`Reinstate ${name(u)}`}
              onClick={() => setAction({ kind: 'reinstate', user: u })}
            >
              Reinstate
            </Button>
          )}
          {u.id !== me.id && u.status !== 'erased' && (
            <Button
              variant="secondary"
              aria-label={`Change role for ${name(u)}`}
              onClick={() => setAction({ kind: 'role', user: u })}
            >
              Change role
            </Button>
          )}
          <Link
            href={withQuery(paths.audit, { target_id: u.id })}
            aria-label={`Audit trail of ${name(u)}`}
          >
            Audit trail
          </Link>
        </div>
      ),
    },
  ];

  async function search(values: Record<string, string>) {
    setNotice(null);
    await apply(filtersFrom(values));
  }

  function clearFilters() {
    setNotice(null);
    clear();
  }

  const target = action?.user;

  return (
    <AdminPage title="Users">
      <div class="stack">
        <FilterForm
          key={formKey}
          label="Find users"
          verb="Search"
          onSubmit={search}
          onClear={clearFilters}
        >
          <TextField name="q" label="Name contains" defaultValue={defaults.q} />
          <TextField
            name="email"
            label="Email"
            type="email"
            hint="The whole address"
            defaultValue={defaults.email}
          />
          <Select
            name="role"
            label="Role"
            emptyOption="Any role"
            options={roleOptions}
            defaultValue={defaults.role}
          />
          <Select
            name="status"
            label="Status"
            emptyOption="Any status"
            options={statusOptions}
            defaultValue={defaults.status}
          />
        </FilterForm>

        {notice && <Alert tone="success">{notice}</Alert>}
        <PagedTable
          list={list}
          loadingText="Loading users…"
          caption={filtered ? 'Users matching the filters' : 'All users'}
          columns={columns}
          rowKey={cursorOf}
          empty={
            filtered ? (
              <>
                <p>No users match these filters.</p>
                <p>
                  Names match any part; the email must be the whole address. Try fewer
                  filters, or <Button variant="secondary" onClick={clearFilters}>clear them</Button>.
                </p>
              </>
            ) : (
              'No users yet. People appear here when they sign up.'
            )
          }
          noun={['user', 'users']}
        />
      </div>

      <ConfirmDialog
        open={action?.kind === 'suspend'}
        title={`Suspend ${target ? name(target) : ''}?`}
        confirmLabel="Suspend"
        busyLabel="Suspending…"
        onClose={() => setAction(null)}
        onConfirm={async () => {
          const u = action!.user;
          const r = await suspendUser(u.id ?? '');
          if (!r.ok) return r.error;
          list.update((x) => (x.id === u.id ? { ...x, status: 'suspended' } : x));
          setNotice(`${name(u)} is suspended and logged out everywhere.`);
        }}
      >
        <p>
          They are logged out everywhere at once and cannot log in until an administrator
          reinstates them. Their data and orders stay as they are.
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={action?.kind === 'reinstate'}
        title={`Reinstate ${target ? name(target) : ''}?`}
        confirmLabel="Reinstate"
        busyLabel="Reinstating…"
        onClose={() => setAction(null)}
        onConfirm={async () => {
          const u = action!.user;
          const r = await reinstateUser(u.id ?? '');
          if (!r.ok) return r.error;
          list.update((x) => (x.id === u.id ? { ...x, status: 'active' } : x));
          setNotice(`${name(u)} is reinstated and can log in again.`);
        }}
      >
        <p>They can log in again with their password.</p>
      </ConfirmDialog>

      <ConfirmDialog
        open={action?.kind === 'role'}
        title={`Change the role of ${target ? name(target) : ''}`}
        confirmLabel="Change role"
        busyLabel="Changing…"
        onClose={() => setAction(null)}
        onConfirm={async ({ role }) => {
          const u = action!.user;
          if (!role || role === u.role)
            return {
              message: 'Choose a role other than the current one, or cancel.',
              fields: { role: 'Choose a different role.' },
              status: 0,
            };
          const r = await setUserRole(u.id ?? '', role as Role);
          if (!r.ok) return r.error;
          list.update((x) => (x.id === u.id ? { ...x, role } : x));
          const article = role === 'admin' ? 'an' : 'a';
          setNotice(
            `${name(u)} is now ${article} ${role}. They are logged out and get the new role at ` +
              'their next login.',
          );
        }}
      >
        <p>
          They are logged out everywhere; their next login carries the new role. Giving the admin
          role lets them do everything on this page.
        </p>
        <Select
          name="role"
          label="New role"
          options={roleOptions}
          defaultValue={target?.role}
          required
        />
      </ConfirmDialog>
    </AdminPage>
  );
}

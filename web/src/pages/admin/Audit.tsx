// The audit log: who did what to whom and when, newest first, filtered by action, actor, target
// and time range, paged with "Load more". Filters live in the address bar, so that other pages
// link to a user's trail (/admin/audit?target_id=...).
import { auditActions, queryAudit, type AuditEntry, type AuditFilters } from '../../api/admin';
import type { UserError } from '../../api/problem';
import {
  Badge,
  Button,
  FilterForm,
  PagedTable,
  Select,
  TextField,
  formatDateTimeSeconds,
  isoToLocalInput,
  localInputToIso,
  useFilteredList,
  type Column,
} from '../../ui';
import { AdminPage, roleLabel } from './shell';

const PAGE_SIZE = 50;
const cursorOf = (e: AuditEntry) => e.id ?? '';
const actionOptions = auditActions.map((a) => ({ value: a, label: a }));

/** The address bar's filters: ids and ISO 8601 times (a time that does not parse is dropped). */
function filtersFromQuery(q: Record<string, string>): AuditFilters {
  const time = (v: string | undefined) => (v && !Number.isNaN(Date.parse(v)) ? v : undefined);
  return {
    action: q.action,
    actor_id: q.actor_id,
    target_id: q.target_id,
    since: time(q.since),
    until: time(q.until),
  };
}

const toQuery = (f: AuditFilters) => ({ ...f });

/** A detail value in words: lists joined, `{from, to}` as "old → new", nothing as "none". */
function detailText(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'none';
  if (Array.isArray(value)) return value.map(detailText).join(', ');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('from' in v && 'to' in v) return `${detailText(v.from)} → ${detailText(v.to)}`;
    return JSON.stringify(value);
  }
  return String(value);
}

/** The entry's detail as "key: value" lines (values are short: roles, ids, fields, prices). */
function Detail({ entry }: { entry: AuditEntry }) {
  const pairs = Object.entries(entry.detail ?? {});
  return (
    <>
      {pairs.length > 0 && (
        <ul class="detail-list">
          {pairs.map(([k, v]) => (
            <li key={k}>
              {k.replaceAll('_', ' ')}: <code>{detailText(v)}</code>
            </li>
          ))}
        </ul>
      )}
      {entry.request_id && (
        <span class="cell-note">
          Request <code>{entry.request_id}</code>
        </span>
      )}
    </>
  );
}

/** A name when the log has one, else the raw id; the id stays in the tooltip for filtering. */
function Named({ id, name, note }: { id?: string; name?: string; note?: string }) {
  return (
    <>
      {name ? <span title={id}>{name}</span> : id && <code>{id}</code>}
      {note && <span class="cell-note">{note}</span>}
    </>
  );
}

export function Audit() {
  const { list, defaults, formKey, filtered, apply, clear } = useFilteredList(
    queryAudit,
    cursorOf,
    PAGE_SIZE,
    filtersFromQuery,
    toQuery,
  );

  const columns: Column<AuditEntry>[] = [
    {
      header: 'Time',
      rowHeader: true,
      cell: (e) => (e.at ? formatDateTimeSeconds(e.at) : ''),
    },
    { header: 'Action', cell: (e) => <code>{e.action}</code> },
    {
      header: 'Outcome',
      cell: (e) =>
        e.outcome === 'failure' ? (
          <Badge tone="danger">Failure</Badge>
        ) : (
          <Badge tone="success">Success</Badge>
        ),
    },
    {
      header: 'Actor',
      cell: (e) => (
        <Named
          id={e.actor_id}
          name={e.actor_name}
          note={[e.actor_email, e.actor_role ? roleLabel(e.actor_role) : 'Unknown role']
            .filter(Boolean)
            .join(', ')
            .concat(e.ip ? `, from ${e.ip}` : '')}
        />
      ),
    },
    {
      header: 'Target',
      cell: (e) =>
        e.target_id && (
          <Named id={e.target_id} name={e.target_name} note={e.target_type?.replaceAll('_', ' ')} />
        ),
    },
    { header: 'Details', cell: (e) => <Detail entry={e} /> },
  ];

  async function search(values: Record<string, string>): Promise<UserError | void> {
    const since = localInputToIso(values.since);
    // The field has minutes: include the whole minute.
    const until = localInputToIso(values.until, 59_999);
    if (since !== undefined && until !== undefined && until < since)
      return {
        message: 'The time range ends before it starts.',
        fields: { until: 'Until must be after From.' },
        status: 0,
      };
    const filters: AuditFilters = {
      action: values.action,
      actor_id: values.actor_id,
      target_id: values.target_id,
      since,
      until,
    };
    await apply(filters);
  }

  return (
    <AdminPage title="Audit log">
      <div class="stack">
        <p>
          Security-relevant actions — logins, two-step login changes, suspensions, role changes,
          API keys, ID decisions, data exports, merchant and menu changes — newest first. Entries
          can never be changed or deleted.
        </p>
        <FilterForm
          key={formKey}
          label="Filter the audit log"
          verb="Filter"
          onSubmit={search}
          onClear={clear}
        >
          <Select
            name="action"
            label="Action"
            emptyOption="Any action"
            options={actionOptions}
            defaultValue={defaults.action}
          />
          <TextField
            name="actor_id"
            label="Actor"
            hint="The id of who did it"
            defaultValue={defaults.actor_id}
            spellcheck={false}
          />
          <TextField
            name="target_id"
            label="Target"
            hint="The id of what it was done to"
            defaultValue={defaults.target_id}
            spellcheck={false}
          />
          <TextField
            name="since"
            label="From"
            type="datetime-local"
            hint="Your local time"
            defaultValue={defaults.since ? isoToLocalInput(defaults.since) : undefined}
          />
          <TextField
            name="until"
            label="Until"
            type="datetime-local"
            hint="Your local time"
            defaultValue={defaults.until ? isoToLocalInput(defaults.until) : undefined}
          />
        </FilterForm>

        <PagedTable
          list={list}
          loadingText="Loading the audit log…"
          caption={
            filtered
              ? 'Audit entries matching the filters, newest first'
              : 'Audit entries, newest first'
          }
          columns={columns}
          rowKey={cursorOf}
          empty={
            filtered ? (
              <>
                <p>No audit entries match these filters.</p>
                <p>
                  Ids must be whole and exact. Widen the time range or{' '}
                  <Button variant="secondary" onClick={clear}>
                    clear the filters
                  </Button>
                </p>
              </>
            ) : (
              'The audit log is empty. Entries appear as people sign up, log in and change things.'
            )
          }
          noun={['entry', 'entries']}
        />
      </div>
    </AdminPage>
  );
}

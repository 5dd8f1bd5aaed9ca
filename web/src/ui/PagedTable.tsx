// A cursor-paged list shown as a Table: the first load's progress, a failed load with "Try
// again" (PagedListError, also used on its own), the table (busy while new filters load) and
// "Load more" under it. The admin lists (users, merchants, audit) share it; the page keeps its
// filters, columns and empty state.
import type { ComponentChildren } from 'preact';
import { Alert } from './Alert';
import { Button } from './Button';
import { LoadMore } from './LoadMore';
import { Table, type Column } from './Table';
import type { PagedList } from './usePagedList';

export interface PagedTableProps<T, F> {
  list: PagedList<T, F>;
  /** Said while the first page loads, e.g. "Loading users…". */
  loadingText: string;
  caption: string;
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** Shown instead of the table when there are no rows: say why and what to do. */
  empty: ComponentChildren;
  /** How "Load more" counts rows: ['user', 'users']. */
  noun: readonly [string, string];
}

/** A failed load of a paged list, with "Try again" (the first page of the current filters). */
export function PagedListError<T, F>({ list }: { list: PagedList<T, F> }) {
  if (!list.error) return null;
  return (
    <Alert tone="error">
      <p>{list.error.message}</p>
      <p>
        <Button variant="secondary" onClick={() => void list.reload()}>
          Try again
        </Button>
      </p>
    </Alert>
  );
}

export function PagedTable<T, F>({
  list,
  loadingText,
  caption,
  columns,
  rowKey,
  empty,
  noun,
}: PagedTableProps<T, F>) {
  return (
    <>
      <PagedListError list={list} />
      {list.items === null ? (
        list.loading && <p role="status">{loadingText}</p>
      ) : (
        <div aria-busy={list.loading ? 'true' : undefined}>
          <Table caption={caption} columns={columns} rows={list.items} rowKey={rowKey} empty={empty} />
          {list.items.length > 0 && (
            <LoadMore
              shown={list.items.length}
              done={list.done}
              busy={list.loadingMore}
              onMore={() => void list.more()}
              noun={noun}
            />
          )}
        </div>
      )}
    </>
  );
}

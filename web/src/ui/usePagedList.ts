// Cursor-paged lists ("Load more"): the first page for some filters, then the next pages, with
// progress, errors as UserError, and answers of superseded requests dropped.
import { useCallback, useRef, useState } from 'preact/hooks';
import type { UserError } from '../api/problem';

/**
 * What a page fetch resolves to: the API client's Outcome fits. APIs with opaque cursors
 * (`{data, has_more, next_cursor}`) pass `next`: the cursor of the following page, or null at the
 * end; without it the next cursor is `cursorOf(last row)` and a short page means the end.
 */
export type PageResult<T> =
  | { ok: true; data: T[]; next?: string | null }
  | { ok: false; error: UserError };

export interface PagedList<T, F> {
  /** The rows loaded so far; null before the first page arrives. */
  items: T[] | null;
  filters: F;
  /** The last load failed (first page or a further page). */
  error: UserError | null;
  /** The first page (of new filters) is loading. */
  loading: boolean;
  /** A further page is loading. */
  loadingMore: boolean;
  /** The last page was shorter than the page size: nothing more to load. */
  done: boolean;
  /** Load the first page for these filters (replacing the rows); resolves when it is shown. */
  load: (filters: F) => Promise<void>;
  /** Load the next page (after the last row). */
  more: () => Promise<void>;
  /** Load the first page of the current filters again. */
  reload: () => Promise<void>;
  /** Replace rows in place (after an action changed one), without a reload. */
  update: (change: (row: T) => T) => void;
}

/**
 * @param fetchPage fetches one page: `cursor` is undefined for the first page
 * @param cursorOf the cursor that follows a row (its id, for `after`/`before` style cursors)
 * @param pageSize rows per page; a shorter page means the end
 */
export function usePagedList<T, F>(
  fetchPage: (filters: F, cursor: string | undefined, limit: number) => Promise<PageResult<T>>,
  cursorOf: (row: T) => string,
  pageSize: number,
  initialFilters: F,
): PagedList<T, F> {
  const [items, setItems] = useState<T[] | null>(null);
  const [filters, setFilters] = useState<F>(initialFilters);
  const [error, setError] = useState<UserError | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [done, setDone] = useState(false);
  const generation = useRef(0);
  const nextCursor = useRef<string | null | undefined>(undefined);
  const latest = useRef({ items, filters });
  latest.current = { items, filters };

  const load = useCallback(
    async (next: F) => {
      const mine = ++generation.current;
      setFilters(next);
      setLoading(true);
      setLoadingMore(false);
      setError(null);
      const r = await fetchPage(next, undefined, pageSize);
      if (mine !== generation.current) return;
      setLoading(false);
      if (!r.ok) return setError(r.error);
      setItems(r.data);
      nextCursor.current = r.next;
      setDone(r.next !== undefined ? r.next === null : r.data.length < pageSize);
    },
    [fetchPage, pageSize],
  );

  const more = useCallback(async () => {
    const { items: have, filters: current } = latest.current;
    const last = have?.[have.length - 1];
    if (!have || !last) return;
    const mine = generation.current;
    setLoadingMore(true);
    setError(null);
    const cursor = nextCursor.current ?? cursorOf(last);
    const r = await fetchPage(current, cursor, pageSize);
    if (mine !== generation.current) return;
    setLoadingMore(false);
    if (!r.ok) return setError(r.error);
    setItems([...have, ...r.data]);
    nextCursor.current = r.next;
    setDone(r.next !== undefined ? r.next === null : r.data.length < pageSize);
  }, [fetchPage, cursorOf, pageSize]);

  const reload = useCallback(() => load(latest.current.filters), [load]);
  const update = useCallback(
    (change: (row: T) => T) => setItems((rows) => (rows ? rows.map(change) : rows)),
    [],
  );

  return { items, filters, error, loading, loadingMore, done, load, more, reload, update };
}

// A paged list behind a filter form whose filters live in the address bar: the first page loads
// with the filters of the URL, a search puts its filters there, and clearing empties both the
// form and the URL.
import { useEffect, useState } from 'preact/hooks';
import { readQuery, replaceQuery } from './query';
import { usePagedList, type PagedList, type PageResult } from './usePagedList';

export interface FilteredList<T, F> {
  list: PagedList<T, F>;
  /** The form's initial values: the URL's filters, or none after a clear. */
  defaults: F;
  /** Key the form with it: it changes when a clear must empty the form's fields. */
  formKey: number;
  /** Some filter of the shown list is set. */
  filtered: boolean;
  /** Shows the first page for these filters and puts them in the address bar. */
  apply: (filters: F) => Promise<void>;
  /** Empties the filters, the form and the address bar, and shows the first page of all. */
  clear: () => void;
}

/**
 * @param fromQuery filters from the address bar's values (given `{}`, no filters)
 * @param toQuery the address bar's values for some filters
 */
export function useFilteredList<T, F extends object>(
  fetchPage: (filters: F, cursor: string | undefined, limit: number) => Promise<PageResult<T>>,
  cursorOf: (row: T) => string,
  pageSize: number,
  fromQuery: (query: Record<string, string>) => F,
  toQuery: (filters: F) => Record<string, string | undefined>,
): FilteredList<T, F> {
  const [defaults, setDefaults] = useState(() => fromQuery(readQuery()));
  const [formKey, setFormKey] = useState(0);
  const list = usePagedList(fetchPage, cursorOf, pageSize, defaults);

  useEffect(() => void list.load(defaults), []);

  function apply(filters: F) {
    replaceQuery(toQuery(filters));
    return list.load(filters);
  }

  function clear() {
    const none = fromQuery({});
    setDefaults(none);
    setFormKey((k) => k + 1);
    replaceQuery({});
    void list.load(none);
  }

  const filtered = Object.values(list.filters).some((v) => v !== undefined && v !== '');
  return { list, defaults, formKey, filtered, apply, clear };
}

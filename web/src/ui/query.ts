// Filters in the address bar: a filtered list can be reloaded, bookmarked and linked to (e.g.
// "this user's audit trail"). Replacing the query does not move focus or add history entries.

/** The current query string's values (empty ones left out). */
export function readQuery(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(location.search)) if (v) out[k] = v;
  return out;
}

/** A path with a query of the non-empty values. */
export function withQuery(path: string, values: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Put the values in the address bar (replacing the current entry). */
export function replaceQuery(values: Record<string, string | undefined>) {
  history.replaceState(history.state, '', withQuery(location.pathname, values));
}

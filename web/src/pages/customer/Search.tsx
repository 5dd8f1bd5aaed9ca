// Search merchants and dishes as you type (one typo is forgiven by the API: "piza" finds pizza).
// With a delivery address only what delivers there; results in two groups, Arrow keys move
// between them, and the count is announced.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { search, type SearchResults } from '../../api/discovery';
import type { UserError } from '../../api/problem';
import { arrowKeys, formatMoney, Link, Page, readQuery, replaceQuery, SearchBox } from '../../ui';
import { dietaryLabel } from '../../api/catalog';
import { merchantPath, paths } from './paths';
import { AddressBar } from './shop/AddressBar';
import { useDeliveryAddress } from './shop/address';
import { MerchantCard } from './shop/MerchantCard';

type State =
  | { kind: 'idle' }
  | { kind: 'busy'; q: string }
  | { kind: 'done'; q: string; results: SearchResults }
  | { kind: 'failed'; q: string; error: UserError };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function statusText(state: State): string {
  switch (state.kind) {
    case 'idle':
      return 'Type at least 2 letters: results appear as you type.';
    case 'busy':
      return 'Searching…';
    case 'failed':
      return state.error.message;
    case 'done': {
      const { merchants, items } = state.results;
      if (merchants.length + items.length === 0)
        return `Nothing matches “${state.q}”. Check the spelling or try fewer words.`;
      const found = `${plural(merchants.length, 'merchant', 'merchants')} and ${plural(items.length, 'dish', 'dishes')}`;
      return `${found} match “${state.q}”.`;
    }
  }
}

export function Search({ nav }: { nav: ComponentChildren }) {
  const address = useDeliveryAddress();
  const initial = readQuery().q ?? '';
  const [state, setState] = useState<State>({ kind: 'idle' });
  const latest = useRef(0);
  const query = useRef(initial.trim());

  async function run(q: string) {
    query.current = q;
    replaceQuery({ q: q || undefined });
    const mine = ++latest.current;
    if (q.length < 2) return setState({ kind: 'idle' });
    setState({ kind: 'busy', q });
    const r = await search(q, address ? { lat: address.lat, lng: address.lng } : null);
    if (mine !== latest.current) return; // a newer query is on its way
    setState(r.ok ? { kind: 'done', q, results: r.data } : { kind: 'failed', q, error: r.error });
  }

  // The first search, and again when the delivery address changes (in another tab, say).
  useEffect(() => void run(query.current), [address?.lat, address?.lng]);

  return (
    <Page title="Search" portal="Customer" nav={nav}>
      <div class="stack">
        {address ? (
          <AddressBar address={address} />
        ) : (
          <p class="muted">
            Searching everywhere.{' '}
            <Link href={`${paths.address}?next=${encodeURIComponent(paths.search)}`}>
              Choose a delivery address
            </Link>{' '}
            to see only merchants that deliver to you.
          </p>
        )}
        <SearchBox
          label="Search merchants and dishes"
          hint="For example: pizza, pad thai, vegan burger."
          defaultValue={initial}
          onSearch={(q) => void run(q)}
          status={statusText(state)}
          resultsId="search-results"
          inputId="search-input"
        />
        <div id="search-results" data-arrow-back="search-input" onKeyDown={arrowKeys}>
          {state.kind === 'done' && <Results results={state.results} />}
        </div>
      </div>
    </Page>
  );
}

function Results({ results }: { results: SearchResults }) {
  return (
    <>
      {results.merchants.length > 0 && (
        <section aria-labelledby="found-merchants">
          <h2 id="found-merchants">Merchants</h2>
          <ul class="merchant-cards">
            {results.merchants.map((m) => (
              <MerchantCard key={m.id} merchant={m} level={3} />
            ))}
          </ul>
        </section>
      )}
      {results.items.length > 0 && (
        <section aria-labelledby="found-dishes">
          <h2 id="found-dishes">Dishes</h2>
          <ul class="dish-hits">
            {results.items.map((i) => (
              <li key={i.item_id} class="dish-hit">
                {i.photo_url && <img src={i.photo_url} alt="" width={64} height={48} loading="lazy" />}
                <div>
                  <h3 class="dish-hit-name">
                    <Link href={`${merchantPath(i.merchant_id)}#item-${i.item_id}`}>{i.name}</Link>
                  </h3>
                  <p class="muted">
                    at {i.merchant_name} · {formatMoney(i.price_minor, i.currency)}
                    {i.dietary.length > 0 && ` · ${i.dietary.map(dietaryLabel).join(', ')}`}
                  </p>
                  {i.description && <p class="dish-hit-description">{i.description}</p>}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

// A store at a glance: open or closed now and why, the pause switch, and what to set up next.
import { formatMoney, Link } from '../../ui';
import { PauseControl } from './PauseControl';
import { atLeast, levelLabel, paths, sections, StorePage, useStore } from './shell';

function nextSteps(created: boolean) {
  if (!created) return null;
  return (
    <div class="alert alert-success" role="status">
      <p class="alert-title">Your store is created.</p>
      <p>
        Next: set your <strong>opening hours</strong> and <strong>delivery zone</strong>, then
        build your <strong>menu</strong>. Customers find the store once it has a menu and is open.
      </p>
    </div>
  );
}

export function Overview() {
  const { merchant, level } = useStore();
  const created = new URLSearchParams(location.search).has('created');
  const zone = merchant.delivery_zone;
  return (
    <StorePage section="overview">
      <div class="stack">
        {nextSteps(created)}
        <section class="card" aria-labelledby="pause-title">
          <h2 id="pause-title">Taking orders</h2>
          <p>
            {merchant.open_now
              ? 'The store is open now: customers can order.'
              : merchant.status === 'suspended'
                ? 'ReskFlow has suspended this store: customers cannot find it. Contact support.'
                : 'The store is closed now (outside its opening hours, or paused).'}
          </p>
          <PauseControl />
        </section>
        <section class="card" aria-labelledby="facts-title">
          <h2 id="facts-title">The store</h2>
          <dl class="facts">
            <dt>Your role</dt>
            <dd>{levelLabel(level)}</dd>
            {merchant.kitchen_id && (
              <>
                <dt>Kitchen</dt>
                <dd>
                  A virtual brand cooked in <Link href={paths.store(merchant.kitchen_id)}>its kitchen</Link>
                </dd>
              </>
            )}
            <dt>Address</dt>
            <dd>
              {merchant.address.line1}, {merchant.address.postal_code} {merchant.address.city}
            </dd>
            <dt>Delivery zone</dt>
            <dd>
              {zone.type === 'radius'
                ? `Within ${(zone.radius_m / 1000).toLocaleString()} km of the store`
                : 'An area drawn on the map'}
            </dd>
            <dt>Minimum order</dt>
            <dd>{formatMoney(merchant.minimum_order_minor, merchant.currency)}</dd>
            <dt>Preparation</dt>
            <dd>{merchant.prep_time_minutes} minutes</dd>
          </dl>
        </section>
        <section aria-labelledby="manage-title">
          <h2 id="manage-title">Manage</h2>
          <ul class="cards">
            {sections
              .filter((s) => s.section !== 'overview')
              .map((s) => (
                <li class="card" key={s.section}>
                  <h3>
                    <Link href={paths.store(merchant.id, s.section)}>{s.label}</Link>
                  </h3>
                  <p class="muted">{describe[s.section]}</p>
                </li>
              ))}
          </ul>
          {!atLeast(level, 'manager') && (
            <p class="muted">
              As staff you can pause the store and mark items sold out; a manager or owner changes
              the rest.
            </p>
          )}
        </section>
      </div>
    </StorePage>
  );
}

const describe: Record<string, string> = {
  orders: 'The live order queue: accept, prepare, hand over; today’s sales.',
  balance: 'What ReskFlow owes the store, payouts, and every ledger entry.',
  profile: 'Name, description, cuisines, prices, address and photo.',
  hours: 'Opening hours for each weekday and special dates.',
  zone: 'Where you deliver: a radius or an area drawn on the map.',
  menu: 'Categories, items, options, availability; sold-out items.',
  staff: 'Who works here, and what they may change.',
  brands: 'Virtual brands cooked in this kitchen.',
};

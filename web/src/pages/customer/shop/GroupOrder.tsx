// Ordering together: the host starts a group order and shares its link, sees who joined and
// what each one's share is, and locks the cart before ordering; a participant sees the same
// shares and may leave.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Profile } from '../../../api/auth';
import {
  removeParticipant,
  setLocked,
  showGroupLink,
  startGroup,
  type Cart,
  type CartShare,
} from '../../../api/carts';
import {
  Badge,
  Button,
  ConfirmDialog,
  CopyButton,
  Form,
  navigate,
  Price,
  TextField,
} from '../../../ui';
import { paths } from '../paths';
import type { CartView } from './useCart';

interface GroupProps {
  cart: Cart;
  me: Profile | null;
  view: CartView;
}

// The link is kept for the tab so that a reload shows it at once; otherwise the API shows the
// current one again (GET /v1/carts/{cart_id}/group), unchanged.
const linkKey = (cartId: string) => `reskflow.invite.${cartId}`;

function rememberedLink(cartId: string): string | null {
  try {
    return sessionStorage.getItem(linkKey(cartId));
  } catch {
    return null;
  }
}

function remember(cartId: string, invitePath: string): string {
  const link = new URL(invitePath, location.origin).href;
  try {
    sessionStorage.setItem(linkKey(cartId), link);
  } catch {
    /* storage disabled: the link stays until the page is left */
  }
  return link;
}

export function GroupOrder({ cart, me, view }: GroupProps) {
  const host = me?.id === cart.host_id;
  if (!cart.group) return host ? <StartGroup cart={cart} me={me} view={view} /> : null;
  return (
    <section class="card group-order" aria-labelledby="group-title">
      <h2 id="group-title">Group order</h2>
      {host && <InviteLink cart={cart} view={view} />}
      <Shares cart={cart} me={me} view={view} />
      {host ? (
        <LockControls cart={cart} view={view} />
      ) : (
        cart.status === 'locked' && <p>The host locked the cart to order: it cannot be changed now.</p>
      )}
    </section>
  );
}

function StartGroup({ cart, me, view }: GroupProps) {
  return (
    <section class="card group-order" aria-labelledby="group-title">
      <h2 id="group-title">Order together</h2>
      <p>
        Start a group order and share its link: everyone adds their own items to this cart, and
        you order once for all.
      </p>
      <Form
        label="Start a group order"
        submitLabel="Start a group order"
        busyLabel="Starting…"
        onSubmit={async ({ display_name }) => {
          const r = await startGroup(cart.id, cart.version, display_name || 'Host');
          if (!r.ok) return r.error;
          remember(cart.id, r.data.invite_path);
          view.replace(r.data.cart);
        }}
      >
        <TextField
          name="display_name"
          label="Your name in the group"
          hint="What the others see beside your items."
          maxLength={40}
          defaultValue={me?.name?.split(' ')[0] ?? ''}
          autoComplete="given-name"
        />
      </Form>
    </section>
  );
}

function InviteLink({ cart, view }: Omit<GroupProps, 'me'>) {
  const [link, setLink] = useState(() => rememberedLink(cart.id));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hostName = cart.participants.find((p) => p.host)?.display_name ?? 'Host';

  useEffect(() => {
    if (link) return;
    let live = true;
    void showGroupLink(cart.id).then((r) => {
      if (!live) return;
      if (r.ok) setLink(remember(cart.id, r.data.invite_path));
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [cart.id, link]);

  async function newLink() {
    setBusy(true);
    setError(null);
    const r = await startGroup(cart.id, cart.version, hostName);
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setLink(remember(cart.id, r.data.invite_path));
    view.replace(r.data.cart);
  }

  return (
    <div class="invite">
      <h3>Invite link</h3>
      {link ? (
        <>
          <p>
            Share this link. Anyone with a customer account who opens it can join and add their
            own items.
          </p>
          <p>
            <code id="invite-link" class="secret-value">
              {link}
            </code>
          </p>
          <div class="form-actions">
            <CopyButton text={link} label="Copy the link" targetId="invite-link" />
            <Button variant="secondary" busy={busy} busyLabel="Making a new link…" onClick={newLink}>
              Make a new link
            </Button>
          </div>
          <p class="hint">
            A new link replaces this one: people who have not joined yet need the new link.
          </p>
        </>
      ) : (
        <>
          {!error && <p role="status">Loading the invite link…</p>}
          <Button busy={busy} busyLabel="Making a link…" onClick={newLink}>
            Make a new invite link
          </Button>
        </>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Shares({ cart, me, view }: GroupProps) {
  const [leaving, setLeaving] = useState<CartShare | null>(null);
  const host = me?.id === cart.host_id;
  const self = leaving !== null && leaving.user_id === me?.id;
  return (
    <>
      <h3>
        Who is in ({cart.participants.length} of {cart.participants_max})
      </h3>
      <ul class="shop-shares">
        {cart.participants.map((p) => (
          <li key={p.user_id} class="shop-share">
            <span>
              <strong>{p.display_name}</strong>
              {p.host && <Badge tone="neutral">Host</Badge>}
              {p.user_id === me?.id && <span class="muted"> (you)</span>}
            </span>
            <span>
              {p.item_count} item{p.item_count === 1 ? '' : 's'} ·{' '}
              <Price minor={p.subtotal_minor} currency={cart.currency} />
            </span>
            {!p.host && (host || p.user_id === me?.id) && (
              <Button variant="secondary" class="btn-small" onClick={() => setLeaving(p)}>
                {p.user_id === me?.id ? 'Leave the group' : `Remove ${p.display_name}`}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={leaving !== null}
        title={self ? 'Leave this group order?' : `Remove ${leaving?.display_name ?? ''}?`}
        confirmLabel={self ? 'Leave' : 'Remove'}
        busyLabel={self ? 'Leaving…' : 'Removing…'}
        onClose={() => setLeaving(null)}
        onConfirm={async () => {
          if (!leaving) return;
          const r = await removeParticipant(cart.id, cart.version, leaving.user_id);
          if (!r.ok) return r.error;
          if (self) navigate(`${paths.carts}?left=1`);
          else await view.reload();
        }}
      >
        <p>{self ? 'Your items leave the cart with you.' : 'Their items leave the cart with them.'}</p>
      </ConfirmDialog>
    </>
  );
}

function LockControls({ cart, view }: Omit<GroupProps, 'me'>) {
  const locked = cart.status === 'locked';
  const box = useRef<HTMLDivElement>(null);
  async function toggle() {
    await view.change('lock', (v) => setLocked(cart.id, v, !locked));
    // The button was disabled while busy: give keyboard focus back to it.
    box.current?.querySelector('button')?.focus();
  }
  return (
    <div class="form-actions" ref={box}>
      <Button
        variant={locked ? 'secondary' : 'primary'}
        busy={view.busy === 'lock'}
        busyLabel={locked ? 'Unlocking…' : 'Locking…'}
        onClick={() => void toggle()}
      >
        {locked ? 'Unlock the cart' : 'Lock the cart'}
      </Button>
      <span class="muted">
        {locked
          ? 'Locked: nobody can change it now.'
          : 'Lock it when everyone is done, so nothing changes while you order.'}
      </span>
    </div>
  );
}

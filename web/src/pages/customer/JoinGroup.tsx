// Joining a group order from its link: who invites you and where from, your name in the group,
// then the shared cart. Visitors log in or sign up first and come back to the same link.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { joinGroup, previewInvite, type GroupInvite } from '../../api/carts';
import type { UserError } from '../../api/problem';
import { useSession } from '../../auth/useSession';
import { Alert, Form, Link, navigate, Page, TextField } from '../../ui';
import { cartPath, logInAndReturn, signUpAndReturn } from './paths';
import { cartsChanged } from './shop/cartSummary';
import { useMe } from './shop/me';

export function JoinGroup({ nav, token }: { nav: ComponentChildren; token: string }) {
  const session = useSession();
  return (
    <Page title="Join a group order" portal="Customer" nav={nav} narrow>
      {session === 'restoring' ? (
        <p role="status">Checking your session…</p>
      ) : session === 'anonymous' ? (
        <div class="stack">
          <p>
            Someone invited you to order together. Log in or create an account to join: you come
            back here afterwards.
          </p>
          <p class="form-actions">
            <Link class="btn btn-primary" href={logInAndReturn()}>
              Log in to join
            </Link>
            <Link class="btn btn-secondary" href={signUpAndReturn()}>
              Sign up to join
            </Link>
          </p>
        </div>
      ) : (
        <Invite token={token} />
      )}
    </Page>
  );
}

function inviteError(e: UserError): string {
  if (e.status === 404)
    return 'This invite link does not work (any more). Ask the host for a new link.';
  if (e.status === 403)
    return 'Only customer accounts can join group orders. Log in with a customer account.';
  return e.message;
}

function Invite({ token }: { token: string }) {
  const me = useMe();
  const [invite, setInvite] = useState<GroupInvite | null>(null);
  const [error, setError] = useState<UserError | null>(null);

  useEffect(() => {
    let live = true;
    void previewInvite(token).then((r) => {
      if (!live) return;
      if (r.ok) setInvite(r.data);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [token]);

  if (error) return <Alert tone="error">{inviteError(error)}</Alert>;
  if (!invite) return <p role="status">Opening the invitation…</p>;
  const intro = (
    <p>
      <strong>{invite.host_display_name}</strong> invites you to order together from{' '}
      <strong>{invite.merchant_name}</strong>. {invite.participant_count} of{' '}
      {invite.participants_max} people are in.
    </p>
  );
  if (invite.joined)
    return (
      <div class="stack">
        {intro}
        <p>You are already in this group order.</p>
        <p>
          <Link class="btn btn-primary" href={cartPath(invite.cart_id)}>
            Go to the group order
          </Link>
        </p>
      </div>
    );
  if (invite.status !== 'open')
    return (
      <div class="stack">
        {intro}
        <Alert tone="info">
          {invite.status === 'locked'
            ? 'The host locked the cart to order, so nobody can join now. Ask them to unlock it.'
            : 'This group order is over: the host closed it.'}
        </Alert>
      </div>
    );
  return (
    <div class="stack">
      {intro}
      <Form
        label="Join the group order"
        submitLabel="Join the group order"
        busyLabel="Joining…"
        onSubmit={async ({ display_name }) => {
          const r = await joinGroup(token, display_name ?? '');
          if (!r.ok) return { ...r.error, message: inviteError(r.error) };
          void cartsChanged();
          navigate(cartPath(r.data.id));
        }}
      >
        <TextField
          key={me?.id ?? 'me'}
          name="display_name"
          label="Your name in the group"
          hint="What the others see beside your items (1 to 40 characters)."
          maxLength={40}
          defaultValue={me?.name?.split(' ')[0] ?? ''}
          autoComplete="given-name"
          required
        />
      </Form>
    </div>
  );
}

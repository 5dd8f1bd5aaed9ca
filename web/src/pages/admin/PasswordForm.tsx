// Change the password (first login: replace the one-time password printed by
// `reskflow admin create`; later: from the account page).
import type { ComponentChildren } from 'preact';
import { changePassword } from '../../api/auth';
import { Form, TextField } from '../../ui';

export function PasswordForm({
  currentLabel = 'Current password',
  onDone,
  actions,
}: {
  currentLabel?: string;
  onDone: () => void;
  actions?: ComponentChildren;
}) {
  return (
    <Form
      label="Change password"
      submitLabel="Change password"
      busyLabel="Changing…"
      actions={actions}
      onSubmit={async ({ current_password, new_password }) => {
        const r = await changePassword(current_password ?? '', new_password ?? '');
        if (!r.ok) return r.error;
        onDone();
      }}
    >
      <TextField
        name="current_password"
        label={currentLabel}
        type="password"
        autoComplete="current-password"
        required
      />
      <TextField
        name="new_password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="12 to 128 characters. A few random words work well; common passwords are refused."
        required
      />
    </Form>
  );
}

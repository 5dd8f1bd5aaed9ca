import type { ComponentChildren, JSX } from 'preact';

export interface ButtonProps extends Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  variant?: 'primary' | 'secondary' | 'danger';
  type?: 'button' | 'submit';
  /** Shows progress and blocks clicks while an operation runs. */
  busy?: boolean;
  /** Label while busy, e.g. "Signing up…". */
  busyLabel?: string;
  block?: boolean;
  children: ComponentChildren;
}

export function Button({
  variant = 'primary',
  type = 'button',
  busy = false,
  busyLabel,
  block = false,
  children,
  disabled,
  class: extra,
  ...rest
}: ButtonProps) {
  const cls = ['btn', `btn-${variant}`, block ? 'btn-block' : '', extra ?? ''].filter(Boolean);
  return (
    <button
      {...rest}
      type={type}
      class={cls.join(' ')}
      disabled={disabled || busy}
      aria-busy={busy ? 'true' : undefined}
    >
      {busy && <span class="spinner" aria-hidden="true" />}
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

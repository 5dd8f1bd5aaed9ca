import type { ComponentChildren } from 'preact';

export interface BadgeProps {
  /** The colour says the same as the words (never colour alone). */
  tone?: 'success' | 'danger' | 'warning' | 'neutral';
  children: ComponentChildren;
}

/** A short status word (Active, Suspended, Revoked) in a pill. */
export function Badge({ tone = 'neutral', children }: BadgeProps) {
  return <span class={`badge badge-${tone}`}>{children}</span>;
}

import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { Button } from './Button';
import { CopyButton } from './CopyButton';

export interface OneTimeSecretProps {
  /** What it is, e.g. "The key for Acme Deliveries". */
  title: string;
  value: string;
  /** The copy button's words, e.g. "Copy key". */
  copyLabel: string;
  /** What to do with it (where it goes), shown under the warning. */
  children?: ComponentChildren;
  /** "I have copied it": the secret disappears for good. */
  onDismiss: () => void;
}

/**
 * A secret the server shows once (an API key, a webhook secret): the value in full, a copy
 * button and a plain warning that it will not be shown again. It takes focus when it appears.
 */
export function OneTimeSecret({ title, value, copyLabel, children, onDismiss }: OneTimeSecretProps) {
  const ref = useRef<HTMLElement>(null);
  const id = useId();
  useEffect(() => ref.current?.focus(), []);
  return (
    <section ref={ref} class="secret" aria-labelledby={`${id}-title`} tabIndex={-1}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p class="secret-warning">
        <strong>Copy it now: you will not see it again.</strong> ReskFlow keeps only a fingerprint
        of it. If it is lost, create a new one and revoke this one.
      </p>
      <p>
        <code id={`${id}-value`} class="secret-value">
          {value}
        </code>
      </p>
      {children}
      <div class="form-actions">
        <CopyButton text={value} label={copyLabel} targetId={`${id}-value`} />
        <Button variant="secondary" onClick={onDismiss}>
          I have copied it
        </Button>
      </div>
    </section>
  );
}

import type { ComponentChildren, Ref } from 'preact';

export interface AlertProps {
  tone?: 'error' | 'success' | 'info';
  title?: string;
  children: ComponentChildren;
  /** For moving focus to the alert (errors after submit). */
  alertRef?: Ref<HTMLDivElement>;
  id?: string;
}

/** A message box. Errors are announced at once (role=alert), the rest politely (role=status). */
export function Alert({ tone = 'info', title, children, alertRef, id }: AlertProps) {
  return (
    <div
      id={id}
      ref={alertRef}
      class={`alert alert-${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
      tabIndex={-1}
    >
      {title && <p class="alert-title">{title}</p>}
      {typeof children === 'string' ? <p>{children}</p> : children}
    </div>
  );
}

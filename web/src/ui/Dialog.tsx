// A modal dialog on the native <dialog> (focus trapped by the browser, the page behind inert,
// Escape closes it) and a confirmation dialog built on it with a Form.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import type { UserError } from '../api/problem';
import { Button } from './Button';
import { Form, useFormState } from './Form';

export interface DialogProps {
  open: boolean;
  title: string;
  /** Escape, or a Cancel button inside; the parent sets `open` to false. */
  onClose: () => void;
  children: ComponentChildren;
  /**
   * Where focus goes on opening (a CSS selector inside the dialog). Default: the first field,
   * else the first button marked `data-dialog-initial`, else the first focusable element.
   */
  initialFocus?: string;
  /** A wider dialog (40rem) for long forms, e.g. a menu item. */
  wide?: boolean;
}

const FOCUSABLE = 'input:not([type=hidden]), select, textarea, button, [href], [tabindex="0"]';

/**
 * The content is rendered only while open. Focus goes inside on opening and back to the element
 * that opened it on closing (or to <main> when that element is gone, e.g. a row that left a list).
 */
export function Dialog({ open, title, onClose, children, initialFocus, wide = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const shown = useRef(false);
  /** The close event of our own close() is still to come (it comes a task later). */
  const closing = useRef(false);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !shown.current) {
      shown.current = true;
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      if (!dialog.open) dialog.showModal();
      const target =
        (initialFocus && dialog.querySelector<HTMLElement>(initialFocus)) ||
        dialog.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea') ||
        dialog.querySelector<HTMLElement>('[data-dialog-initial]') ||
        dialog.querySelector<HTMLElement>(FOCUSABLE);
      target?.focus();
    } else if (!open && shown.current) {
      shown.current = false;
      if (dialog.open) {
        closing.current = true;
        dialog.close();
      }
      const back = opener.current;
      opener.current = null;
      if (back?.isConnected && !back.hasAttribute('disabled')) back.focus();
      else document.getElementById('main')?.focus();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      class={wide ? 'modal modal-wide' : 'modal'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        // Escape: let the parent decide (it owns `open`), so state and the element agree.
        e.preventDefault();
        onClose();
      }}
      onClose={() => {
        // Ours: by now the parent may have opened the dialog again (a key press can be handled
        // before this event), so it must not close that.
        if (closing.current) {
          closing.current = false;
          return;
        }
        // Closed by the browser anyway (Chrome ignores a prevented cancel on a repeated Escape):
        // tell the parent, which still thinks it is open.
        if (open) onClose();
      }}
    >
      {open && (
        <div class="stack">
          <h2 id={titleId}>{title}</h2>
          {children}
        </div>
      )}
    </dialog>
  );
}

/** A Cancel button for inside a Form: disabled while the form's call runs. */
function CancelButton({ onClick, label }: { onClick: () => void; label: string }) {
  const form = useFormState();
  return (
    <Button variant="secondary" onClick={onClick} disabled={form?.busy} data-dialog-initial>
      {label}
    </Button>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in plain words, and any fields the action takes (a reason, a role). */
  children?: ComponentChildren;
  confirmLabel: string;
  busyLabel: string;
  cancelLabel?: string;
  /**
   * Runs the action with the fields' values. Resolve with a UserError to show it in the dialog
   * (field errors beside their fields); resolve with nothing to close the dialog.
   */
  onConfirm: (values: Record<string, string>) => Promise<UserError | void>;
  onClose: () => void;
}

/**
 * "Are you sure?" for actions that change someone else's data. Without fields, focus starts on
 * Cancel (the safe choice); Enter on a field confirms; Escape cancels unless the call is running.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busyLabel,
  cancelLabel = 'Cancel',
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const busy = useRef(false);
  return (
    <Dialog open={open} title={title} onClose={() => !busy.current && onClose()}>
      <Form
        label={title}
        submitLabel={confirmLabel}
        busyLabel={busyLabel}
        actions={<CancelButton onClick={onClose} label={cancelLabel} />}
        onSubmit={async (values) => {
          busy.current = true;
          try {
            const error = await onConfirm(values);
            if (!error) onClose();
            return error;
          } finally {
            busy.current = false;
          }
        }}
      >
        {children}
      </Form>
    </Dialog>
  );
}

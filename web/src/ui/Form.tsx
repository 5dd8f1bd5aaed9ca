import { createContext, type ComponentChildren } from 'preact';
import { useContext, useRef, useState } from 'preact/hooks';
import type { UserError } from '../api/problem';
import { Alert } from './Alert';
import { Button } from './Button';

interface FormState {
  fields: Record<string, string>;
  busy: boolean;
}

const FormContext = createContext<FormState | null>(null);

/** For fields inside a Form: the current field errors and progress. */
export const useFormState = () => useContext(FormContext);

export interface FormProps {
  /** Accessible name of the form. */
  label: string;
  /**
   * Called with the trimmed text values (passwords are not trimmed). Resolve with a UserError to
   * show it (message in an alert, field messages beside their fields), or nothing on success.
   */
  onSubmit: (values: Record<string, string>) => Promise<UserError | void>;
  submitLabel: string;
  busyLabel: string;
  children: ComponentChildren;
  /** Extra content beside the submit button (e.g. a link). */
  actions?: ComponentChildren;
}

/**
 * A form that turns an API problem into messages: the summary goes into an alert that gets focus
 * when no field is to blame, field errors go beside their fields and the first one gets focus.
 * The submit button shows progress while the call runs.
 */
export function Form({ label, onSubmit, submitLabel, busyLabel, children, actions }: FormProps) {
  const [state, setState] = useState<FormState>({ fields: {}, busy: false });
  const [message, setMessage] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (state.busy) return;
    const form = formRef.current!;
    const values: Record<string, string> = {};
    for (const [key, value] of new FormData(form)) {
      if (typeof value !== 'string') continue;
      const input = form.elements.namedItem(key);
      values[key] = input instanceof HTMLInputElement && input.type === 'password' ? value : value.trim();
    }
    setState({ fields: {}, busy: true });
    setMessage(null);
    const error = await onSubmit(values);
    if (!formRef.current) return; // the page moved on
    setState({ fields: error?.fields ?? {}, busy: false });
    setMessage(error ? error.message : null);
    if (error) {
      const first = Object.keys(error.fields)[0];
      requestAnimationFrame(() => {
        const target = first ? formRef.current?.elements.namedItem(first) : null;
        if (target instanceof HTMLElement) target.focus();
        else alertRef.current?.focus();
      });
    }
  }

  return (
    <FormContext.Provider value={state}>
      <form ref={formRef} class="form" aria-label={label} onSubmit={submit} noValidate>
        {message && (
          <Alert tone="error" alertRef={alertRef}>
            {message}
          </Alert>
        )}
        {children}
        <div class="form-actions">
          <Button type="submit" busy={state.busy} busyLabel={busyLabel}>
            {submitLabel}
          </Button>
          {actions}
        </div>
      </form>
    </FormContext.Provider>
  );
}

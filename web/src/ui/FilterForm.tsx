// The filter form above a paged list (admin lists first): a labelled section holding a Form
// whose button searches or filters, with "Clear filters" beside it. Key it with
// useFilteredList's formKey so that a clear empties its fields.
import type { ComponentChildren } from 'preact';
import type { UserError } from '../api/problem';
import { Button } from './Button';
import { Form } from './Form';

export interface FilterFormProps {
  /** The section's and the form's accessible name, e.g. "Find users". */
  label: string;
  /** "Search" finds by text; "Filter" narrows by choices. */
  verb: 'Search' | 'Filter';
  onSubmit: (values: Record<string, string>) => Promise<UserError | void>;
  onClear: () => void;
  children: ComponentChildren;
}

export function FilterForm({ label, verb, onSubmit, onClear, children }: FilterFormProps) {
  return (
    <section class="filters" aria-label={label}>
      <Form
        label={label}
        submitLabel={verb}
        busyLabel={verb === 'Search' ? 'Searching…' : 'Filtering…'}
        onSubmit={onSubmit}
        actions={
          <Button variant="secondary" onClick={onClear}>
            Clear filters
          </Button>
        }
      >
        {children}
      </Form>
    </section>
  );
}

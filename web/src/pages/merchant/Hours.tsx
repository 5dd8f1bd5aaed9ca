// Opening hours: several ranges per weekday (past-midnight ranges explained), special dates
// (closed all day or special hours), saved together with PATCH {opening_hours}. The top says
// whether the store is open now, as the API computes it in the store's time zone.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { updateMerchant } from '../../api/merchant';
import { Alert, Form, weekdays, WeeklyHoursEditor, type TimeRange } from '../../ui';
import { dateWords, ExceptionsEditor } from './ExceptionsEditor';
import {
  documentOf,
  draftOf,
  hoursErrors,
  localErrors,
  noErrors,
  type HoursDraft,
} from './hoursModel';
import { atLeast, StorePage, storeState, useStore, zoneName } from './shell';

export function Hours() {
  const { merchant, level, update } = useStore();
  const [draft, setDraft] = useState<HoursDraft>(() => draftOf(merchant.opening_hours));
  const [errors, setErrors] = useState(noErrors);
  const [saved, setSaved] = useState(false);
  const state = storeState(merchant);
  const manager = atLeast(level, 'manager');

  return (
    <StorePage section="hours">
      <div class="stack">
        <p>
          {merchant.open_now
            ? 'The store is open now.'
            : state.tone === 'success' || state.tone === 'neutral'
              ? 'The store is closed now.'
              : `The store is closed now: ${state.text.toLowerCase()}.`}{' '}
          Times are local to the store ({zoneName(merchant.time_zone)}).
        </p>
        <p>
          A day can have several ranges, e.g. lunch and dinner. A range that closes at or before
          it opens runs past midnight: 18:00 to 02:00 on Friday stays open until 2 in the night
          to Saturday. Close at 00:00 to close at midnight.
        </p>
        {!manager && (
          <>
            <Alert tone="info">Only managers and owners change the opening hours.</Alert>
            <HoursSummary draft={draft} />
          </>
        )}
        {saved && <Alert tone="success">The opening hours are saved.</Alert>}
        {manager && (
          <Form
            label="Opening hours"
            submitLabel="Save opening hours"
            busyLabel="Saving…"
            onSubmit={async () => {
              setSaved(false);
              const local = localErrors(draft);
              if (local) {
                setErrors(local);
                return { message: 'Some hours need a change: see the messages beside them.', fields: {}, status: 0 };
              }
              const { hours, sources } = documentOf(draft);
              const r = await updateMerchant(merchant.id, { opening_hours: hours });
              if (!r.ok) {
                const found = hoursErrors(r.error.paths, draft, sources);
                setErrors(found);
                const rowErrors = Object.keys(r.error.paths).length - found.other.length;
                return {
                  ...r.error,
                  fields: {},
                  message: [
                    rowErrors > 0 ? 'Some hours need a change: see the messages beside them.' : r.error.message,
                    ...found.other,
                  ].join(' '),
                };
              }
              setErrors(noErrors());
              update(r.data);
              setDraft(draftOf(r.data.opening_hours));
              setSaved(true);
            }}
          >
            <h2>Every week</h2>
            <WeeklyHoursEditor
              value={draft.week}
              errors={errors.week}
              onChange={(week) => setDraft({ ...draft, week })}
            />
            <h2>Special dates</h2>
            <p class="muted">
              A special date replaces that day's weekly hours: a holiday, an event, a day off.
            </p>
            <ExceptionsEditor
              value={draft.exceptions}
              errors={errors.exceptions}
              onChange={(exceptions) => setDraft({ ...draft, exceptions })}
            />
          </Form>
        )}
      </div>
    </StorePage>
  );
}

const rangesWords = (ranges: TimeRange[]) =>
  ranges.length === 0 ? 'Closed' : ranges.map((r) => `${r.start}–${r.end}`).join(', ');

/** The hours as text, for staff who may not change them. */
function HoursSummary({ draft }: { draft: HoursDraft }) {
  return (
    <dl class="facts">
      {weekdays.map((d) => (
        <Fragment key={d.value}>
          <dt>{d.label}</dt>
          <dd>{rangesWords(draft.week[d.value])}</dd>
        </Fragment>
      ))}
      {draft.exceptions.map((e) => (
        <Fragment key={e.key}>
          <dt>{dateWords(e.date)}</dt>
          <dd>{e.closed ? 'Closed all day' : rangesWords(e.intervals)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

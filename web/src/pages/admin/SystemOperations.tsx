// The System page's dispatch and anchoring sections: the deliveries waiting for a courier and the
// dispatcher's last round, the delivery records waiting to be anchored on chain and the newest
// batch, and what in them needs an operator, in plain words.
import type { SystemStatus } from '../../api/system';

type Dispatch = NonNullable<SystemStatus['dispatch']>;
type Anchoring = NonNullable<SystemStatus['anchoring']>;
type Batch = NonNullable<Anchoring['last_batch']>;

/** A delivery waiting longer than this for a courier means couriers are too few or refuse. */
const dispatchWaitWarnSeconds = 300;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** 93784 → "1 day 2 h 3 min"; under a minute, seconds. */
export function durationWords(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const parts = [days ? `${days} day${days === 1 ? '' : 's'}` : '', hours ? `${hours} h` : '', `${minutes} min`];
  return parts.filter(Boolean).join(' ');
}

/** What in the dispatch and anchoring sections an operator must look at; empty when all is well. */
export function operationsAttention(status: SystemStatus): string[] {
  const out: string[] = [];
  const { dispatch, anchoring } = status;
  if (dispatch === null) out.push('The dispatch backlog could not be read: the database did not answer.');
  const oldestWait = dispatch?.oldest_wait_seconds ?? 0;
  if (dispatch && oldestWait > dispatchWaitWarnSeconds)
    out.push(
      `${plural(dispatch.waiting, 'delivery')} ${dispatch.waiting === 1 ? 'waits' : 'wait'} for a courier, the oldest for ` +
        `${durationWords(oldestWait)}: too few couriers are on shift near them, or they decline.`,
    );
  if (dispatch?.last_round && !dispatch.last_round.ok)
    out.push(`The last dispatch round failed: ${dispatch.last_round.error}. No offers go out until a round works again.`);
  if (anchoring === null) out.push('The anchoring on chain could not be read: the database did not answer.');
  if (anchoring?.failing_batch) {
    const b = anchoring.failing_batch;
    out.push(
      `Batch ${b.id} could not be sent to the chain: ${b.last_error}. It is tried again on each pass ` +
        `(${plural(b.attempts, 'attempt')} so far); check the chain node and the anchor account's funds.`,
    );
  }
  if (anchoring?.last_pass && !anchoring.last_pass.ok)
    out.push(`The last anchoring pass failed: ${anchoring.last_pass.error}. Records wait until the chain node answers.`);
  if (anchoring?.batches_failed)
    out.push(
      `${plural(anchoring.batches_failed, 'batch')} failed for good (its transactions reverted): ` +
        'the records in them are not on chain. Look at the anchor account and the registry contract.',
    );
  return out;
}

function lastRoundWords(round: Dispatch['last_round']): string {
  if (!round) return 'None on this node yet (another node may hold the dispatcher’s lease).';
  const when = `${durationWords(round.seconds_ago)} ago`;
  return round.ok ? `${when}: ${plural(round.offers, 'offer')} made` : `${when}: failed: ${round.error}`;
}

export function DispatchFacts({ dispatch }: { dispatch: Dispatch }) {
  return (
    <dl class="facts">
      <dt>Waiting for a courier</dt>
      <dd>
        {dispatch.waiting === 0
          ? 'None'
          : `${plural(dispatch.waiting, 'delivery')}, the oldest for ${durationWords(dispatch.oldest_wait_seconds ?? 0)}`}
      </dd>
      <dt>Last round</dt>
      <dd>{lastRoundWords(dispatch.last_round)}</dd>
    </dl>
  );
}

function batchWords(batch: Batch | null | undefined, confirmations: number): string {
  if (!batch) return 'None yet';
  const tx = batch.tx_hash ? `, transaction ${batch.tx_hash}` : '';
  switch (batch.state) {
    case 'confirmed':
      return `Batch ${batch.id} (${plural(batch.record_count, 'record')}): confirmed in block ${batch.block_number} after ${plural(confirmations, 'confirmation')}${tx}`;
    case 'sent':
      return `Batch ${batch.id} (${plural(batch.record_count, 'record')}): sent, waiting for ${plural(confirmations, 'confirmation')}${tx}`;
    case 'failed':
      return `Batch ${batch.id} (${plural(batch.record_count, 'record')}): failed: ${batch.last_error ?? 'its transactions reverted'}`;
    default:
      return `Batch ${batch.id} (${plural(batch.record_count, 'record')}): sealed, waiting to be sent`;
  }
}

export function AnchoringFacts({ anchoring }: { anchoring: Anchoring }) {
  const pass = anchoring.last_pass;
  return (
    <dl class="facts">
      <dt>Sending to the chain</dt>
      <dd>{anchoring.sending ? 'Yes' : 'No: no chain node is configured, so batches wait sealed'}</dd>
      <dt>Records waiting for a batch</dt>
      <dd>
        {anchoring.pending_records === 0
          ? 'None'
          : `${anchoring.pending_records}, the oldest for ${durationWords(anchoring.oldest_pending_seconds ?? 0)}`}
      </dd>
      <dt>Batches not confirmed yet</dt>
      <dd>{anchoring.batches_waiting === 0 ? 'None' : anchoring.batches_waiting}</dd>
      <dt>Newest batch</dt>
      <dd class="wrap-anywhere">{batchWords(anchoring.last_batch, anchoring.confirmations_required)}</dd>
      <dt>Last pass</dt>
      <dd>
        {!pass
          ? 'None on this node yet (another node may hold the anchoring lease).'
          : pass.ok
            ? `${durationWords(pass.seconds_ago)} ago`
            : `${durationWords(pass.seconds_ago)} ago: failed: ${pass.error}`}
      </dd>
    </dl>
  );
}

// What the courier's phone still has to send: location points and delivery steps, kept in order
// in localStorage (so a reload or a closed app keeps them) and sent in that order whenever the
// network answers again. The queue lives in the page, not the service worker: replaying needs a
// fresh access token, which only the page holds (the refresh token never leaves its tab).
import { moveDelivery, sendLocations, type Delivery, type LocationPoint, type StepRequest } from '../../api/deliveries';
import type { UserError } from '../../api/problem';

type Item =
  | { kind: 'points'; points: LocationPoint[] }
  | { kind: 'step'; deliveryId: string; step: StepRequest; key: string };

export interface OutboxState {
  steps: number;
  points: number;
  /** The network failed on the last try: the queue waits for it. */
  waiting: boolean;
}

/** A step the server answered: the delivery as it is now, or why the step was refused. */
export type StepOutcome = { deliveryId: string } & ({ ok: true; delivery: Delivery } | { ok: false; error: UserError });

const STORAGE_KEY = 'reskflow.driver.outbox';
/** Points kept while offline (an hour at one point every 5 s); older ones go first. */
const QUEUED_POINTS_MAX = 720;
/** The API's default batch limit (RESKFLOW_DRIVERS_BATCH_POINTS_MAX). */
const BATCH_POINTS_MAX = 100;
const RETRY_MS = 10_000;

function load(): Item[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Item[]) : [];
  } catch {
    return [];
  }
}

let items: Item[] = load();
let waiting = false;
let flushing = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
const stateListeners = new Set<(s: OutboxState) => void>();
const stepListeners = new Set<(o: StepOutcome) => void>();

export function outboxState(): OutboxState {
  let points = 0;
  let steps = 0;
  for (const i of items) {
    if (i.kind === 'points') points += i.points.length;
    else steps += 1;
  }
  return { steps, points, waiting };
}

function save() {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(items));
  const state = outboxState();
  for (const l of stateListeners) l(state);
}

/** Drops the oldest points beyond the bound; steps are never dropped. */
function bound() {
  let excess = outboxState().points - QUEUED_POINTS_MAX;
  for (const i of items) {
    if (excess <= 0) break;
    if (i.kind !== 'points') continue;
    const cut = Math.min(excess, i.points.length);
    i.points.splice(0, cut);
    excess -= cut;
  }
  items = items.filter((i) => i.kind === 'step' || i.points.length > 0);
}

export function queuePoint(point: LocationPoint) {
  const last = items[items.length - 1];
  if (last?.kind === 'points') last.points.push(point);
  else items.push({ kind: 'points', points: [point] });
  bound();
  save();
  void flush();
}

export function queueStep(deliveryId: string, step: StepRequest) {
  items.push({ kind: 'step', deliveryId, step, key: crypto.randomUUID() });
  save();
  void flush();
}

/** Steps of a delivery not sent yet, oldest first (the page shows them as done). */
export const queuedSteps = (deliveryId: string): StepRequest[] =>
  items.flatMap((i) => (i.kind === 'step' && i.deliveryId === deliveryId ? [i.step] : []));

/**
 * Worth sending again later: no network (0), a server error, or no session yet (401: an app
 * opened offline restores its session once the network is back; a courier logged out must log
 * in again, and the queue waits for that rather than losing steps).
 */
const retryable = (status: number) => status === 0 || status === 401 || status >= 500;

/** Sends the head of the queue; false when the network failed (the queue waits). */
async function sendHead(): Promise<boolean> {
  const head = items[0]!;
  if (head.kind === 'points') {
    const batch = head.points.slice(0, BATCH_POINTS_MAX);
    const r = await sendLocations(batch);
    // Off shift (409) or refused points cannot be sent later either: only the network (or the
    // session, restored once back online) retries.
    if (!r.ok && retryable(r.error.status)) return false;
    head.points.splice(0, batch.length);
    if (head.points.length === 0) items.shift();
    return true;
  }
  const r = await moveDelivery(head.deliveryId, head.step, head.key);
  if (!r.ok && retryable(r.error.status)) return false;
  items.shift();
  const outcome: StepOutcome = r.ok
    ? { deliveryId: head.deliveryId, ok: true, delivery: r.data }
    : { deliveryId: head.deliveryId, ok: false, error: r.error };
  for (const l of stepListeners) l(outcome);
  return true;
}

/** Sends everything queued, in order; on a network failure tries again later. */
export async function flush(): Promise<void> {
  if (flushing) return;
  flushing = true;
  clearTimeout(retryTimer);
  try {
    while (items.length > 0) {
      const sent = await sendHead();
      waiting = !sent;
      save();
      if (!sent) {
        retryTimer = setTimeout(() => void flush(), RETRY_MS);
        return;
      }
    }
  } finally {
    flushing = false;
  }
}

export function onOutboxState(listener: (s: OutboxState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

export function onStepOutcome(listener: (o: StepOutcome) => void): () => void {
  stepListeners.add(listener);
  return () => stepListeners.delete(listener);
}

/** Forgets what a signed-out courier had queued (the next account must not send it). */
export function clearOutbox() {
  items = [];
  waiting = false;
  save();
}

addEventListener('online', () => void flush());

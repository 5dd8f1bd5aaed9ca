// The order queue's columns and today's figures, from the list of orders (pure functions).
import type { OrderAction, OrderStatus } from '../../../api/orders';
import type { QueueEntry } from './useOrderQueue';

export interface Column {
  key: string;
  title: string;
  statuses: readonly OrderStatus[];
  empty: string;
}

export const columns: readonly Column[] = [
  { key: 'new', title: 'New', statuses: ['placed'], empty: 'No new orders. New ones appear here by themselves, with a sound.' },
  { key: 'kitchen', title: 'In the kitchen', statuses: ['accepted', 'preparing'], empty: 'Nothing being prepared.' },
  { key: 'ready', title: 'Ready', statuses: ['ready'], empty: 'Nothing waiting for pickup.' },
  { key: 'out', title: 'Out for delivery', statuses: ['picked_up'], empty: 'Nothing on its way.' },
];

const steps: Partial<Record<OrderStatus, { action: OrderAction; label: string }>> = {
  accepted: { action: 'preparing', label: 'Start preparing' },
  preparing: { action: 'ready', label: 'Mark ready' },
  ready: { action: 'picked-up', label: 'Picked up' },
  picked_up: { action: 'delivered', label: 'Delivered' },
};

/**
 * The next step the store takes on an order in this state, with its button's words. A store that
 * delivers with the platform's couriers stops at ready: the courier's steps are the courier's
 * (the API refuses them from the store).
 */
export function nextStep(status: OrderStatus, deliveryMode: 'platform' | 'merchant') {
  if (deliveryMode === 'platform' && (status === 'ready' || status === 'picked_up')) return undefined;
  return steps[status];
}

/** What the card says instead of a button while a platform courier has the order. */
export function courierNote(status: OrderStatus, deliveryMode: 'platform' | 'merchant') {
  if (deliveryMode !== 'platform') return null;
  if (status === 'ready') return 'A courier collects it: tell them the pickup code as you hand it over.';
  if (status === 'picked_up') return 'On its way with the courier.';
  return null;
}

/** How many delivered orders the queue page lists for refunds. */
export const RECENTLY_DELIVERED_MAX = 20;

/** The store's delivered orders, the latest delivered first (what the store may still refund). */
export function recentlyDelivered(entries: readonly QueueEntry[]): QueueEntry[] {
  return entries
    .filter((e) => e.summary.status === 'delivered')
    .sort((a, b) => b.summary.updated_at.localeCompare(a.summary.updated_at))
    .slice(0, RECENTLY_DELIVERED_MAX);
}

/** "#3F9A2C": a short reference staff can say aloud (the id's last six characters). */
export const orderNumber = (id: string) => `#${id.slice(-6).toUpperCase()}`;

/** "2026-12-06": the calendar day of a time on the store's clock. */
const dayOf = (time: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(time);

export interface Today {
  placed: number;
  delivered: number;
  /** The totals of today's delivered orders (what customers paid, fees and tips included). */
  salesMinor: number;
  rejectedOrCancelled: number;
}

/** Today's figures, today being the store's: orders placed today and those ended today. */
export function today(entries: readonly QueueEntry[], timeZone: string, now = new Date()): Today {
  const result: Today = { placed: 0, delivered: 0, salesMinor: 0, rejectedOrCancelled: 0 };
  const day = dayOf(now, timeZone);
  for (const { summary: o } of entries) {
    if (dayOf(new Date(o.created_at), timeZone) === day) result.placed += 1;
    if (dayOf(new Date(o.updated_at), timeZone) !== day) continue;
    if (o.status === 'delivered') {
      result.delivered += 1;
      result.salesMinor += o.total_minor;
    } else if (o.status === 'rejected' || o.status === 'cancelled') result.rejectedOrCancelled += 1;
  }
  return result;
}

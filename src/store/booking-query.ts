// Reading listings (BookingsPort.list) the same way in both stores: filter, order, page.
import type { Booking } from '../booking/model';
import type { BookingQuery } from './bookings';

/** Order of every listing: appointment start, then ref (what a Redis sorted set gives). */
export function byStart(a: Booking, b: Booking): number {
  return a.startsAt - b.startsAt || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
}

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 1000;

export function pageOf(q: BookingQuery): { offset: number; limit: number } {
  const offset = Math.max(0, Math.floor(q.offset ?? 0));
  const limit = Math.min(MAX_LIST_LIMIT, Math.max(0, Math.floor(q.limit ?? DEFAULT_LIST_LIMIT)));
  return { offset, limit };
}

/** `from` inclusive, `to` exclusive. */
export function matchesQuery(b: Booking, q: BookingQuery): boolean {
  return b.territory === q.territory
    && (q.status === undefined || b.status === q.status)
    && (q.siteId === undefined || b.siteId === q.siteId)
    && (q.from === undefined || b.startsAt >= q.from)
    && (q.to === undefined || b.startsAt < q.to);
}

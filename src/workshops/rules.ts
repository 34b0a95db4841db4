// Pure rules of workshops: when an offer may be sent, how long it is held, which workshops to
// propose to a person. No I/O here.
import { DateTime } from 'luxon';
import type { Catalogue } from '../booking/catalogue';
import { distanceKm } from '../booking/geo';
import type { TopicId } from '../booking/model';
import { ZONE } from '../booking/slots';
import { seatsLeft, type WorkshopView } from '../booking/workshop';

/** Offers are sent between 9:00 and 19:00 Paris time (people are not woken up). */
export const SEND_FROM_HOUR = 9;
export const SEND_UNTIL_HOUR = 19;
/** "Seats left" is said when this few remain. */
export const FEW_SEATS = 3;
export const MAX_PROPOSALS = 3;
/** How often any process looks for freed seats and expired offers. */
export const WAITLIST_TICK_MS = 60_000;

export function inSendWindow(now: number): boolean {
  const h = DateTime.fromMillis(now, { zone: ZONE }).hour;
  return h >= SEND_FROM_HOUR && h < SEND_UNTIL_HOUR;
}

/** An offer is held `holdHours`, never past the workshop's start. */
export function offerExpiry(now: number, holdHours: number, startsAt: number): number {
  return Math.min(now + holdHours * 3600_000, startsAt);
}

export interface Near { lat: number; lon: number }

/**
 * The workshops to propose: scheduled, not started, of the topic (any when null), nearest
 * first (10 km bands, so a workshop a little further but much sooner still comes first),
 * then soonest. Full ones are kept: the person may join their waiting list.
 */
export function proposeWorkshops(
  all: readonly WorkshopView[], catalogue: Catalogue, opts: { topic: TopicId | null; near?: Near; now: number; max?: number },
): WorkshopView[] {
  const band = (w: WorkshopView): number => {
    const site = catalogue.sites.get(w.siteId);
    if (!opts.near || !site) return 0;
    return Math.floor(distanceKm(opts.near, site.location) / 10);
  };
  return all
    .filter((w) => w.status === 'scheduled' && w.startsAt > opts.now && (opts.topic === null || w.topic === opts.topic))
    .map((w) => ({ w, band: band(w) }))
    .sort((a, b) => a.band - b.band || a.w.startsAt - b.w.startsAt)
    .slice(0, opts.max ?? MAX_PROPOSALS)
    .map((x) => x.w);
}

export function isFull(w: WorkshopView): boolean {
  return seatsLeft(w) === 0 || w.waiting > 0;
}

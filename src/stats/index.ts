// Programme statistics (contract: GET /api/coordinator/stats and /coordinator/stats): counts
// only, over the appointments that start in [from, to] (Paris days, both included). Pure:
// the caller loads the bookings. New kinds of activity add a counter here (see `byKind`).
import { DateTime } from 'luxon';
import { ATTENDANCE, BOOKING_STATUSES, type Booking } from '../booking/model';
import { ZONE } from '../booking/slots';
import { ERASED_PHONE } from '../booking/erasure';
import type { Usage } from './usage';

export interface StatsRange { territory: string; from: string; to: string }

export interface Stats {
  territory: string;
  from: string;
  to: string;
  bookings: {
    total: number;
    byStatus: Record<string, number>;
    /** seen / noshow / excused, and `unrecorded` for the others. */
    byAttendance: Record<string, number>;
    byTopic: Record<string, number>;
    bySite: Record<string, number>;
    byChannel: Record<string, number>;
    byRequester: Record<string, number>;
    /** `YYYY-MM` → count, every month of the range (zeros included). */
    byMonth: Record<string, number>;
    /** appointment / workshop. */
    byKind: Record<string, number>;
  };
  /** Distinct beneficiaries (by phone). Bookings whose personal data was erased are not counted here. */
  people: number;
  /**
   * Collective workshops starting in the range: how many (and cancelled), seats offered by the
   * scheduled ones, seats taken (active seat bookings) and attended (seat bookings marked seen).
   */
  workshops: { total: number; cancelled: number; seatsOffered: number; seatsTaken: number; attended: number; noshow: number };
  /** What the channels cost the territory over the range (SMS per provider, calls): see src/stats/usage.ts. */
  usage?: Usage;
}

/** What the workshop counters need of a workshop. */
export interface WorkshopLine { territory: string; startsAt: number; seats: number; status: 'scheduled' | 'cancelled' }

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch bounds of a range of Paris days, `to` included; null when a date is not a real day. */
export function rangeBounds(from: string, to: string): { fromMs: number; toMs: number } | null {
  if (!DAY.test(from) || !DAY.test(to)) return null;
  const f = DateTime.fromISO(from, { zone: ZONE });
  const t = DateTime.fromISO(to, { zone: ZONE });
  if (!f.isValid || !t.isValid) return null;
  return { fromMs: f.toMillis(), toMs: t.plus({ days: 1 }).toMillis() };
}

/** Default range: the last twelve months up to today. */
export function defaultRange(now: Date): { from: string; to: string } {
  const today = DateTime.fromJSDate(now, { zone: ZONE });
  return { from: today.minus({ months: 11 }).startOf('month').toFormat('yyyy-MM-dd'), to: today.toFormat('yyyy-MM-dd') };
}

function months(from: string, to: string): string[] {
  const out: string[] = [];
  let m = DateTime.fromISO(from, { zone: ZONE }).startOf('month');
  const end = DateTime.fromISO(to, { zone: ZONE });
  while (m <= end && out.length < 600) { out.push(m.toFormat('yyyy-MM')); m = m.plus({ months: 1 }); }
  return out;
}

const zeros = (keys: readonly string[]): Record<string, number> => Object.fromEntries(keys.map((k) => [k, 0]));
const inc = (r: Record<string, number>, k: string) => { r[k] = (r[k] ?? 0) + 1; };

export function computeStats(bookings: readonly Booking[], range: StatsRange, workshopList: readonly WorkshopLine[] = []): Stats {
  const bounds = rangeBounds(range.from, range.to);
  const inRange = bookings.filter((b) => b.territory === range.territory && (!bounds || (b.startsAt >= bounds.fromMs && b.startsAt < bounds.toMs)));
  const s: Stats['bookings'] = {
    total: inRange.length,
    byStatus: zeros(BOOKING_STATUSES),
    byAttendance: zeros([...ATTENDANCE, 'unrecorded']),
    byTopic: {},
    bySite: {},
    byChannel: {},
    byRequester: zeros(['self', 'relative']),
    byMonth: zeros(months(range.from, range.to)),
    byKind: zeros(['appointment', 'workshop']),
  };
  const phones = new Set<string>();
  for (const b of inRange) {
    inc(s.byStatus, b.status);
    inc(s.byAttendance, b.attendance ?? 'unrecorded');
    inc(s.byTopic, b.topic);
    inc(s.bySite, b.siteId);
    inc(s.byChannel, b.channel);
    inc(s.byRequester, b.requestedBy);
    inc(s.byMonth, b.start.slice(0, 7));
    inc(s.byKind, b.kind ?? 'appointment');
    if (b.beneficiary.phone !== ERASED_PHONE) phones.add(b.beneficiary.phone);
  }
  const ws = workshopList.filter((w) => w.territory === range.territory && (!bounds || (w.startsAt >= bounds.fromMs && w.startsAt < bounds.toMs)));
  const seats = inRange.filter((b) => b.kind === 'workshop');
  const workshops = {
    total: ws.length,
    cancelled: ws.filter((w) => w.status === 'cancelled').length,
    seatsOffered: ws.filter((w) => w.status === 'scheduled').reduce((n, w) => n + w.seats, 0),
    seatsTaken: seats.filter((b) => b.status === 'pending' || b.status === 'confirmed').length,
    attended: seats.filter((b) => b.attendance === 'seen').length,
    noshow: seats.filter((b) => b.attendance === 'noshow').length,
  };
  return { territory: range.territory, from: range.from, to: range.to, bookings: s, people: phones.size, workshops };
}

// Bookable slots from weekly availability. Everything is Europe/Paris wall-clock: a slot is
// "Tuesday 14:00 local" first, and its UTC instant is derived from that with luxon, so a
// daylight-saving change never moves it and the process time zone never matters.
import { DateTime } from 'luxon';
import type { Catalog } from './catalog';
import { isPublicHoliday } from './holidays';
import { WEEKDAYS, type LocalDateTime, type Slot } from './model';

export const ZONE = 'Europe/Paris';
export const DEFAULT_HORIZON_DAYS = 28;
export const DEFAULT_MIN_NOTICE_MINUTES = 120;

export interface SlotOptions {
  now: Date;
  horizonDays?: number;
  minNoticeMinutes?: number;
  /** Only these volunteers (all when absent). */
  volunteerIds?: readonly string[];
  /** Only availability at these sites (all when absent). */
  siteIds?: readonly string[];
}

const pad = (n: number): string => String(n).padStart(2, '0');
const hhmm = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
const toMinutes = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

// Slots repeat the same few wall-clock times across volunteers and requests; luxon is the
// costly part of slot generation, so conversions are memoised (a pure function of the text).
const epochCache = new Map<string, number | null>();

/** Epoch ms of a Paris wall-clock time, or null when that time does not exist (spring gap). */
export function localToEpoch(local: LocalDateTime): number | null {
  const cached = epochCache.get(local);
  if (cached !== undefined) return cached;
  const dt = DateTime.fromISO(local, { zone: ZONE });
  // luxon moves a non-existent time forward: refuse it rather than book 03:30 for 02:30.
  const ms = dt.isValid && dt.toFormat("yyyy-MM-dd'T'HH:mm") === local ? dt.toMillis() : null;
  if (epochCache.size >= 50_000) epochCache.clear();
  epochCache.set(local, ms);
  return ms;
}

/** Paris wall-clock `YYYY-MM-DDTHH:MM` of an instant. */
export function epochToLocal(ms: number): LocalDateTime {
  return DateTime.fromMillis(ms, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
}

// Every proposal search needs the slots of many volunteers: the whole catalogue's list is
// built once per minute (and when the catalogue's version moves) and filtered per request (the same result as building it each time).
const wholeCatalogue = new WeakMap<Catalog, { key: string; slots: Slot[] }>();

export function generateSlots(catalog: Catalog, opts: SlotOptions): Slot[] {
  const minute = Math.floor(opts.now.getTime() / 60_000) * 60_000;
  const key = `${catalog.version}|${minute}|${opts.horizonDays ?? DEFAULT_HORIZON_DAYS}|${opts.minNoticeMinutes ?? DEFAULT_MIN_NOTICE_MINUTES}`;
  let cached = wholeCatalogue.get(catalog);
  if (!cached || cached.key !== key) {
    cached = { key, slots: buildSlots(catalog, { ...opts, now: new Date(minute), volunteerIds: undefined, siteIds: undefined }) };
    wholeCatalogue.set(catalog, cached);
  }
  const nowMs = opts.now.getTime();
  const earliest = nowMs + (opts.minNoticeMinutes ?? DEFAULT_MIN_NOTICE_MINUTES) * 60_000;
  const volunteerFilter = opts.volunteerIds ? new Set(opts.volunteerIds) : null;
  const siteFilter = opts.siteIds ? new Set(opts.siteIds) : null;
  // Copies: callers may keep or change what they get without touching the shared list.
  return cached.slots
    .filter((s) => s.startsAt >= earliest && (!volunteerFilter || volunteerFilter.has(s.volunteerId)) && (!siteFilter || siteFilter.has(s.siteId)))
    .map((s) => ({ ...s }));
}

function buildSlots(catalog: Catalog, opts: SlotOptions): Slot[] {
  const nowMs = opts.now.getTime();
  const earliest = nowMs + (opts.minNoticeMinutes ?? DEFAULT_MIN_NOTICE_MINUTES) * 60_000;
  const today = DateTime.fromMillis(nowMs, { zone: ZONE }).startOf('day');
  // Calendar days, not 24 h blocks: the horizon ends at the same wall-clock time.
  const latest = DateTime.fromMillis(nowMs, { zone: ZONE }).plus({ days: opts.horizonDays ?? DEFAULT_HORIZON_DAYS }).toMillis();
  const volunteerFilter = opts.volunteerIds ? new Set(opts.volunteerIds) : null;
  const siteFilter = opts.siteIds ? new Set(opts.siteIds) : null;

  const days: Array<{ date: string; weekday: (typeof WEEKDAYS)[number] }> = [];
  for (let d = today; d.toMillis() <= latest; d = d.plus({ days: 1 })) {
    const date = d.toFormat('yyyy-MM-dd');
    if (!isPublicHoliday(date)) days.push({ date, weekday: WEEKDAYS[d.weekday - 1] });
  }

  const slots: Slot[] = [];
  for (const volunteer of catalog.volunteers.values()) {
    if (volunteerFilter && !volunteerFilter.has(volunteer.id)) continue;
    for (const a of volunteer.availability) {
      if (siteFilter && !siteFilter.has(a.site)) continue;
      const site = catalog.sites.get(a.site);
      if (!site) continue;
      const from = toMinutes(a.from);
      const to = toMinutes(a.to);
      for (const day of days) {
        if (day.weekday !== a.weekday) continue;
        for (let m = from; m + site.slotMinutes <= to; m += site.slotMinutes) {
          const start = `${day.date}T${hhmm(m)}`;
          const startsAt = localToEpoch(start);
          if (startsAt === null || startsAt < earliest || startsAt > latest) continue;
          const end = `${day.date}T${hhmm(m + site.slotMinutes)}`;
          if (catalog.absences.length && catalog.absenceOver({ volunteerId: volunteer.id, siteId: site.id, start, end })) continue;
          slots.push({
            id: `${volunteer.id}@${start}`,
            volunteerId: volunteer.id,
            siteId: site.id,
            territory: site.territory,
            start,
            // Wall-clock end: availability never crosses midnight (from < to on one day).
            end,
            startsAt,
            mode: 'site',
          });
        }
      }
    }
  }
  return slots.sort((x, y) => x.startsAt - y.startsAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** Duration of a slot in real minutes (differs from wall-clock only across a DST change). */
export function slotDurationMinutes(slot: Slot): number {
  const end = localToEpoch(slot.end);
  return end === null ? NaN : (end - slot.startsAt) / 60_000;
}

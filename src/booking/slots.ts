// Bookable slots from weekly availability. Everything is Europe/Paris wall-clock: a slot is
// "Tuesday 14:00 local" first, and its UTC instant is derived from that with luxon, so a
// daylight-saving change never moves it and the process time zone never matters.
import { DateTime } from 'luxon';
import type { Catalogue } from './catalogue';
import { isPublicHoliday } from './holidays';
import { WEEKDAYS, ZONE, type LocalDateTime, type Slot, type TopicId } from './model';

export { ZONE } from './model';
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

// Every proposal search needs the slots of many volunteers. They are built once per catalogue
// version, Paris day and horizon — from the start of the day to the end of the horizon's last
// day — and shared: each request only cuts its time range out of the lists (by binary search)
// and filters volunteers. The shared slots are frozen: callers copy what they want to change.
interface SlotIndex {
  version: number;
  horizonDays: number;
  dayStartMs: number;
  nextDayMs: number;
  /** Every slot, by start then id. */
  all: readonly Slot[];
  /** The same slots by site, each list by start then id. */
  bySite: ReadonlyMap<string, readonly Slot[]>;
  /** The same slots by volunteer (home visits, an earlier slot of one's own volunteer). */
  byVolunteer: ReadonlyMap<string, readonly Slot[]>;
  /** By topic (null: every topic), then by site: the slots of the volunteers who help with it, filled on first use. */
  byTopic: Map<TopicId | null, Map<string, readonly Slot[]>>;
}
const indexes = new WeakMap<Catalogue, SlotIndex[]>();

function slotIndex(catalogue: Catalogue, nowMs: number, horizonDays: number): SlotIndex {
  const list = indexes.get(catalogue) ?? [];
  const hit = list.find((x) => x.version === catalogue.version && x.horizonDays === horizonDays && nowMs >= x.dayStartMs && nowMs < x.nextDayMs);
  if (hit) return hit;
  const idx = buildIndex(catalogue, nowMs, horizonDays);
  // A few horizons at most (the product uses one); older versions and days are dropped.
  indexes.set(catalogue, [idx, ...list.filter((x) => x.version === idx.version && x.dayStartMs === idx.dayStartMs && x.horizonDays !== horizonDays).slice(0, 3)]);
  return idx;
}

/** The time range a request may be offered: from now + notice to the same wall-clock time `horizonDays` later. */
const horizonEnds = new Map<string, number>();
function range(opts: SlotOptions): { earliest: number; latest: number; horizonDays: number } {
  const nowMs = opts.now.getTime();
  const horizonDays = opts.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const minute = Math.floor(nowMs / 60_000) * 60_000;
  const key = `${minute}|${horizonDays}`;
  let latest = horizonEnds.get(key);
  if (latest === undefined) {
    // Calendar days, not 24 h blocks: the horizon ends at the same wall-clock time.
    latest = DateTime.fromMillis(minute, { zone: ZONE }).plus({ days: horizonDays }).toMillis();
    if (horizonEnds.size >= 64) horizonEnds.clear();
    horizonEnds.set(key, latest);
  }
  return { earliest: nowMs + (opts.minNoticeMinutes ?? DEFAULT_MIN_NOTICE_MINUTES) * 60_000, latest, horizonDays };
}

/** First index whose slot starts at or after `ms` (the list is by start). */
function lowerBound(list: readonly Slot[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].startsAt < ms) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** First index whose slot starts after `ms`. */
function upperBound(list: readonly Slot[], ms: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].startsAt <= ms) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function cut(list: readonly Slot[], r: { earliest: number; latest: number }, volunteers: ReadonlySet<string> | null, out: Slot[]): void {
  for (let i = lowerBound(list, r.earliest); i < list.length; i++) {
    const s = list[i];
    if (s.startsAt > r.latest) break;
    if (!volunteers || volunteers.has(s.volunteerId)) out.push(s);
  }
}

const byStartThenId = (x: Slot, y: Slot): number => x.startsAt - y.startsAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/** Bookable slots, by start then id. The slots are shared and frozen: copy one to change it. */
export function generateSlots(catalogue: Catalogue, opts: SlotOptions): Slot[] {
  const r = range(opts);
  const idx = slotIndex(catalogue, opts.now.getTime(), r.horizonDays);
  const volunteers = opts.volunteerIds ? new Set(opts.volunteerIds) : null;
  const out: Slot[] = [];
  if (!opts.siteIds) {
    if (!volunteers) {
      cut(idx.all, r, null, out);
      return out;
    }
    for (const id of volunteers) cut(idx.byVolunteer.get(id) ?? [], r, null, out);
    return volunteers.size > 1 ? out.sort(byStartThenId) : out;
  }
  for (const id of new Set(opts.siteIds)) cut(idx.bySite.get(id) ?? [], r, volunteers, out);
  return opts.siteIds.length > 1 ? out.sort(byStartThenId) : out;
}

/**
 * The same, for the volunteers who help with `topic` (every volunteer for null): what a
 * proposal search walks. The per-topic lists are built once per index, so a request only
 * copies its time range out of them.
 */
export function slotsBySiteForTopic(catalogue: Catalogue, siteIds: readonly string[], topic: TopicId | null, opts: Omit<SlotOptions, 'siteIds' | 'volunteerIds'>): Map<string, Slot[]> {
  const r = range(opts);
  const idx = slotIndex(catalogue, opts.now.getTime(), r.horizonDays);
  let bySite = idx.byTopic.get(topic);
  if (!bySite) {
    const helps = new Set([...catalogue.volunteers.values()].filter((v) => topic === null || v.topics.includes(topic)).map((v) => v.id));
    bySite = new Map([...idx.bySite].map(([site, list]) => [site, list.filter((s) => helps.has(s.volunteerId))]));
    idx.byTopic.set(topic, bySite);
  }
  const out = new Map<string, Slot[]>();
  for (const id of siteIds) {
    const list = bySite.get(id) ?? [];
    out.set(id, list.slice(lowerBound(list, r.earliest), upperBound(list, r.latest)));
  }
  return out;
}

/** Slots grouped by a key, each group keeping the list's order. */
function groupBy(list: readonly Slot[], key: (s: Slot) => string): Map<string, Slot[]> {
  const out = new Map<string, Slot[]>();
  for (const s of list) {
    const group = out.get(key(s));
    if (group) group.push(s); else out.set(key(s), [s]);
  }
  return out;
}

function buildIndex(catalogue: Catalogue, nowMs: number, horizonDays: number): SlotIndex {
  const today = DateTime.fromMillis(nowMs, { zone: ZONE }).startOf('day');
  const lastDay = today.plus({ days: horizonDays });
  const days: Array<{ date: string; weekday: (typeof WEEKDAYS)[number] }> = [];
  for (let d = today; d <= lastDay; d = d.plus({ days: 1 })) {
    const date = d.toFormat('yyyy-MM-dd');
    if (!isPublicHoliday(date)) days.push({ date, weekday: WEEKDAYS[d.weekday - 1] });
  }
  const all: Slot[] = [];
  for (const volunteer of catalogue.volunteers.values()) {
    for (const a of volunteer.availability) {
      const site = catalogue.sites.get(a.site);
      if (!site) continue;
      const from = toMinutes(a.from);
      const to = toMinutes(a.to);
      for (const day of days) {
        if (day.weekday !== a.weekday) continue;
        for (let m = from; m + site.slotMinutes <= to; m += site.slotMinutes) {
          const start = `${day.date}T${hhmm(m)}`;
          const startsAt = localToEpoch(start);
          if (startsAt === null) continue;
          const end = `${day.date}T${hhmm(m + site.slotMinutes)}`;
          if (catalogue.absences.length && catalogue.absenceOver({ volunteerId: volunteer.id, siteId: site.id, start, end })) continue;
          all.push(Object.freeze({
            id: `${volunteer.id}@${start}`,
            volunteerId: volunteer.id,
            siteId: site.id,
            territory: site.territory,
            start,
            // Wall-clock end: availability never crosses midnight (from < to on one day).
            end,
            startsAt,
            mode: 'site' as const,
          }));
        }
      }
    }
  }
  all.sort(byStartThenId);
  const bySite = groupBy(all, (s) => s.siteId);
  const byVolunteer = groupBy(all, (s) => s.volunteerId);
  return { version: catalogue.version, horizonDays, dayStartMs: today.toMillis(), nextDayMs: today.plus({ days: 1 }).toMillis(), all, bySite, byVolunteer, byTopic: new Map() };
}

/** Duration of a slot in real minutes (differs from wall-clock only across a DST change). */
export function slotDurationMinutes(slot: Slot): number {
  const end = localToEpoch(slot.end);
  return end === null ? NaN : (end - slot.startsAt) / 60_000;
}

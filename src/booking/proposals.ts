// Up to three free slots for one request: nearest place first, then earliest, at most one
// per place while several places qualify. The store is asked once, up front, about every
// candidate the answer is likely to come from (one MGET: round trips are what a turn waits
// for); the rare search that needs more asks again, lazily, for what it still lacks.
import { DateTime } from 'luxon';
import type { Catalogue } from './catalogue';
import type { LatLon } from './geo';
import type { LocalDateTime, Slot, TopicId } from './model';
import { homeVisitVolunteers, sitesForTopic } from './nearest';
import { DEFAULT_HORIZON_DAYS, DEFAULT_MIN_NOTICE_MINUTES, generateSlots, localToEpoch, slotsBySiteForTopic, ZONE } from './slots';

/** The one question proposals ask the store (a port: the domain does not import the store). */
export interface SlotsTaken { takenAmong(slots: readonly Slot[]): Promise<Set<string>> }

/** `hours` (HH:MM): over several days, only these times of each day ("la semaine prochaine, pas le matin"). */
export type TimeWindow = { any: true } | { from: LocalDateTime; to: LocalDateTime; hours?: { from: string; to: string } };

/** Is this slot's time of day inside the window's daily hours (if any)? */
function inHours(window: { hours?: { from: string; to: string } }, s: Slot): boolean {
  if (!window.hours) return true;
  const hm = s.start.slice(11, 16);
  return hm >= window.hours.from && hm <= window.hours.to;
}

export interface ProposalRequest {
  topic: TopicId | null;
  /** Centre of the person's commune. */
  from: LatLon;
  /** Served territory of the person's commune: sites elsewhere are never proposed. */
  territory?: string;
  homeVisit: boolean;
  window: TimeWindow;
  /** Choices already shown in this request (shownKey): never proposed again. */
  exclude?: readonly string[];
}

/** What a proposal reads as (place and time): two volunteers at one place and time are one choice. */
export function shownKey(s: Pick<Slot, 'mode' | 'siteId' | 'volunteerId' | 'start'>): string {
  return `${s.mode}|${s.mode === 'home' ? s.volunteerId : s.siteId}|${s.start}`;
}

export interface ProposalOptions {
  /** How many proposals at most (3). */
  max?: number;
  horizonDays?: number;
  minNoticeMinutes?: number;
  /** Places further than the nearest place with a free slot + slackKm are left out (15). */
  slackKm?: number;
  /** Never a place further than this from the commune centre (60). */
  maxKm?: number;
  /** Slots per place asked about in each later round trip (16). */
  chunk?: number;
  /** At most this many slots asked about in the first round trip (400). */
  prefetchMax?: number;
}

export interface ProposalResult {
  /** True when the proposals fall inside the asked window (always true for `{any: true}`). */
  inWindow: boolean;
  /** Ordered nearest place first, then earliest. Empty: nothing free at all. */
  proposals: Slot[];
  /** Distance from the commune centre to each proposed site (the volunteer's site for home visits). */
  kmBySite: Record<string, number>;
  stats: { takenCalls: number; slotsChecked: number; candidates: number };
}

/** A place the person could be served from: a site, or one travelling volunteer. */
interface Source {
  key: string;
  km: number;
  /** Candidates in order of preference: in-window by start, then the others nearest in time. */
  pref: Slot[];
  inWin: Slot[];
}

/** A list's first free slot; or its first slot not asked about yet, and how to take the next ones; or nothing. */
type Head = { kind: 'free'; slot: Slot } | { kind: 'unknown'; first: Slot; take: (n: number) => Slot[] } | { kind: 'none' };

// chunk: a Redis MGET of a hundred keys costs about what one of four does; round trips are what count.
export const DEFAULTS = { max: 3, slackKm: 15, maxKm: 60, chunk: 16, prefetchMax: 1500 } as const;
// Spare start times per place in the first MGET: with 1,000 bookings made (bench), 2 left the
// proposals turn at 4–5 round trips, 10 keeps it at 3.
const PREFETCH_SPARE_TIMES = 10;

/** Slots of a list, in its order, up to the end of its `n`-th distinct start time (two volunteers at one time are one choice). */
function firstTimes(list: readonly Slot[], n: number): Slot[] {
  const starts = new Set<string>();
  let i = 0;
  for (; i < list.length; i++) {
    if (!starts.has(list[i].start)) {
      if (starts.size === n) break;
      starts.add(list[i].start);
    }
  }
  return list.slice(0, i);
}

/**
 * The slots of the first round trip: for each place the answer can come from while the nearest
 * place has a free slot (the nearest and those within slackKm of it), its first times in the
 * window and the nearest times outside it — enough times for its share of the `max` proposals,
 * and PREFETCH_SPARE_TIMES more in case some are taken (busy places: one MGET of a few hundred
 * keys costs less than a second round trip; bench item 3). Farther places matter only when all of these are taken
 * for the whole horizon; they are asked about later, if ever.
 */
function prefetchOf(sources: ReadonlyArray<{ km: number; inWin: Slot[]; pref: Slot[] }>, max: number, slackKm: number, total: number): Slot[] {
  const byKm = [...sources].sort((a, b) => a.km - b.km);
  const nearest = byKm[0]?.km ?? 0;
  const near = byKm.filter((s) => s.km <= nearest + slackKm);
  const share = Math.ceil(max / Math.max(1, Math.min(near.length, max)));
  const out: Slot[] = [];
  for (const s of near) {
    if (out.length >= total) break;
    out.push(...firstTimes(s.inWin, share + PREFETCH_SPARE_TIMES), ...firstTimes(s.pref.slice(s.inWin.length), share + 1));
  }
  return out.slice(0, total);
}

function windowMatcher(window: TimeWindow): { inWindow: (s: Slot) => boolean; gapMs: (s: Slot) => number } {
  if ('any' in window) return { inWindow: () => true, gapMs: () => 0 };
  const [from, to] = window.from <= window.to ? [window.from, window.to] : [window.to, window.from];
  // Memoised conversions; a time in the spring gap (no such instant) falls back to luxon's reading.
  const fromMs = localToEpoch(from) ?? DateTime.fromISO(from, { zone: ZONE }).toMillis();
  const toMs = localToEpoch(to) ?? DateTime.fromISO(to, { zone: ZONE }).toMillis();
  return {
    // Local strings of one format compare like the times they name.
    inWindow: (s) => s.start >= from && s.start <= to && inHours(window, s),
    gapMs: (s) => (s.startsAt < fromMs ? fromMs - s.startsAt : s.startsAt > toMs ? s.startsAt - toMs : 0),
  };
}

/** First index in [lo, list.length) whose slot's local start is not `before` the given one (the list is by start). */
function firstNotBefore(list: readonly Slot[], lo: number, ok: (s: Slot) => boolean): number {
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ok(list[mid])) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/**
 * A place's candidates in order of preference: those in the window by start, then the others
 * nearest in time to it (earlier first on a tie). The list is by start, so the window is one
 * run of it and the others are two runs merged outward from it — no sort per request.
 */
function preference(list: readonly Slot[], window: TimeWindow, gapMs: (s: Slot) => number): { inWin: Slot[]; pref: Slot[] } {
  if ('any' in window) return { inWin: list as Slot[], pref: list as Slot[] };
  const [from, to] = window.from <= window.to ? [window.from, window.to] : [window.to, window.from];
  const i = firstNotBefore(list, 0, (s) => s.start >= from);
  const j = firstNotBefore(list, i, (s) => s.start > to);
  if (window.hours) {
    // Daily hours: the run holds slots outside them; those come after, nearest in time first.
    const inWin = list.slice(i, j).filter((s) => inHours(window, s));
    const kept = new Set(inWin);
    const others = list.filter((s) => !kept.has(s)).sort((x, y) => gapMs(x) - gapMs(y) || x.startsAt - y.startsAt);
    return { inWin, pref: [...inWin, ...others] };
  }
  const inWin = list.slice(i, j);
  const pref = inWin.slice();
  let b = i - 1;
  let a = j;
  while (b >= 0 || a < list.length) {
    if (b >= 0 && (a >= list.length || gapMs(list[b]) <= gapMs(list[a]))) {
      // Slots of one start time (several volunteers) keep their order by id.
      let g = b;
      while (g > 0 && list[g - 1].startsAt === list[b].startsAt) g--;
      for (let k = g; k <= b; k++) pref.push(list[k]);
      b = g - 1;
    } else {
      pref.push(list[a++]);
    }
  }
  return { inWin, pref };
}

/** Candidate places with their slots, nearest first. */
function buildSources(catalogue: Catalogue, req: ProposalRequest, now: Date, o: Required<Omit<ProposalOptions, 'max' | 'chunk' | 'slackKm' | 'prefetchMax'>>):
  { sources: Array<{ key: string; km: number; slots: Slot[] }>; kmBySite: Map<string, number> } {
  const slotOpts = { now, horizonDays: o.horizonDays, minNoticeMinutes: o.minNoticeMinutes };
  const kmBySite = new Map<string, number>();
  if (req.homeVisit) {
    const visits = homeVisitVolunteers(catalogue, req.from, req.topic, req.territory);
    const pairs = new Set(visits.map((v) => `${v.volunteer.id}/${v.site.id}`));
    const sources = new Map<string, { key: string; km: number; slots: Slot[] }>();
    for (const v of visits) {
      kmBySite.set(v.site.id, v.km);
      if (!sources.has(v.volunteer.id)) sources.set(v.volunteer.id, { key: v.volunteer.id, km: v.km, slots: [] });
    }
    const slots = generateSlots(catalogue, { ...slotOpts, volunteerIds: [...sources.keys()] });
    // Copies: the generated slots are shared.
    for (const s of slots) {
      if (pairs.has(`${s.volunteerId}/${s.siteId}`)) sources.get(s.volunteerId)?.slots.push({ ...s, mode: 'home' });
    }
    return { sources: [...sources.values()], kmBySite };
  }
  const sites = sitesForTopic(catalogue, req.from, req.topic, req.territory).filter((x) => x.km <= o.maxKm);
  for (const x of sites) kmBySite.set(x.site.id, x.km);
  const bySite = slotsBySiteForTopic(catalogue, sites.map((x) => x.site.id), req.topic, slotOpts);
  return { sources: sites.map((x) => ({ key: x.site.id, km: x.km, slots: bySite.get(x.site.id) ?? [] })), kmBySite };
}

export async function findProposals(
  catalogue: Catalogue, store: SlotsTaken, req: ProposalRequest, now: Date, opts: ProposalOptions = {},
): Promise<ProposalResult> {
  const max = opts.max ?? DEFAULTS.max;
  const chunk = opts.chunk ?? DEFAULTS.chunk;
  // A travelling volunteer's radius already bounds the distance; "nearer" matters little there.
  const slackKm = req.homeVisit ? Infinity : opts.slackKm ?? DEFAULTS.slackKm;
  const { inWindow, gapMs } = windowMatcher(req.window);
  const built = buildSources(catalogue, req, now, {
    horizonDays: opts.horizonDays ?? DEFAULT_HORIZON_DAYS, minNoticeMinutes: opts.minNoticeMinutes ?? DEFAULT_MIN_NOTICE_MINUTES, maxKm: opts.maxKm ?? DEFAULTS.maxKm,
  });
  const shown = new Set(req.exclude ?? []);
  const sources: Source[] = built.sources
    .map((s) => (shown.size ? { ...s, slots: s.slots.filter((x) => !shown.has(shownKey(x))) } : s))
    .filter((s) => s.slots.length > 0)
    .map((s) => ({ key: s.key, km: s.km, ...preference(s.slots, req.window, gapMs) }));
  const stats = { takenCalls: 0, slotsChecked: 0, candidates: sources.reduce((n, s) => n + s.pref.length, 0) };

  const taken = new Map<string, boolean>();
  const check = async (slots: Slot[]): Promise<void> => {
    const fresh = [...new Map(slots.filter((s) => !taken.has(s.id)).map((s) => [s.id, s])).values()];
    if (!fresh.length) return;
    stats.takenCalls++;
    stats.slotsChecked += fresh.length;
    const busy = await store.takenAmong(fresh);
    for (const s of fresh) taken.set(s.id, busy.has(s.id));
  };
  /** First free slot of a list (skipping some), or the next unknown ones to ask about. */
  const head = (list: Slot[], skip: (s: Slot) => boolean = () => false): Head => {
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      if (skip(s)) continue;
      const t = taken.get(s.id);
      if (t === undefined) {
        const from = i;
        // Lazily: a place's list can be hundreds long and only a batch of it is asked about.
        const take = (n: number): Slot[] => {
          const out: Slot[] = [];
          for (let k = from; k < list.length && out.length < n; k++) if (!skip(list[k]) && !taken.has(list[k].id)) out.push(list[k]);
          return out;
        };
        return { kind: 'unknown', first: s, take };
      }
      if (!t) return { kind: 'free', slot: s };
    }
    return { kind: 'none' };
  };

  await check(prefetchOf(sources, max, slackKm, opts.prefetchMax ?? DEFAULTS.prefetchMax));

  const probes = new Map<Source, number>();
  /** The next slots of a place to ask about: `chunk`, then four times as many each time it was all taken (few round trips when places are busy). */
  const batchOf = (s: Source, h: Head | undefined): Slot[] => {
    if (h?.kind !== 'unknown') return [];
    const n = probes.get(s) ?? 0;
    probes.set(s, n + 1);
    return h.take(chunk * 4 ** Math.min(n, 3));
  };

  // Phase 1: find the nearest place with any free slot (it sets the distance cap) and the
  // nearest places with a free slot in the window, probing a few places per round trip.
  let within: Source[];
  for (;;) {
    const heads = new Map(sources.map((s) => [s, head(s.pref)]));
    const anchor = sources.find((s) => heads.get(s)?.kind !== 'none');
    const anchorKnown = anchor !== undefined && heads.get(anchor)?.kind === 'free';
    const cap = anchorKnown ? anchor.km + slackKm : Infinity;
    within = sources.filter((s) => s.km <= cap);
    const isIn = (s: Source): boolean => { const h = heads.get(s); return h?.kind === 'free' && inWindow(h.slot); };
    const unknownIn = (s: Source): boolean => { const h = heads.get(s); return h?.kind === 'unknown' && inWindow(h.first); };
    const found = within.filter(isIn).length;
    if (found >= max) break;
    const pending = new Set<Source>();
    if (anchor && !anchorKnown) pending.add(anchor);
    for (const s of within.filter(unknownIn).slice(0, max - found)) pending.add(s);
    if (found === 0 && !within.some(unknownIn)) {
      // Nothing free in the window: resolve the nearest places until `max` have a free slot.
      let free = 0;
      for (const s of within) {
        if (free + pending.size >= max) break;
        const kind = heads.get(s)?.kind;
        if (kind === 'free') free++;
        else if (kind === 'unknown') pending.add(s);
      }
    }
    if (!pending.size) break;
    await check([...pending].flatMap((s) => batchOf(s, heads.get(s))));
  }

  // Phase 2: in the window if anything there is free, otherwise the nearest in time; one
  // slot per place per round, as many rounds as needed to reach `max`.
  const inMode = within.some((s) => { const h = head(s.inWin); return h.kind === 'free'; });
  const listOf = (s: Source): Slot[] => (inMode ? s.inWin : s.pref);
  const groups = within.filter((s) => head(listOf(s)).kind === 'free').slice(0, max);
  const picks = new Map<Source, Slot[]>(groups.map((g) => [g, []]));
  // The same time twice at one place (two volunteers) is not a real choice; nor are two
  // proposals that read the same (two travelling volunteers of one first name at one time).
  const looks = (s: Slot): string => (s.mode === 'home' ? `home ${catalogue.volunteers.get(s.volunteerId)?.firstName ?? s.volunteerId}` : `site ${catalogue.sites.get(s.siteId)?.name ?? s.siteId}`);
  const skipFor = (g: Source) => (s: Slot): boolean =>
    (picks.get(g) ?? []).some((p) => p.id === s.id || p.start === s.start)
    || [...picks.values()].some((list) => list.some((p) => p.start === s.start && looks(p) === looks(s)));
  const done = new Set<Source>();
  let total = 0;
  while (total < max) {
    const want = groups.filter((g) => !done.has(g)).slice(0, max - total);
    if (!want.length) break;
    for (;;) {
      const unknown = want.flatMap((g) => batchOf(g, head(listOf(g), skipFor(g))));
      if (!unknown.length) break;
      await check(unknown);
    }
    for (const g of want) {
      const h = head(listOf(g), skipFor(g));
      if (h.kind === 'free') { picks.get(g)?.push(h.slot); total++; } else done.add(g);
    }
  }

  const proposals = groups.flatMap((g) => (picks.get(g) ?? []).sort((a, b) => a.startsAt - b.startsAt));
  const kmBySite: Record<string, number> = {};
  for (const p of proposals) kmBySite[p.siteId] = Math.round((built.kmBySite.get(p.siteId) ?? NaN) * 10) / 10;
  return { inWindow: inMode && proposals.length > 0, proposals, kmBySite, stats };
}

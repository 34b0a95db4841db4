// What a reply to the proposals means, in the person's words: one of them by position, time,
// day or place ("le 2e", "le rendez-vous de 10 h 30", "mardi ça m'arrange", "plutôt celle de
// Rezé"), or other proposals relative to those shown ("rien avant ?", "plus tard", "un autre
// jour", "plutôt l'après-midi", "la semaine d'après"). Pure; the dialog acts on the answer.
// Choosing by time must select that proposal, never start a new search that books another slot.
import { DateTime } from 'luxon';
import { ZONE, type LocalDateTime } from '../booking/model';
import { parseChoice } from '../language/answers';
import { clockIdioms, numberWordsToDigits } from '../language/numbers';
import { fold, normalize } from '../language/normalize';
import { STOPWORDS } from '../language/stopwords';

export interface Shown {
  start: LocalDateTime;
  /** Site name and commune (or the commune of a home visit), as words to match. */
  placeWords: string;
}

export type Window = { from: LocalDateTime; to: LocalDateTime };

export type ProposalReply =
  | { kind: 'choose'; index: number }
  | { kind: 'which'; indexes: number[] }
  | { kind: 'other'; window: Window }
  /** "aucun ne me va", "vous avez autre chose ?": the next proposals of the same request. */
  | { kind: 'more' }
  | { kind: 'none' };

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

const fmt = (d: DateTime) => d.toFormat("yyyy-MM-dd'T'HH:mm");
const local = (s: LocalDateTime) => DateTime.fromISO(s, { zone: 'UTC' });

/** Hours and minutes named in a reply ("10 h 30", "à 15h", "quatorze heures"), or null. */
function timeOf(t: string): { h: number; m: number | null } | null {
  const m = /\b(\d{1,2}) ?(?:h|heures?|:)(?: ?(\d{2}))?(?![0-9])/.exec(t);
  if (m) {
    let h = Number(m[1]);
    if (h >= 1 && h <= 7) h += 12; // "à 2h" is 14:00 for an appointment
    return { h, m: m[2] !== undefined ? Number(m[2]) : null };
  }
  return /\b(a|de|pour) midi\b/.test(t) ? { h: 12, m: null } : null;
}

/** Matches a reply against the proposals shown (in order). */
export function matchProposal(text: string, shown: Shown[], now: Date): ProposalReply {
  if (shown.length === 0) return { kind: 'none' };
  const n = parseChoice(text, shown.length);
  if (n) return { kind: 'choose', index: n - 1 };
  const t = clockIdioms(numberWordsToDigits(normalize(text).replace(/[,;!?]+/g, ' ').replace(/ {2,}/g, ' ').trim()));

  const relative = otherWindow(t, shown, now);
  if (relative) return { kind: 'other', window: relative };
  if (NONE_OF_THESE.test(t) && !namesDay(t)) return { kind: 'more' };

  let candidates = shown.map((_, i) => i);
  let constrained = false;
  const filter = (keep: (s: Shown) => boolean) => {
    const next = candidates.filter((i) => keep(shown[i]!));
    constrained = true;
    candidates = next;
  };
  const time = timeOf(t);
  if (time) {
    filter((s) => {
      const d = local(s.start);
      return d.hour === time.h && (time.m === null || d.minute === time.m);
    });
  }
  else if (/\bmatin(ee)?\b/.test(t)) filter((s) => local(s.start).hour < 12);
  else if (/\bapres-midi\b/.test(t)) filter((s) => local(s.start).hour >= 12);
  const wd = WEEKDAYS.findIndex((w) => new RegExp(`\\b${w}s?\\b`).test(t));
  if (wd >= 0) filter((s) => local(s.start).weekday === wd + 1);
  const dom = /\b(?:le|du) (\d{1,2})(?! ?(?:h|heures?|:|\d))/.exec(t);
  if (dom) filter((s) => local(s.start).day === Number(dom[1]));
  const today = DateTime.fromJSDate(now, { zone: ZONE });
  if (/\bapres-demain\b/.test(t)) filter((s) => local(s.start).toISODate() === today.plus({ days: 2 }).toISODate());
  else if (/\bdemain\b/.test(t)) filter((s) => local(s.start).toISODate() === today.plus({ days: 1 }).toISODate());
  // Place: a significant word of the site's name or commune ("Rezé", "médiathèque").
  const words = t.split(/[^a-z0-9]+/).filter((w) => w.length >= 4 && !STOPWORDS.has(w) && !WEEKDAYS.includes(w));
  const placeHits = candidates.filter((i) => words.some((w) => new RegExp(`\\b${w}`).test(fold(shown[i]!.placeWords).replace(/[^a-z0-9]+/g, ' '))));
  if (placeHits.length && placeHits.length < candidates.length) { candidates = placeHits; constrained = true; }
  else if (placeHits.length) constrained = true;

  if (!constrained) return { kind: 'none' };
  if (candidates.length === 1) return { kind: 'choose', index: candidates[0]! };
  if (candidates.length > 1) return { kind: 'which', indexes: candidates };
  return { kind: 'none' };
}

const EARLIER = /\b(rien (de )?(plus tot|avant)|plus tot|avant (ca|cela)?$|trop tard|pas avant|quelque chose avant|plus rapproche|plus proche dans le temps|avant\b(?! (le|la|les|\d|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)))/;
const LATER = /\b(plus tard|trop tot|apres (ca|cela)|quelque chose apres|rien (de )?plus tard)\b/;
const OTHER_DAY = /\b(un autre jour|une autre date|autre jour|autre date|pas ce jour|pas ces jours|un jour different|d'autres dates|un autre moment)\b/;
// None of those shown, without saying when instead.
const NONE_OF_THESE = /\b(aucune?|ni l'une?|rien ne (me )?(va|convient|correspond|m'arrange)|(ca|cela|ils|elles) ne (me )?(va|vont|convien(nen)?t|correspond(ent)?|m'arrange(nt)?) pas|(ne|n') ?(me )?(va|vont|convien(nen)?t|m'arrange(nt)?) pas|autre chose|d'autres?|autres? (propositions?|choix|horaires?|heures?|rendez-vous|possibilites?))\b/;

/** A day or date is named: the when parser reads it (a new request, not a relative one). */
function namesDay(t: string): boolean {
  return WEEKDAYS.some((w) => t.includes(w)) || /\b\d{1,2}\b/.test(t) || /\bdemain\b/.test(t);
}
const NEXT_WEEK = /\b(la semaine (d'apres|suivante|d'ensuite|apres)|semaine suivante)\b/;
const MORNING = /\b(le matin|en matinee|dans la matinee|plutot (le )?matin|matin)\b/;
const AFTERNOON = /\b(l'apres-midi|apres-midi|dans l'apres-midi|en apres-midi)\b/;

/** A new search window relative to the proposals shown, or null. */
function otherWindow(t: string, shown: Shown[], now: Date): Window | null {
  const starts = shown.map((s) => local(s.start)).sort((a, b) => a.toMillis() - b.toMillis());
  const first = starts[0]!;
  const last = starts[starts.length - 1]!;
  const nowF = DateTime.fromJSDate(now, { zone: ZONE });
  const nowLocal = DateTime.fromObject({ year: nowF.year, month: nowF.month, day: nowF.day, hour: nowF.hour, minute: nowF.minute }, { zone: 'UTC' });
  const span = (from: DateTime, to: DateTime): Window => ({ from: fmt(from < nowLocal ? nowLocal : from), to: fmt(to) });
  const named = namesDay(t);
  if (NEXT_WEEK.test(t)) {
    const monday = first.startOf('week').plus({ weeks: 1 });
    return span(monday, monday.plus({ days: 6 }).set({ hour: 23, minute: 59 }));
  }
  if (EARLIER.test(t) && !named) return span(nowLocal, first.minus({ minutes: 1 }));
  if (LATER.test(t) && !named) return span(last.plus({ minutes: 1 }), last.plus({ days: 14 }).set({ hour: 23, minute: 59 }));
  if (OTHER_DAY.test(t) && !named) {
    const next = last.startOf('day').plus({ days: 1 });
    return span(next, next.plus({ days: 14 }).set({ hour: 23, minute: 59 }));
  }
  if (!named && (AFTERNOON.test(t) || MORNING.test(t)) && !timeOf(t)) {
    // "plutôt l'après-midi": the same day as the first proposal, at the other time of day.
    const day = first.startOf('day');
    return AFTERNOON.test(t)
      ? span(day.set({ hour: 12 }), day.set({ hour: 18 }))
      : span(day.set({ hour: 8 }), day.set({ hour: 12 }));
  }
  return null;
}

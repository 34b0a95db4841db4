// French time expressions → an interval of Europe/Paris wall-clock time.
//
// chrono-node (chrono.fr) reads explicit calendar dates ("3 décembre", "3/12", "1er déc.");
// everything it gets wrong for our users (après-demain, "apres midi" without accent, "14 h",
// "14 h 30", midi, "la semaine prochaine" as a week, time-of-day windows, a weekday that
// contradicts the date) is read here. chrono's time zone handling is not used at all: only
// its date *components* are kept and every instant is rebuilt with luxon. Calendar arithmetic
// is done on a "floating" wall clock (a luxon DateTime in UTC that stands for Paris local
// time), so neither the process TZ nor DST can move a date.
// Only the French locale: the package's index loads all 19 (a quarter of its start-up and memory).
import type * as ChronoFr from 'chrono-node/dist/cjs/locales/fr';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const chronoFr = require('chrono-node/fr') as typeof ChronoFr;
import { DateTime } from 'luxon';
import { ZONE } from '../booking/model';
import { normalize } from './normalize';
import { clockIdioms, numberWordsToDigits } from './numbers';
import { makeLexicon } from './spell';
import { STOPWORDS } from './stopwords';
import { withoutNarrative } from './narrative';
import { feastDays, NAMED_DAY_START, type Days } from './when-named';

export { ZONE };

/**
 * `hours`: over several days, only these times of each day ("la semaine prochaine mais pas le
 * matin" = every afternoon of the week, not one run from Monday noon to Sunday evening).
 */
export type WhenResult =
  | { any: true }
  | { from: string; to: string; hours?: { from: string; to: string } }
  | { ask: 'weekday-mismatch'; options: { from: string; to: string }[] };

type HM = { h: number; m: number };
/** `bound`: only one end was said ("à partir de 14 h", "avant 11 h"); it narrows a part of the day. */
type Window = { from: HM; to: HM; exact?: boolean; bound?: boolean };

// Windows of the acceptance corpus (CORPUS.md). Longer phrases first.
const WINDOWS: { re: RegExp; from: HM; to: HM }[] = [
  { re: /\b(en )?fin (de )?(la )?matin(ee)?\b/, from: { h: 10, m: 30 }, to: { h: 12, m: 0 } },
  { re: /\b(en )?debut (de )?(la )?matin(ee)?\b/, from: { h: 8, m: 0 }, to: { h: 10, m: 0 } },
  { re: /\b(en )?debut (d'|d |de l'|de l |de )?apres-midi\b/, from: { h: 13, m: 0 }, to: { h: 15, m: 0 } },
  { re: /\b(en )?fin (d'|d |de l'|de l |de )?apres-midi\b/, from: { h: 16, m: 0 }, to: { h: 18, m: 0 } },
  { re: /\b(en )?fin (de )?(la )?journee\b/, from: { h: 16, m: 0 }, to: { h: 18, m: 0 } },
  { re: /\bentre midi et (deux|2|14 ?h)\b/, from: { h: 12, m: 0 }, to: { h: 14, m: 0 } },
  { re: /\b(l'|dans l'|en )?apres-midi\b/, from: { h: 12, m: 0 }, to: { h: 18, m: 0 } },
  { re: /\b(le |dans la |en )?matin(ee)?s?\b/, from: { h: 8, m: 0 }, to: { h: 12, m: 0 } },
  { re: /\b(le |en |dans la )?soir(ee)?s?\b/, from: { h: 18, m: 0 }, to: { h: 21, m: 0 } },
  { re: /\b(le |ce |vers )?midi\b/, from: { h: 12, m: 0 }, to: { h: 14, m: 0 } },
];

const WEEKDAYS: Record<string, number> = {
  lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6, dimanche: 7,
};
const MONTHS: Record<string, number> = {
  janvier: 1, fevrier: 2, mars: 3, avril: 4, mai: 5, juin: 6, juillet: 7, aout: 8,
  septembre: 9, octobre: 10, novembre: 11, decembre: 12,
};

// "No constraint, the earliest slot": many ways to say it. Matched after typo correction.
const ANY_RE = new RegExp(`\\b(${[
  "n'?importe (quand|quel jour|quelle heure|quelle date|lequel|laquelle)", 'peu importe', "ca m'est egal", "m'importe",
  'le plus (tot|vite|rapidement)( possible| que vous pouvez)?', 'le plus tot sera le mieux', 'des que (possible|vous (pouvez|voulez|avez))',
  'au plus (tot|vite)', 'quand vous (voulez|pouvez|avez)', 'comme vous voulez', 'quand (ca|cela) vous (arrange|convient)',
  "quand (ca|cela) vous (arrangera|arrangerait|conviendra|conviendrait|ira|irait)", 'a votre convenance', "je m'adapte", 'pas de (preference|date( precise)?|jour( precis)?)', 'rapidement', 'vite',
  '(je suis )?(dispo(nible)?|libre) (tout le temps|quand vous voulez|n\'importe quand|tous les jours|toute la semaine)',
  'tous les jours', 'le premier (disponible|possible|creneau|rendez-vous|qui vient|libre|que vous avez)', '(c\'est|ca) (presse|urgent)', 'urgent', 'presse',
  'ca presse', 'urgence', 'en urgence', 'sans attendre', 'ca urge', 'urge',
  'premiere? (date|jour|rendez-vous|creneau|place|disponibilite|heure)( possible| disponible| libre)?', 'premiere disponibilite',
  // "dès qu'il y a un créneau", "quand il y aura de la place", "dès qu'une place se libère".
  "(des|aussitot) (que|qu') ?(il y a|il y aura|une? (place|creneau|date|disponibilite|plage|horaire)|vous|ca se libere|c'est possible|possible)",
  '(place|creneau|date|disponibilite)s? (se libere|se liberent|de libre|libre|disponible)s?',
  "quand (vous (pouvez|pourrez|voulez|voudrez|avez|aurez|serez)|il y (a|aura|aurait)|(une|la) place|ca se libere|ce sera possible|c'est possible)",
  'au premier (creneau|rendez-vous|moment)', 'votre premiere? (date|disponibilite|creneau|place)',
].join('|')})\\b`);

/** Local wall clock `YYYY-MM-DDTHH:MM`. */
function fmt(d: DateTime): string {
  return d.toFormat("yyyy-MM-dd'T'HH:mm");
}

/** Paris wall clock of an instant, as a floating DateTime (zone UTC, same digits). */
export function parisFloating(now: Date): DateTime {
  const p = DateTime.fromJSDate(now, { zone: ZONE });
  return DateTime.fromObject(
    { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute },
    { zone: 'UTC' },
  );
}

/** A wall-clock time that does not exist (spring-forward gap) is moved the way clocks move. */
function realWallClock(d: DateTime): DateTime {
  const p = DateTime.fromObject(
    { year: d.year, month: d.month, day: d.day, hour: d.hour, minute: d.minute },
    { zone: ZONE },
  );
  if (p.hour === d.hour && p.minute === d.minute) return d;
  return DateTime.fromObject(
    { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute },
    { zone: 'UTC' },
  );
}

function at(day: DateTime, hm: HM): DateTime {
  return day.set({ hour: hm.h, minute: hm.m, second: 0, millisecond: 0 });
}

/** Hours typed without am/pm: an appointment "à 2h" is 14:00. */
function dayHour(h: number, afternoonHint: boolean): number {
  if (h >= 1 && h <= 7) return h + 12;
  if (afternoonHint && h < 12) return h + 12;
  return h;
}

const minutes = (x: HM) => x.h * 60 + x.m;

/** A bound and a part of the day said together ("le matin mais pas avant 9 h 30"): both hold. */
function narrowed(a: Window, b: Window): Window {
  const from = minutes(a.from) >= minutes(b.from) ? a.from : b.from;
  const to = minutes(a.to) <= minutes(b.to) ? a.to : b.to;
  return minutes(from) < minutes(to) ? { from, to } : b;
}

interface TimeParse {
  window: Window | null;
  rest: string;
}

function readTime(t: string): TimeParse {
  let rest = t;
  let window: Window | null = null;
  const pm = /apres-midi|soir/.test(t);
  const hourRe = '(\\d{1,2}) ?(?:h(?![a-z])|heures?(?![a-z])|:(?=\\d)) ?(\\d{2})?';
  const between = new RegExp(`\\b(?:entre|de) ${hourRe} (?:et|a) ${hourRe}`).exec(rest);
  if (between) {
    const h1 = dayHour(Number(between[1]), pm);
    let h2 = dayHour(Number(between[3]), pm);
    if (h2 < h1) h2 += 12;
    if (h1 < 24 && h2 < 24) {
      window = { from: { h: h1, m: Number(between[2] ?? 0) }, to: { h: h2, m: Number(between[4] ?? 0) } };
      rest = rest.replace(between[0], ' ');
    }
  }
  if (!window) {
    const single = new RegExp(`\\b(a partir de |apres |avant |jusqu'a |au plus tard a |vers les |vers |environ |aux alentours de |autour de |sur les |a |pour )?${hourRe}(?![0-9])`).exec(rest);
    if (single) {
      const h = dayHour(Number(single[2]), pm);
      const m = Number(single[3] ?? 0);
      if (h < 24 && m < 60) {
        const prep = (single[1] ?? '').trim();
        if (prep === 'a partir de' || prep === 'apres') window = { from: { h, m }, to: { h: Math.max(h, 21), m: 0 }, bound: true };
        else if (['avant', "jusqu'a", 'au plus tard a'].includes(prep)) window = { from: { h: Math.min(h, 8), m: 0 }, to: { h, m }, bound: true };
        // "vers 10h" is a wish, not an appointment: an hour either side.
        else if (['vers', 'vers les', 'environ', 'aux alentours de', 'autour de', 'sur les'].includes(prep)) window = { from: { h: Math.max(0, h - 1), m }, to: { h: Math.min(23, h + 1), m } };
        else window = { from: { h, m }, to: { h, m }, exact: true };
        rest = rest.replace(single[0], ' ');
      }
    }
  }
  if (!window) {
    const noon = /\b(a|pour) midi( pile)?\b/.exec(rest);
    if (noon) {
      window = { from: { h: 12, m: 0 }, to: { h: 12, m: 0 }, exact: true };
      rest = rest.replace(noon[0], ' ');
    }
  }
  // A window word still narrows the day even when an exact time was found ("demain matin 9h").
  for (const w of WINDOWS) {
    const m = w.re.exec(rest);
    if (m) {
      const part = { from: w.from, to: w.to };
      window = !window ? part : window.bound ? narrowed(window, part) : window;
      rest = rest.replace(m[0], ' ');
      break;
    }
  }
  return { window, rest };
}

interface DayParse {
  days: { from: DateTime; to: DateTime } | null;
  /** Weekday named in the text (1 = Monday), kept to check it against an explicit date. */
  weekday: number | null;
  /** The explicit calendar date, if any. */
  date: DateTime | null;
  explicitToday: boolean;
}


function nextWeekday(today: DateTime, wd: number, allowToday: boolean): DateTime {
  let diff = (wd - today.weekday + 7) % 7;
  if (diff === 0 && !allowToday) diff = 7;
  return today.plus({ days: diff });
}

/** Next occurrence (today included) of day/month, possibly in a given year. */
function nextDate(today: DateTime, day: number, month: number, year?: number): DateTime | null {
  if (year !== undefined) {
    const d = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
    return d.isValid ? d : null;
  }
  for (let y = today.year; y <= today.year + 4; y++) {
    const d = DateTime.fromObject({ year: y, month, day }, { zone: 'UTC' });
    if (d.isValid && d >= today) return d;
  }
  return null;
}

/** "le 8": the next 8th of a month, today included; `skip` later ones ("le 8" the month after). */
function nextDayOfMonth(today: DateTime, day: number, skip = 0): DateTime | null {
  let seen = 0;
  for (let i = 0; i < 14; i++) {
    const base = today.startOf('month').plus({ months: i });
    const d = DateTime.fromObject({ year: base.year, month: base.month, day }, { zone: 'UTC' });
    if (d.isValid && d >= today && seen++ === skip) return d;
  }
  return null;
}

/** "vendredi 11": the next 11th that is a Friday, looking two months ahead; else the next 11th. */
function dayOfMonthOnWeekday(today: DateTime, day: number, weekday: number): DateTime | null {
  for (let k = 0; k < 2; k++) {
    const d = nextDayOfMonth(today, day, k);
    if (d && d.weekday === weekday) return d;
  }
  return nextDayOfMonth(today, day);
}

const EXPLICIT_DATE_RE = /\d|\b(janv|fevr|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)/;
const WEEKDAY_RE = /\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b/;
const MONTH_WORDS = 'janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre';
const NOT_A_DAY_AFTER = ` ?(?:h\\b|heures?|:|\\d|\\/|jours?|semaines?|mois|ans?|${MONTH_WORDS})`;

const NUMBER_WORDS: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, dix: 10, quinze: 15,
};

/** Start, middle or end of a week: Mon–Tue, Tue–Thu, Fri–Sun. */
function partOfWeek(monday: DateTime, part: string): Days {
  if (part === 'debut') return { from: monday, to: monday.plus({ days: 1 }) };
  if (part === 'milieu') return { from: monday.plus({ days: 1 }), to: monday.plus({ days: 3 }) };
  return { from: monday.plus({ days: 4 }), to: monday.plus({ days: 6 }) };
}

function readDay(t: string, today: DateTime, nowFloating: DateTime): DayParse {
  const out: DayParse = { days: null, weekday: null, date: null, explicitToday: false };
  const single = (d: DateTime) => ({ from: d, to: d });
  let rest = t;

  // Weekday named in the text (before chrono swallows "lundi 1er décembre" as one date).
  const wdm = WEEKDAY_RE.exec(rest);
  if (wdm) out.weekday = WEEKDAYS[wdm[1] ?? ''] ?? null;

  // Explicit calendar dates through chrono (components only; see header). Only results that
  // carry digits or a month name: chrono's own "demain"/"après-demain" are wrong or read here.
  const monthFree = rest.replace(/\b(\d{1,2}) ?(h|heures?)( ?\d{2})?\b/g, ' ');
  if (EXPLICIT_DATE_RE.test(monthFree)) {
    for (const r of chronoFr.parse(monthFree, nowFloating.toJSDate(), { forwardDate: true })) {
      const day = r.start.isCertain('day') ? r.start.get('day') : null;
      const month = r.start.isCertain('month') ? r.start.get('month') : null;
      if (day !== null && month !== null && EXPLICIT_DATE_RE.test(r.text)) {
        const year = r.start.isCertain('year') ? (r.start.get('year') ?? undefined) : undefined;
        const d = nextDate(today, day, month, year);
        if (d) {
          out.date = d;
          rest = rest.replace(r.text, ' ');
          break;
        }
      }
    }
  }

  if (!out.date) {
    // "le 8", "le 1er" (a day of the month alone), not "le 8 h"; "vendredi 11" with its weekday.
    const dom = new RegExp(`\\b(?:le|du|au) (1er|\\d{1,2})(?!${NOT_A_DAY_AFTER})`).exec(rest)
      ?? (out.weekday !== null ? new RegExp(`${WEEKDAY_RE.source} (1er|\\d{1,2})(?!${NOT_A_DAY_AFTER})`).exec(rest)?.slice(1) ?? null : null);
    // "début janvier", "fin du mois de janvier", "à la mi-janvier", "au mois de mars".
    const month = new RegExp(`\\b(?:(?:en |au |a la |a )?(debut|fin|mi|milieu)(?:-| de | du | d')?(?:la |le )?(?:mois )?(?:de |d')?|en |au mois d'|au mois de |du mois de |du mois d')?(${MONTH_WORDS})\\b`).exec(rest);
    const domText = dom ? dom[dom.length - 1] : undefined;
    if (domText && !month) {
      const n = domText === '1er' ? 1 : Number(domText);
      if (n >= 1 && n <= 31) out.date = out.weekday !== null ? dayOfMonthOnWeekday(today, n, out.weekday) : nextDayOfMonth(today, n);
    } else if (month) {
      const mNum = MONTHS[month[2] ?? ''] ?? 0;
      const first = nextDate(today.startOf('month'), 1, mNum);
      if (first) {
        const part = month[1] === 'milieu' ? 'mi' : month[1];
        const span = part ? partOf(first, 'month', part) : { from: first, to: first.endOf('month').startOf('day') };
        out.days = { from: span.from < today ? today : span.from, to: span.to };
      }
    }
  }

  if (out.date) {
    // "la semaine du 7 décembre": the whole week of that date.
    out.days = /\bsemaine du\b/.test(t) ? { from: out.date.startOf('week'), to: out.date.startOf('week').plus({ days: 6 }) } : single(out.date);
    if (out.days.from < today) out.days = { from: today, to: out.days.to };
    return out;
  }
  if (out.days) return out;
  out.days = relativeDays(rest, today, out);
  return out;
}

/** A part of a month or a year: days 1–10, 10–20, 21–end; 1–15 January, 15–31 December. */
function partOf(first: DateTime, unit: 'month' | 'year', part: string): Days {
  const last = first.endOf(unit).startOf('day');
  if (unit === 'year') {
    if (part === 'debut') return { from: first, to: first.set({ day: 15 }) };
    if (part === 'fin') return { from: last.set({ day: 15 }), to: last };
    return { from: first.set({ month: 6, day: 15 }), to: first.set({ month: 7, day: 15 }) };
  }
  if (part === 'debut') return { from: first, to: first.plus({ days: 9 }) };
  if (part === 'fin') return { from: first.set({ day: 21 }), to: last };
  return { from: first.set({ day: 10 }), to: first.set({ day: 20 }) };
}

/** "fin du mois prochain", "au début du mois prochain", "en fin d'année", "début de l'année prochaine". */
function periodPart(rest: string, today: DateTime): Days | null {
  const m = /\b(debut|mi|milieu|fin) ?(?:-|de |du |d')?(?:ce |cette |l'|la )?(mois|annee)(?:-ci)?( prochaine?| suivante?| pro)?\b/.exec(rest);
  if (!m) return null;
  const unit = m[2] === 'mois' ? 'month' : 'year';
  const part = m[1] === 'milieu' ? 'mi' : m[1]!;
  let span = partOf(today.startOf(unit).plus(m[3] ? { [unit === 'month' ? 'months' : 'years']: 1 } : {}), unit, part);
  // "en début d'année" in November: the coming one.
  if (span.to < today) span = partOf(today.startOf(unit).plus({ [unit === 'month' ? 'months' : 'years']: 1 }), unit, part);
  return { from: span.from < today ? today : span.from, to: span.to };
}

/** Words relative to today: demain, cette semaine, lundi prochain, dans 3 jours, fin du mois... */
function relativeDays(rest: string, today: DateTime, out: DayParse): Days | null {
  const single = (d: DateTime) => ({ from: d, to: d });
  const feast = feastDays(rest, today);
  if (feast) return { from: feast.from, to: feast.to };
  // "mardi en huit", "demain en quinze", "aujourd'hui en huit": a week or two after that day.
  const en = /\ben (8|15)\b/.exec(rest);
  const later = (d: DateTime) => (en ? d.plus({ days: en[1] === '8' ? 7 : 14 }) : d);
  if (/\bapres[- ]?demain\b/.test(rest)) return single(later(today.plus({ days: 2 })));
  if (/\bdemain\b/.test(rest)) return single(later(today.plus({ days: 1 })));
  if (/\b(aujourd'hui|ce matin|cet apres-midi|ce midi|ce soir|tout de suite|maintenant)\b/.test(rest)) {
    out.explicitToday = !en;
    return single(later(today));
  }
  // "dans une huitaine", "dans une quinzaine de jours": about that many days, a little after.
  const about = /\b(?:dans|d'ici) une (huitaine|dizaine|quinzaine|vingtaine)\b/.exec(rest);
  if (about) {
    const n = { huitaine: 8, dizaine: 10, quinzaine: 15, vingtaine: 20 }[about[1] as 'huitaine'];
    return { from: today.plus({ days: n - 1 }), to: today.plus({ days: n + 2 }) };
  }
  if (/\bsous (huitaine|8 jours)\b/.test(rest)) return { from: today, to: today.plus({ days: 8 }) };
  const period = periodPart(rest, today);
  if (period) return period;
  const dans = /\bdans (\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quinze) (jours?|semaines?|mois)\b/.exec(rest);
  if (dans) {
    const n = /^\d+$/.test(dans[1] ?? '') ? Number(dans[1]) : NUMBER_WORDS[dans[1] ?? ''] ?? 1;
    const unit = dans[2] ?? '';
    return single(unit.startsWith('jour') ? today.plus({ days: n }) : unit.startsWith('semaine') ? today.plus({ weeks: n }) : today.plus({ months: n }));
  }
  const nextWeekWords = '(prochaine|pro|suivante|d\'apres|qui vient)';
  const thisMonday = today.startOf('week');
  // "début / milieu / fin de (la) semaine (prochaine)".
  const part = new RegExp(`\\b(debut|milieu|fin) (de |du )?(la |cette )?semaine( ${nextWeekWords})?\\b`).exec(rest);
  if (part && out.weekday === null) {
    const next = part[4] !== undefined;
    let span = partOfWeek(next ? thisMonday.plus({ weeks: 1 }) : thisMonday, part[1]!);
    if (!next && span.to < today) span = partOfWeek(thisMonday.plus({ weeks: 1 }), part[1]!);
    return { from: span.from < today ? today : span.from, to: span.to };
  }
  if (out.weekday !== null) {
    const allowToday = /\b(ce|cet) (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b/.test(rest);
    return single(later(nextWeekday(today, out.weekday, allowToday)));
  }
  if (/\bsemaine (apres la prochaine|d'apres la prochaine|en quinze)\b|\bdans deux semaines\b/.test(rest)) {
    const monday = thisMonday.plus({ weeks: 2 });
    return { from: monday, to: monday.plus({ days: 6 }) };
  }
  if (new RegExp(`\\b(la |) ?semaine ${nextWeekWords}`).test(rest)) {
    const monday = thisMonday.plus({ weeks: 1 });
    return { from: monday, to: monday.plus({ days: 6 }) };
  }
  if (/\b(cette|cte) semaine\b|\bdans la semaine\b/.test(rest)) return { from: today, to: thisMonday.plus({ days: 6 }) };
  if (/\b(ce |le )?(week-?end|we)( prochain)?\b/.test(rest)) {
    let sat = today.weekday >= 6 ? today : nextWeekday(today, 6, true);
    if (/\b(week-?end|we) prochain\b/.test(rest) && today.weekday >= 6) sat = nextWeekday(today, 6, false);
    return { from: sat, to: sat.startOf('week').plus({ days: 6 }) };
  }
  if (/\b(le )?mois (prochain|pro|suivant)\b/.test(rest)) {
    const first = today.startOf('month').plus({ months: 1 });
    return { from: first, to: first.endOf('month').startOf('day') };
  }
  if (/\b(ce|du) mois\b|\bce mois-ci\b/.test(rest)) return { from: today, to: today.endOf('month').startOf('day') };
  return null;
}

// ---- bounds and ranges: "avant le 15", "pas avant jeudi", "après les fêtes", "entre le 7 et le 10"

/** How far an open bound ("à partir de jeudi") reaches: two weeks, the earliest slots come first anyway. */
const OPEN_BOUND_DAYS = 13;

// A bound word only counts when a day follows it ("des" is also an article, "avant" a time bound).
const DAY_START = new RegExp(`^(le |la |les |l'|ce |cette |cet )?(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|apres-demain|aujourd'hui|1er|premier|\\d{1,2}\\b|${NAMED_DAY_START}|fin|debut|semaine|mois|week-?end|${MONTH_WORDS})`);
const BOUND_RE = /\b(a partir d(?:u|e|e la|e l')|au plus tard|jusqu'(?:a|au|a la)|d'ici(?: a| au| la)?|avant|apres|des|au-dela d(?:u|e)|plus tard que) /g;

function readSpan(t: string, today: DateTime, nowF: DateTime): DayParse {
  const range = readRange(t, today, nowF);
  if (range) return range;
  // "la veille de Noël", "la semaine avant Noël", "entre Noël et le jour de l'an".
  const named = feastDays(t, today);
  if (named?.modified) {
    const days = { from: named.from < today ? today : named.from, to: named.to };
    return { days: days.to >= today ? days : null, weekday: null, date: null, explicitToday: false };
  }
  for (const m of t.matchAll(BOUND_RE)) {
    const word = m[1]!;
    const after = t.slice(m.index + m[0].length);
    if (!DAY_START.test(after)) continue;
    const inner = readDay(after, today, nowF);
    if (!inner.days) continue;
    const x = inner.days;
    const out: DayParse = { days: null, weekday: null, date: null, explicitToday: false };
    if (word === 'avant') {
      // "avant la fin du mois" reaches the end; "avant le 15" stops the day before.
      const to = /^la fin\b/.test(after) ? x.to : x.from.minus({ days: 1 });
      out.days = to >= today ? { from: today, to } : null;
    } else if (/^(au plus tard|jusqu|d'ici)/.test(word)) {
      out.days = { from: today, to: x.to };
    } else {
      const from = word === 'apres' || word.startsWith('au-dela') || word === 'plus tard que' ? x.to.plus({ days: 1 }) : x.from;
      out.days = { from, to: from.plus({ days: OPEN_BOUND_DAYS }) };
    }
    if (out.days) return out;
  }
  return readDay(t, today, nowF);
}

/** "entre le 7 et le 10", "du 7 au 11 décembre", "entre lundi et mercredi". */
function readRange(t: string, today: DateTime, nowF: DateTime): DayParse | null {
  const day = `(1er|\\d{1,2}|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?: (${MONTH_WORDS}))?`;
  const m = new RegExp(`\\b(?:entre|du|de) (?:le |l')?${day} (?:et|au|a|jusqu'au) (?:le )?${day}\\b`).exec(t);
  if (!m) return null;
  const [, a, aMonth, b, bMonth] = m;
  const num = (s: string) => (s === '1er' ? 1 : Number(s));
  const out: DayParse = { days: null, weekday: null, date: null, explicitToday: false };
  if (/\d|1er/.test(a!) && /\d|1er/.test(b!)) {
    const month = bMonth ?? aMonth;
    const end = month ? nextDate(today, num(b!), MONTHS[month]!) : nextDayOfMonth(today, num(b!));
    if (!end) return null;
    let start = DateTime.fromObject({ year: end.year, month: aMonth ? MONTHS[aMonth]! : end.month, day: num(a!) }, { zone: 'UTC' });
    if (!start.isValid) return null;
    if (start > end) start = start.minus({ months: 1 });
    out.days = { from: start < today ? today : start, to: end };
  } else if (!/\d/.test(a!) && !/\d/.test(b!)) {
    const start = nextWeekday(today, WEEKDAYS[a!]!, false);
    const end = nextWeekday(start, WEEKDAYS[b!]!, false);
    out.days = { from: start, to: end };
  } else {
    return null;
  }
  void nowF;
  return out;
}

function interval(days: { from: DateTime; to: DateTime }, w: Window | null): { from: DateTime; to: DateTime } {
  if (!w) return { from: at(days.from, { h: 0, m: 0 }), to: at(days.to, { h: 23, m: 59 }) };
  return { from: realWallClock(at(days.from, w.from)), to: realWallClock(at(days.to, w.to)) };
}

// ---- the words people type: typos, number words, clock idioms, clauses and corrections

const TIME_WORDS = [
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'lundis', 'mardis', 'mercredis', 'jeudis', 'vendredis', 'samedis',
  ...MONTH_WORDS.split('|'), 'demain', 'apres', 'aujourd\'hui', 'semaine', 'prochain', 'prochaine', 'matin', 'matinee', 'soiree',
  'journee', 'heure', 'heures', 'apres-midi', 'apres-demain', 'quinze', 'quatorze', 'treize', 'seize', 'douze', 'trente', 'vingt',
  'quarante', 'cinquante', 'suivante', 'possible', 'rapidement', 'urgent', 'presse', 'minutes',
];
const TIME_LEXICON = makeLexicon({
  ...Object.fromEntries(TIME_WORDS.map((w) => [w.replace(/'/g, ''), w])),
  // Phonetic spellings that are too far from the word for a typo budget.
  apre: 'apres', ojourdhui: "aujourd'hui", ojourdui: "aujourd'hui", aujourdui: "aujourd'hui", aujourdhui: "aujourd'hui",
  apremidi: 'apres-midi', apresmidi: 'apres-midi', apredemain: 'apres-demain', apresdemain: 'apres-demain',
  jeudy: 'jeudi', lundy: 'lundi', mardy: 'mardi', samedy: 'samedi', vendredy: 'vendredi', mercredy: 'mercredi',
}, new Set([
  ...STOPWORDS,
  // Real words (and a very common surname) one letter away from a time word.
  'martin', 'marin', 'main', 'mari', 'maris', 'marie', 'vendre', 'vendu', 'journal', 'douce', 'domain', 'semer', 'semence',
  'heureux', 'heureuse', 'treize', 'matinal', 'sauvage', 'prochainement', 'aupres', 'apprendre', 'apres', 'presque', 'presser',
  'pressee', 'urgente', 'urgence', 'demande', 'demandes', 'possibles', 'jeudis', 'samedis', 'matins', 'soirees', 'possibilite',
]));

/** Typos of time words fixed token by token ("mercrdi" → mercredi, "demaim" → demain). */
function fixTypos(t: string): string {
  return t.split(' ').map((tok) => {
    const m = /^([a-z'-]+)([.,;:]*)$/.exec(tok);
    if (!m) return tok;
    const core = m[1]!.replace(/'/g, '');
    const fixed = TIME_LEXICON.fix(core);
    return fixed === core ? tok : `${fixed}${m[2]}`;
  }).join(' ');
}

// Self-corrections: after one of these the person restates what they meant ("mardi, euh non, mercredi").
const CORRECTION = /\b(?:(?:euh|heu|hum|oh|ah|eh|bon|mais) )*(?:non|enfin|pardon|ou plutot|plutot|je veux dire|je voulais dire|je me suis trompee?|correction|attendez|ou alors|ou bien)\b|\b(?:mais|par contre|sinon|donc)\b|[,;]|\.(?=\s|$)/g;
// A clause that rules its day or time out ("lundi je peux pas", "demain c'est pas possible").
const NEGATED = /\b(ne |n')?(peux|peut|pourrai|pourrais|pourra|pourrons|suis|serai|sera|serais|sommes|est|etes) (pas|plus|jamais)\b|\b(pas|plus) (possible|dispo|disponible|libre)\b|\bimpossible\b|\bca (ne )?(va|marche|m'arrange|me va|convient|m'irait) pas\b|\bpas bon\b|\bc'est pris\b/;

/** The text as clauses, in order; negated ones dropped. */
function clauses(t: string): string[] {
  return t.split(CORRECTION).map((c) => c.trim()).filter((c) => c && !NEGATED.test(c));
}

// "de 10 à 12", "entre 14 et 16", "de 2 à 4" with no "h": hours when no month, day or unit
// follows and both are hours of a day; "du 7 au 11", "entre le 7 et le 10" stay days.
const BARE_HOURS = new RegExp(`\\b(de|entre) (\\d{1,2})( ?h| heures?)? (a|et) (\\d{1,2})(?! ?(?:\\d|\\/|h\\b|heures?|jours?|semaines?|mois|ans?|${MONTH_WORDS}))`, 'g');
// Meals and noon as bounds: "avant midi" = before 12 h, "après le déjeuner" = from 13 h.
const MEAL_BOUNDS: [RegExp, string][] = [
  [/\b(avant|jusqu'a|pas apres|d'ici) midi\b/g, '$1 12 h'],
  [/\b(a partir de|des|pas avant) midi\b/g, '$1 12 h'],
  [/\b(?:apres|a partir de la fin de) (?:le |mon |ma )?(?:dejeuner|repas|manger|sieste)\b/g, 'a partir de 13 h'],
  [/\bavant (?:le |mon |ma )?(?:dejeuner|repas|manger)\b/g, 'avant 12 h'],
];

function prepare(text: string): string {
  let t = ` ${withoutNarrative(normalize(text))} `.replace(/\s+/g, ' ');
  t = clockIdioms(numberWordsToDigits(fixTypos(t.trim())))
    .replace(/\bapres[ -]?(demain|midi)\b/g, 'apres-$1')
    .replace(/\b((?:entre|de) \d{1,2} ?(?:h|heures?)(?: ?\d{2})? (?:et|a)) midi\b/g, '$1 12 h')
    .replace(/\b((?:entre|de) \d{1,2}) (et|a) midi\b/g, '$1 h $2 12 h')
    .replace(BARE_HOURS, (m, w: string, a: string, ah: string | undefined, et: string, b: string) => {
      const [x, y] = [Number(a), Number(b)];
      return x <= 23 && y <= 23 && x !== y ? `${w} ${a} h ${et} ${b} h` : m;
    })
    // "le premier décembre"; "le premier" alone ends the clause ("le premier qui vient" is no date).
    .replace(new RegExp(`\\bpremier (?=${MONTH_WORDS})`, 'g'), '1er ')
    .replace(/\b(le|du|au) premier( ?[,.;]|$)/g, '$1 1er$2');
  return mealBounds(` ${t} `)
    // "je ne peux pas venir avant jeudi" = "pas avant jeudi" = "à partir de jeudi".
    .replace(/\b(?:(?:je |il |elle |on )?(?:ne |n')?(?:peux|peut|pourrai|pourrais|pourra|suis|serai|sera|est) (?:pas|plus) (?:venir |etre la |disponible |dispo |libre )?|pas )avant\b/g, ' a partir de')
    .replace(/\bpas (apres|plus tard que)\b/g, " jusqu'a")
    .replace(/ {2,}/g, ' ');
}

function mealBounds(t: string): string {
  return MEAL_BOUNDS.reduce((out, [re, by]) => out.replace(re, by), t);
}

// "pas le matin", "mais surtout pas l'après-midi": the rest of the day (what the slot search can use).
const EXCLUDED_PART = /\b(?:mais )?(?:surtout |vraiment |jamais )?(?:pas|sauf|hors|excepte) (?:le |l'|en |dans l'|dans la |la |au |du )?(matin|matinee|apres-midi|soir|soiree)s?\b/;
const REST_OF_DAY: Record<string, Window> = {
  matin: { from: { h: 12, m: 0 }, to: { h: 21, m: 0 } },
  'apres-midi': { from: { h: 8, m: 0 }, to: { h: 12, m: 0 } },
  soir: { from: { h: 8, m: 0 }, to: { h: 18, m: 0 } },
};
// "pas ce lundi mais le suivant", "pas cette semaine, celle d'après": the one after the one said.
const NEXT_ONE = /\b(?:(?:le|la) suivante?|celui d'apres|celle d'apres|celui qui suit|celle qui suit|l'autre d'apres|(?:le|la) (?:prochaine?|jour|semaine) (?:d'apres|suivante?))\b/;

/** The days after `d`: a week later for a weekday or a week, a month for a month, else the next day. */
function theOneAfter(d: DayParse): DayParse {
  const days = d.days!;
  const span = days.to.diff(days.from, 'days').days;
  let next: Days;
  if (span >= 27) next = { from: days.from.plus({ months: 1 }).startOf('month'), to: days.from.plus({ months: 1 }).endOf('month').startOf('day') };
  else if (span >= 1) { const monday = days.from.startOf('week').plus({ weeks: 1 }); next = { from: monday, to: monday.plus({ days: 6 }) }; }
  else next = d.weekday !== null ? { from: days.from.plus({ weeks: 1 }), to: days.from.plus({ weeks: 1 }) } : { from: days.from.plus({ days: 1 }), to: days.from.plus({ days: 1 }) };
  return { days: next, weekday: null, date: null, explicitToday: false };
}

const EXCLUDED_DAY = /\b(sauf|pas|hors|excepte|mais pas)( le| les)? (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b/g;

/**
 * Reads a French time expression relative to `now` (an instant; read as Paris wall clock).
 * null = no time expression in the text.
 */
export function parseWhen(text: string, now: Date): WhenResult | null {
  const prepared = prepare(text);
  // "sauf le mercredi", "pas le lundi": a day ruled out is not the day asked for.
  const excluded = new Set<number>();
  const part = EXCLUDED_PART.exec(prepared);
  const t = prepared.replace(EXCLUDED_PART, ' ').replace(EXCLUDED_DAY, (_m, _a, _b, wd: string) => { excluded.add(WEEKDAYS[wd]!); return ' '; });
  const nowF = parisFloating(now);
  const today = nowF.startOf('day');

  // Each clause may restate the day or the time; the last one that says it stands. A bound and
  // a part of the day in different clauses both hold; "pas ce lundi" only names the day that
  // "le suivant" comes after.
  let window: Window | null = null;
  let day: DayParse | null = null;
  let said: DayParse | null = null;
  for (const c of clauses(t)) {
    const time = readTime(` ${c} `);
    let d = readSpan(time.rest, today, nowF);
    if (time.window) window = window && (window.bound || time.window.bound) && !window.exact && !time.window.exact ? narrowed(window, time.window) : time.window;
    if (!d.days && said?.days && NEXT_ONE.test(c)) d = theOneAfter(said);
    if (d.days || d.date || d.weekday !== null) {
      said = d;
      if (!/^pas\b/.test(c)) day = d;
    }
  }
  if (!window && part) window = REST_OF_DAY[part[1]!.replace(/ee$/, '')] ?? null;

  if (!day?.days && !window) return ANY_RE.test(t) ? { any: true } : null;
  // "n'importe quel jour sauf le matin": the earliest days, at those hours.
  if (!day?.days && part && ANY_RE.test(t) && window && !window.exact) day = { days: { from: today, to: today.plus({ days: OPEN_BOUND_DAYS }) }, weekday: null, date: null, explicitToday: false };

  if (day?.date && day.weekday !== null && day.date.weekday !== day.weekday) {
    const byWeekday = nextWeekday(today, day.weekday, false);
    const options = [interval({ from: day.date, to: day.date }, window), interval({ from: byWeekday, to: byWeekday }, window)]
      .map((o) => ({ from: fmt(o.from), to: fmt(o.to) }));
    return { ask: 'weekday-mismatch', options };
  }

  let days = day?.days ?? null;
  if (days && excluded.size) {
    // "la semaine prochaine mais pas le lundi": a ruled-out day at either end of a span is cut off.
    let { from, to } = days;
    while (from < to && excluded.has(from.weekday)) from = from.plus({ days: 1 });
    while (to > from && excluded.has(to.weekday)) to = to.minus({ days: 1 });
    days = { from, to };
  }
  if (!days) {
    // A time alone: today if it is still ahead, otherwise tomorrow.
    const end = at(today, window!.to);
    days = end >= nowF ? { from: today, to: today } : { from: today.plus({ days: 1 }), to: today.plus({ days: 1 }) };
  }
  let { from, to } = interval(days, window);
  if (to < nowF) {
    // The whole interval is over ("ce matin" at 13:00, a date earlier today): same window, next day.
    if (days.from.equals(days.to) && days.from.equals(today)) {
      ({ from, to } = interval({ from: today.plus({ days: 1 }), to: today.plus({ days: 1 }) }, window));
    } else {
      return null;
    }
  }
  if (from < nowF) from = nowF.set({ second: 0, millisecond: 0 });
  // Several days with a part of the day: the slot search keeps to those hours each day.
  if (window && !window.exact && !days.from.equals(days.to)) {
    const hm = (x: HM) => `${String(x.h).padStart(2, '0')}:${String(x.m).padStart(2, '0')}`;
    return { from: fmt(from), to: fmt(to), hours: { from: hm(window.from), to: hm(window.to) } };
  }
  return { from: fmt(from), to: fmt(to) };
}

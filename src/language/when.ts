// French time expressions → an interval of Europe/Paris wall-clock time.
//
// chrono-node (chrono.fr) reads explicit calendar dates ("3 décembre", "3/12", "1er déc.");
// everything it gets wrong for our users (après-demain, "apres midi" without accent, "14 h",
// "14 h 30", midi, "la semaine prochaine" as a week, time-of-day windows, a weekday that
// contradicts the date) is read here. chrono's time zone handling is not used at all: only
// its date *components* are kept and every instant is rebuilt with luxon. Calendar arithmetic
// is done on a "floating" wall clock (a luxon DateTime in UTC that stands for Paris local
// time), so neither the process TZ nor DST can move a date.
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { normalize } from './normalize';

export const ZONE = 'Europe/Paris';

export type WhenResult =
  | { any: true }
  | { from: string; to: string }
  | { ask: 'weekday-mismatch'; options: { from: string; to: string }[] };

type HM = { h: number; m: number };
type Window = { from: HM; to: HM; exact?: boolean };

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

const ANY_RE = /\b(n'?importe (quand|quel jour|quelle heure|lequel)|peu importe|le plus (tot|vite) possible|des que possible|au plus (tot|vite)|quand vous (voulez|pouvez)|comme vous voulez|pas de preference|(je suis )?dispo(nible)? (tout le temps|quand vous voulez|n'importe quand)|tous les jours|le premier (disponible|possible|creneau)|ca m'est egal|m'importe)\b/;

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
    const single = new RegExp(`\\b(a partir de |apres |avant |vers |environ |aux alentours de |a |pour )?${hourRe}(?![0-9])`).exec(rest);
    if (single) {
      const h = dayHour(Number(single[2]), pm);
      const m = Number(single[3] ?? 0);
      if (h < 24 && m < 60) {
        const prep = (single[1] ?? '').trim();
        if (prep === 'a partir de' || prep === 'apres') window = { from: { h, m }, to: { h: Math.max(h, 21), m: 0 } };
        else if (prep === 'avant') window = { from: { h: Math.min(h, 8), m: 0 }, to: { h, m } };
        // "vers 10h" is a wish, not an appointment: an hour either side.
        else if (prep === 'vers' || prep === 'environ' || prep === 'aux alentours de') window = { from: { h: Math.max(0, h - 1), m }, to: { h: Math.min(23, h + 1), m } };
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
      if (!window) window = { from: w.from, to: w.to };
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

/** "le 8": the next 8th of a month, today included. */
function nextDayOfMonth(today: DateTime, day: number): DateTime | null {
  for (let i = 0; i < 13; i++) {
    const base = today.startOf('month').plus({ months: i });
    const d = DateTime.fromObject({ year: base.year, month: base.month, day }, { zone: 'UTC' });
    if (d.isValid && d >= today) return d;
  }
  return null;
}

const EXPLICIT_DATE_RE = /\d|\b(janv|fevr|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec)/;

const NUMBER_WORDS: Record<string, number> = {
  un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, dix: 10, quinze: 15,
};

function readDay(t: string, today: DateTime, nowFloating: DateTime): DayParse {
  const out: DayParse = { days: null, weekday: null, date: null, explicitToday: false };
  const single = (d: DateTime) => ({ from: d, to: d });
  let rest = t;

  // Weekday named in the text (before chrono swallows "lundi 1er décembre" as one date).
  const wdm = /\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b/.exec(rest);
  if (wdm) out.weekday = WEEKDAYS[wdm[1] ?? ''] ?? null;

  // Explicit calendar dates through chrono (components only; see header). Only results that
  // carry digits or a month name: chrono's own "demain"/"après-demain" are wrong or read here.
  const monthFree = rest.replace(/\b(\d{1,2}) ?(h|heures?)( ?\d{2})?\b/g, ' ');
  for (const r of chrono.fr.parse(monthFree, nowFloating.toJSDate(), { forwardDate: true })) {
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

  if (!out.date) {
    // "le 8", "le 1er" (a day of the month alone), not "le 8 h".
    const dom = /\b(?:le|du|au) (1er|premier|\d{1,2})(?! ?(?:h\b|heures?|:|\d|\/|jours?|semaines?|mois|ans?))/.exec(rest);
    const month = /\b(?:en |au mois d'|au mois de |debut |fin |mi-)?(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b/.exec(rest);
    if (dom && !month) {
      const n = dom[1] === '1er' || dom[1] === 'premier' ? 1 : Number(dom[1]);
      if (n >= 1 && n <= 31) out.date = nextDayOfMonth(today, n);
    } else if (month) {
      const mNum = MONTHS[month[1] ?? ''] ?? 0;
      const first = nextDate(today.startOf('month'), 1, mNum);
      if (first) {
        const last = first.endOf('month').startOf('day');
        const span = /debut/.test(month[0]) ? { from: first, to: first.plus({ days: 9 }) }
          : /fin/.test(month[0]) ? { from: first.set({ day: 21 }), to: last }
            : { from: first, to: last };
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

  if (/\bapres[- ]?demain\b/.test(rest)) out.days = single(today.plus({ days: 2 }));
  else if (/\bdemain\b/.test(rest)) out.days = single(today.plus({ days: 1 }));
  else if (/\b(aujourd'hui|ce matin|cet apres-midi|ce midi|ce soir|tout de suite|maintenant)\b/.test(rest)) {
    out.days = single(today);
    out.explicitToday = true;
  } else {
    const dans = /\bdans (\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|dix|quinze) (jours?|semaines?|mois)\b/.exec(rest);
    const nextWeek = /\b(la |) ?semaine (prochaine|pro|suivante|d'apres)\b/.test(rest);
    const thisWeek = /\b(cette|cte) semaine\b/.test(rest);
    const weekend = /\b(ce |le )?(week-?end|we)\b/.test(rest);
    const endOfWeek = /\b(en |a la |la )?fin (de (la |cette )?)?semaine\b/.test(rest);
    const nextMonth = /\b(le )?mois (prochain|pro|suivant)\b/.test(rest);
    if (dans) {
      const n = /^\d+$/.test(dans[1] ?? '') ? Number(dans[1]) : NUMBER_WORDS[dans[1] ?? ''] ?? 1;
      const unit = dans[2] ?? '';
      const d = unit.startsWith('jour') ? today.plus({ days: n })
        : unit.startsWith('semaine') ? today.plus({ weeks: n }) : today.plus({ months: n });
      out.days = single(d);
    } else if (out.weekday !== null) {
      const allowToday = /\b(ce|cet) (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b/.test(rest);
      let d = nextWeekday(today, out.weekday, allowToday);
      if (/\ben huit\b/.test(rest)) d = d.plus({ days: 7 });
      out.days = single(d);
    } else if (nextWeek) {
      const monday = today.startOf('week').plus({ weeks: 1 });
      out.days = { from: monday, to: monday.plus({ days: 6 }) };
    } else if (thisWeek) {
      out.days = { from: today, to: today.startOf('week').plus({ days: 6 }) };
    } else if (endOfWeek) {
      const fri = today.weekday >= 5 ? today : nextWeekday(today, 5, true);
      out.days = { from: fri, to: fri.startOf('week').plus({ days: 6 }) };
    } else if (weekend) {
      const sat = today.weekday >= 6 ? today : nextWeekday(today, 6, true);
      out.days = { from: sat, to: sat.startOf('week').plus({ days: 6 }) };
    } else if (nextMonth) {
      const first = today.startOf('month').plus({ months: 1 });
      out.days = { from: first, to: first.endOf('month').startOf('day') };
    }
  }
  return out;
}

function interval(days: { from: DateTime; to: DateTime }, w: Window | null): { from: DateTime; to: DateTime } {
  if (!w) return { from: at(days.from, { h: 0, m: 0 }), to: at(days.to, { h: 23, m: 59 }) };
  return { from: realWallClock(at(days.from, w.from)), to: realWallClock(at(days.to, w.to)) };
}

/**
 * Reads a French time expression relative to `now` (an instant; read as Paris wall clock).
 * null = no time expression in the text.
 */
export function parseWhen(text: string, now: Date): WhenResult | null {
  const t = ` ${normalize(text).replace(/[,.;]/g, ' ')} `
    .replace(/ {2,}/g, ' ')
    // "sauf le mercredi", "pas le lundi": a day ruled out is not the day asked for.
    .replace(/\b(sauf|pas|hors|excepte|mais pas)( le| les)? (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b/g, ' ');
  const nowF = parisFloating(now);
  const today = nowF.startOf('day');

  const { window, rest } = readTime(t);
  const day = readDay(rest, today, nowF);

  if (!day.days && !window) {
    return ANY_RE.test(t) ? { any: true } : null;
  }

  if (day.date && day.weekday !== null && day.date.weekday !== day.weekday) {
    const byWeekday = nextWeekday(today, day.weekday, false);
    const options = [interval({ from: day.date, to: day.date }, window), interval({ from: byWeekday, to: byWeekday }, window)]
      .map((o) => ({ from: fmt(o.from), to: fmt(o.to) }));
    return { ask: 'weekday-mismatch', options };
  }

  let days = day.days;
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
  return { from: fmt(from), to: fmt(to) };
}

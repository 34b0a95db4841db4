// Named days and periods and the words around them: feasts ("Noël", "le jour de l'an",
// "Pâques", "la Toussaint"), "les fêtes", "les vacances de Noël", with their modifiers ("la
// veille de", "le lendemain de", "la semaine de / avant / après", "juste avant", "quelques
// jours après", "entre Noël et le jour de l'an"). Plain "avant" / "après" / "à partir de" are
// the bounds of when.ts, which calls `feastDays` for the day itself. Calendar arithmetic on
// floating wall-clock dates (see when.ts), Easter from src/booking/holidays.ts.
import { DateTime } from 'luxon';
import { easterSunday } from '../booking/holidays';

export type Days = { from: DateTime; to: DateTime };

const day = (y: number, m: number, d: number) => DateTime.fromObject({ year: y, month: m, day: d }, { zone: 'UTC' });
const one = (d: DateTime): Days => ({ from: d, to: d });
const easter = (y: number) => DateTime.fromMillis(easterSunday(y), { zone: 'UTC' });

/** Christmas school holidays (all zones): the Saturday before the 24th to the Monday after New Year's Day. */
function christmasHolidays(y: number): Days {
  const eve = day(y, 12, 24);
  const from = eve.minus({ days: (eve.weekday + 1) % 7 });
  const jan1 = day(y + 1, 1, 1);
  return { from, to: jan1.plus({ days: ((8 - jan1.weekday) % 7) || 7 }) };
}

// Each name → its days in the year whose December holds it (New Year's Day belongs to the
// year before: "entre Noël et le jour de l'an" runs forward). Longer names first.
const NAMED: { re: RegExp; days: (y: number) => Days }[] = [
  { re: /\b(?:les |des )?vacances (?:scolaires )?de noel\b/, days: christmasHolidays },
  { re: /\b(?:les |des |entre les )fetes(?: de fin d'annee| de noel)?\b/, days: (y) => ({ from: day(y, 12, 24), to: day(y + 1, 1, 3) }) },
  { re: /\b(?:le )?(?:jour de l'an|nouvel an|premier de l'an|1er de l'an|1er janvier)\b/, days: (y) => one(day(y + 1, 1, 1)) },
  { re: /\b(?:la )?(?:saint-sylvestre|saint sylvestre|st sylvestre|reveillon du nouvel an)\b/, days: (y) => one(day(y, 12, 31)) },
  { re: /\b(?:le )?reveillon(?: de noel)?\b/, days: (y) => one(day(y, 12, 24)) },
  { re: /\bnoel\b/, days: (y) => one(day(y, 12, 25)) },
  { re: /\b(?:le )?lundi de paques\b/, days: (y) => one(easter(y + 1).plus({ days: 1 })) },
  { re: /\bpaques\b/, days: (y) => one(easter(y + 1)) },
  { re: /\b(?:l')?ascension\b/, days: (y) => one(easter(y + 1).plus({ days: 39 })) },
  { re: /\b(?:la )?pentecote\b/, days: (y) => one(easter(y + 1).plus({ days: 49 })) },
  { re: /\b(?:la )?toussaint\b/, days: (y) => one(day(y + 1, 11, 1)) },
];

/** Next occurrence of a named day or period that is not over. */
function occurrence(days: (y: number) => Days, today: DateTime): Days {
  for (let y = today.year - 1; y <= today.year + 1; y++) {
    const d = days(y);
    if (d.to >= today) return d;
  }
  return days(today.year + 1);
}

interface Named { days: Days; index: number; end: number }

// Every name holds one of these words: most texts are done with one test.
const ANY_NAME = /noel|\ban\b|janvier|fetes|vacances|reveillon|sylvestre|paques|ascension|pentecote|toussaint/;

function findNamed(t: string, today: DateTime, from = 0): Named | null {
  if (!ANY_NAME.test(t)) return null;
  let best: Named | null = null;
  for (const n of NAMED) {
    const m = n.re.exec(t.slice(from));
    if (m && (!best || m.index + from < best.index)) best = { days: occurrence(n.days, today), index: m.index + from, end: m.index + from + m[0].length };
  }
  return best;
}

const monday = (d: DateTime) => d.startOf('week');
const OF = "(?:de |du |d'|de la |de l')?";
// Modifiers that stand right before the name; each maps the named days to the days meant.
const MODIFIERS: { re: RegExp; apply: (d: Days) => Days }[] = [
  { re: new RegExp(`\\b(?:la )?veille ${OF}$`), apply: (d) => one(d.from.minus({ days: 1 })) },
  { re: new RegExp(`\\b(?:le )?surlendemain ${OF}$`), apply: (d) => one(d.to.plus({ days: 2 })) },
  { re: new RegExp(`\\b(?:le )?lendemain ${OF}$`), apply: (d) => one(d.to.plus({ days: 1 })) },
  { re: new RegExp(`\\b(?:la )?semaine (?:d')?avant ${OF}$`), apply: (d) => ({ from: monday(d.from).minus({ weeks: 1 }), to: monday(d.from).minus({ days: 1 }) }) },
  { re: new RegExp(`\\b(?:la )?semaine (?:d')?apres ${OF}$`), apply: (d) => ({ from: monday(d.to).plus({ weeks: 1 }), to: monday(d.to).plus({ days: 13 }) }) },
  { re: new RegExp(`\\b(?:la )?semaine ${OF}$`), apply: (d) => ({ from: monday(d.from), to: monday(d.from).plus({ days: 6 }) }) },
  { re: new RegExp(`\\b(?:juste|quelques jours|peu de temps|un peu|peu) avant ${OF}$`), apply: (d) => ({ from: d.from.minus({ days: 7 }), to: d.from.minus({ days: 1 }) }) },
  { re: new RegExp(`\\b(?:juste|quelques jours|peu de temps|un peu|peu) apres ${OF}$`), apply: (d) => ({ from: d.to.plus({ days: 1 }), to: d.to.plus({ days: 7 }) }) },
];

/**
 * The days of a named day or period in the text, with its modifier; `modified`: a modifier
 * was read (the caller's plain bounds do not apply then). null: no name.
 */
export function feastDays(t: string, today: DateTime): (Days & { modified: boolean }) | null {
  const n = findNamed(t, today);
  if (!n) return null;
  // "entre Noël et le jour de l'an": from the first to the second, running forward.
  const between = /\bentre (?:le |la |l')?$/.test(t.slice(0, n.index)) ? findNamed(t, today, n.end) : null;
  if (between && /^ (?:et|a) (?:le |la |l')?$/.test(t.slice(n.end, between.index))) {
    const to = between.days.to >= n.days.from ? between.days.to : between.days.to.plus({ years: 1 });
    return { from: n.days.from, to, modified: true };
  }
  const before = t.slice(0, n.index);
  for (const m of MODIFIERS) if (m.re.test(before)) return { ...m.apply(n.days), modified: true };
  return { ...n.days, modified: false };
}

/** The words of a named day, for the bounds of when.ts ("avant Noël", "après les fêtes"). */
export const NAMED_DAY_START = "noel|jour de l'an|nouvel an|premier de l'an|fetes|vacances|reveillon|saint-sylvestre|paques|ascension|pentecote|toussaint|veille|lendemain|surlendemain";

// French public holidays (jours fériés, metropolitan France outside Alsace-Moselle), computed
// from the official rules. We do not use @socialgouv/jours-feries: it builds local-time Dates
// and adds days as 24 h, so its Easter-based dates depend on the process time zone (with
// TZ=Pacific/Auckland, Ascension 2027 comes out a day early). Here everything is calendar
// arithmetic in UTC, whatever TZ says.

export type HolidayId =
  | 'jour-de-l-an' | 'lundi-de-paques' | 'fete-du-travail' | 'victoire-1945' | 'ascension'
  | 'lundi-de-pentecote' | 'fete-nationale' | 'assomption' | 'toussaint' | 'armistice' | 'noel';

const DAY_MS = 86_400_000;

/** Easter Sunday (Gregorian), anonymous algorithm (Meeus/Jones/Butcher), as UTC midnight ms. */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day);
}

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const pad = (n: number): string => String(n).padStart(2, '0');

const cache = new Map<number, Map<string, HolidayId>>();

/** Every public holiday of a year: local date `YYYY-MM-DD` → id. */
export function publicHolidays(year: number): ReadonlyMap<string, HolidayId> {
  let m = cache.get(year);
  if (m) return m;
  const fixed = (month: number, day: number): string => `${year}-${pad(month)}-${pad(day)}`;
  const easter = easterSunday(year);
  m = new Map<string, HolidayId>([
    [fixed(1, 1), 'jour-de-l-an'],
    [iso(easter + 1 * DAY_MS), 'lundi-de-paques'],
    [fixed(5, 1), 'fete-du-travail'],
    [fixed(5, 8), 'victoire-1945'],
    [iso(easter + 39 * DAY_MS), 'ascension'],
    // Journée de solidarité: many employers work it, but public services and our partner
    // sites (médiathèques, mairies) are mostly closed, so no appointments.
    [iso(easter + 50 * DAY_MS), 'lundi-de-pentecote'],
    [fixed(7, 14), 'fete-nationale'],
    [fixed(8, 15), 'assomption'],
    [fixed(11, 1), 'toussaint'],
    [fixed(11, 11), 'armistice'],
    [fixed(12, 25), 'noel'],
  ]);
  cache.set(year, m);
  return m;
}

/** Which holiday a local date is, or null. */
export function holidayOf(localDate: string): HolidayId | null {
  const match = /^(\d{4})-\d{2}-\d{2}/.exec(localDate);
  if (!match) throw new Error(`date attendue au format YYYY-MM-DD : ${localDate}`);
  return publicHolidays(Number(match[1])).get(localDate.slice(0, 10)) ?? null;
}

/** `localDate` is a Europe/Paris calendar date `YYYY-MM-DD` (a LocalDateTime is accepted too). */
export function isPublicHoliday(localDate: string): boolean {
  return holidayOf(localDate) !== null;
}

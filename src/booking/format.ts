// Dates said the French way: "mardi 1er décembre à 14 h 30". The input is already Paris
// wall-clock (LocalDateTime), so no time zone conversion happens here. Names come from our
// own tables rather than Intl: a Node built with small-icu would print English otherwise.
import type { LocalDateTime } from './model';

const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
const DAYS_SHORT = ['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MONTHS_SHORT = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'];

export interface FormatOptions {
  /** Add the year ("mardi 1er décembre 2026"), e.g. when it is not the current one. */
  year?: boolean;
}

/**
 * The calendar date of a wall-clock string. No time zone is involved in naming a day, so this
 * is plain arithmetic on the civil date (luxon's zone lookups were a visible share of a turn).
 */
function parse(local: string): { year: number; month: number; day: number; weekday: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(local);
  if (m) {
    const [year, month, day] = [+m[1], +m[2], +m[3]];
    const d = new Date(Date.UTC(year, month - 1, day));
    const hourOk = !m[4] || (+m[4] <= 23 && +m[5] <= 59);
    if (d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day && hourOk) {
      return { year, month, day, weekday: ((d.getUTCDay() + 6) % 7) + 1 }; // 1 = Monday, as luxon
    }
  }
  throw new Error(`date locale attendue (YYYY-MM-DD[THH:MM]) : ${local}`);
}

const dayNumber = (d: number): string => (d === 1 ? '1er' : String(d));

/** "14 h 30", "9 h", from the wall-clock part of the string (never shifted by DST). */
export function formatTimeFr(local: LocalDateTime): string {
  const m = /T(\d{2}):(\d{2})/.exec(local);
  if (!m) throw new Error(`heure attendue (YYYY-MM-DDTHH:MM) : ${local}`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  return min === 0 ? `${h} h` : `${h} h ${String(min).padStart(2, '0')}`;
}

/** "mardi 1er décembre" (accepts `YYYY-MM-DD` or a LocalDateTime). */
export function formatDayFr(local: string, opts: FormatOptions = {}): string {
  const dt = parse(local);
  return `${DAYS[dt.weekday - 1]} ${dayNumber(dt.day)} ${MONTHS[dt.month - 1]}${opts.year ? ` ${dt.year}` : ''}`;
}

/** "mardi 1er décembre à 14 h 30". */
export function formatDateFr(local: LocalDateTime, opts: FormatOptions = {}): string {
  return `${formatDayFr(local, opts)} à ${formatTimeFr(local)}`;
}

/** "mar. 1er déc." */
export function formatDayShortFr(local: string): string {
  const dt = parse(local);
  return `${DAYS_SHORT[dt.weekday - 1]} ${dayNumber(dt.day)} ${MONTHS_SHORT[dt.month - 1]}`;
}

/** For SMS, where every character counts: "mar. 1er déc. 14 h 30". */
export function formatShortFr(local: LocalDateTime): string {
  return `${formatDayShortFr(local)} ${formatTimeFr(local)}`;
}

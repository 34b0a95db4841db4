// A question is asked only when needed (issue 20): "lundi 2 décembre" (a Wednesday) has two
// readings, but one in the past or beyond the bookable weeks is no reading of a request. Only
// readings that could be booked are offered; one left is simply taken, none means the words
// were no wish of a date (a dictated story: "j'ai reçu un courrier le lundi 2 novembre").
import { DateTime } from 'luxon';
import { DEFAULT_HORIZON_DAYS, ZONE } from '../booking/slots';

type Option = { from: string; to: string };

export function sensibleReadings(options: readonly Option[], now: Date, horizonDays = DEFAULT_HORIZON_DAYS): Option[] {
  const today = DateTime.fromJSDate(now, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");
  const last = DateTime.fromJSDate(now, { zone: ZONE }).plus({ days: horizonDays }).toFormat("yyyy-MM-dd'T'HH:mm");
  // Local date-times of one format compare like the times they name.
  return options.filter((o) => o.to > today && o.from <= last);
}

/** The window a date expression gives for a request: itself, its one sensible reading, or a question (null: none). */
export function readingOf(when: { from: string; to: string } | { any: true } | { ask: string; options: Option[] }, now: Date):
  { from: string; to: string } | { any: true } | { options: Option[] } | null {
  if (!('ask' in when)) return when;
  const ok = sensibleReadings(when.options, now);
  if (ok.length === 0) return null;
  return ok.length === 1 ? ok[0]! : { options: ok };
}

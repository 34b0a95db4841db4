// The calendar file of one booking (RFC 5545 via the `ics` package). Times are written in
// UTC from the booking's instants: calendar apps show them in the reader's own zone, and a
// daylight-saving change cannot move the appointment.
import { createEvent, type EventAttributes } from 'ics';
import { DateTime } from 'luxon';
import { ZONE, type Booking } from '../booking/model';
import type { Catalogue } from '../booking/catalogue';
import { t } from '../i18n';
import { homeAddressText } from '../notices/compose';
import { formatPhoneFr } from '../booking/helplines';

export function bookingIcs(booking: Booking, catalogue: Catalogue): string {
  const site = catalogue.sites.get(booking.siteId);
  const territory = catalogue.territories.get(booking.territory);
  const end = DateTime.fromISO(booking.end, { zone: ZONE }).toMillis();
  const location = booking.mode === 'home'
    ? t('widget.ics.home', { commune: homeAddressText(booking) || (booking.commune?.name ?? '') })
    : site ? `${site.name}, ${site.address.line}, ${site.address.postcode} ${site.address.commune}` : '';
  const event: EventAttributes = {
    uid: `${booking.ref}@les-connectes`,
    productId: 'les-connectes/booking',
    start: booking.startsAt,
    startInputType: 'utc',
    startOutputType: 'utc',
    end,
    endInputType: 'utc',
    endOutputType: 'utc',
    // A request not yet confirmed says so where the calendar shows it: in the title.
    title: t(booking.status === 'confirmed' ? 'widget.ics.title' : 'widget.ics.titlePending', { topic: catalogue.topicLabel(booking.topic) }),
    description: t(booking.status === 'confirmed' ? 'widget.ics.description' : 'widget.ics.descriptionPending', { ref: booking.ref, helpline: formatPhoneFr(territory?.helpline ?? '') }),
    location,
    ...(site && booking.mode === 'site' ? { geo: { lat: site.location.lat, lon: site.location.lon } } : {}),
    status: booking.status === 'confirmed' ? 'CONFIRMED' : 'TENTATIVE',
    alarms: [{ action: 'display', description: t('widget.ics.alarm'), trigger: { hours: 2, minutes: 0, before: true } }],
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error('ics: empty calendar');
  return foldIcsLines(value);
}

const OCTETS_PER_LINE = 75;

/**
 * RFC 5545 §3.1: content lines are folded at 75 octets, not characters (the `ics` package
 * counts characters, and every "é" is two octets). Unfolds what the package folded and folds
 * again on UTF-8 boundaries; a continuation line starts with one space, which counts.
 */
export function foldIcsLines(text: string): string {
  const logical = text.split('\r\n').reduce<string[]>((lines, line) => {
    if (/^[ \t]/.test(line) && lines.length) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
    return lines;
  }, []);
  return logical.map(foldOne).join('\r\n');
}

function foldOne(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = OCTETS_PER_LINE;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (size + n > limit) {
      parts.push(current);
      current = ' ';
      size = 1;
      limit = OCTETS_PER_LINE;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n');
}

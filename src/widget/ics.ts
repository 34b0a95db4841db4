// The calendar file of one booking (RFC 5545 via the `ics` package). Times are written in
// UTC from the booking's instants: calendar apps show them in the reader's own zone, and a
// daylight-saving change cannot move the appointment.
import { createEvent, type EventAttributes } from 'ics';
import { DateTime } from 'luxon';
import type { Booking } from '../booking/model';
import type { Catalog } from '../booking/catalog';
import { t } from '../i18n';
import { formatPhoneFr } from '../../dialogs/say';

export function bookingIcs(booking: Booking, catalog: Catalog): string {
  const site = catalog.sites.get(booking.siteId);
  const territory = catalog.territories.get(booking.territory);
  const end = DateTime.fromISO(booking.end, { zone: 'Europe/Paris' }).toMillis();
  const location = booking.mode === 'home'
    ? t('widget.ics.home', { commune: booking.commune?.name ?? '' })
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
    title: t('widget.ics.title', { topic: catalog.topicLabel(booking.topic) }),
    description: t('widget.ics.description', { ref: booking.ref, helpline: formatPhoneFr(territory?.helpline ?? '') }),
    location,
    ...(site && booking.mode === 'site' ? { geo: { lat: site.location.lat, lon: site.location.lon } } : {}),
    status: booking.status === 'confirmed' ? 'CONFIRMED' : 'TENTATIVE',
    alarms: [{ action: 'display', description: t('widget.ics.alarm'), trigger: { hours: 2, minutes: 0, before: true } }],
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error('ics: empty calendar');
  return value;
}

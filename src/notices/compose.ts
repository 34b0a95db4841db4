// The texts a beneficiary receives when a coordinator acts on a booking, or the day before
// it. Pure: the booking and the catalogue in, an SMS body and a web chat text out (the
// sentences themselves live in locales/fr.json under "notice").
import type { Catalog } from '../booking/catalog';
import { formatDateFr, formatDayFr, formatDayShortFr, formatShortFr, formatTimeFr } from '../booking/format';
import type { Booking } from '../booking/model';
import { t } from '../i18n';

export const NOTICE_EVENTS = ['confirmed', 'declined', 'moved', 'reminder'] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/** Short list of decline reasons offered to coordinators (anything else is free text). */
export const DECLINE_REASONS = ['unavailable', 'outOfArea', 'topic', 'duplicate', 'closed'] as const;
export type DeclineReasonCode = (typeof DECLINE_REASONS)[number];

export function isReasonCode(s: string | undefined): s is DeclineReasonCode {
  return (DECLINE_REASONS as readonly string[]).includes(s ?? '');
}

/** The reason as said to the beneficiary: the sentence of a code, or the coordinator's own words. */
export function reasonText(reason: string | undefined): string {
  if (!reason) return t('notice.reason.none');
  if (isReasonCode(reason)) return t(`notice.reason.${reason}`);
  // Free text goes into an SMS: one line, no trailing full stop (the sentence adds its own).
  return reason.replace(/\s+/g, ' ').trim().replace(/[.!]+$/, '');
}

export interface NoticeTexts { sms: string; web: string }

export function composeNotice(booking: Booking, event: NoticeEvent, catalog: Catalog): NoticeTexts {
  const site = catalog.sites.get(booking.siteId);
  const volunteer = catalog.volunteers.get(booking.volunteerId);
  const home = booking.mode === 'home';
  const vars = {
    date: formatShortFr(booking.start),
    day: formatDayShortFr(booking.start),
    time: formatTimeFr(booking.start),
    longDate: formatDateFr(booking.start),
    longDay: formatDayFr(booking.start),
    place: site?.name ?? '',
    commune: booking.commune?.name ?? site?.address.commune ?? '',
    firstName: volunteer?.firstName ?? '',
    reason: reasonText(booking.declineReason),
  };
  const variant = home && event !== 'declined' ? `${event}Home` : event;
  return { sms: t(`notice.${variant}`, vars), web: t(`notice.web.${variant}`, vars) };
}

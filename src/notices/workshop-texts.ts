// What people receive about a workshop seat (SMS and web chat), from locales/fr.json
// "workshop.notice". Pure: booking/workshop and catalogue in, texts out.
import type { Catalogue } from '../booking/catalogue';
import { formatDateFr, formatShortFr } from '../booking/format';
import type { Booking } from '../booking/model';
import { t } from '../i18n';
import { reasonText } from './compose';
import type { Workshop } from '../booking/workshop';

export const WORKSHOP_EVENTS = ['booked', 'reminder', 'reminderEarly', 'cancelled', 'offer', 'offerTaken', 'cancelledSeat', 'changed'] as const;
/** Characters of a title said in an SMS. */
export const MAX_TITLE = 40;

export type WorkshopEvent = (typeof WORKSHOP_EVENTS)[number];

export function workshopVars(w: Pick<Workshop, 'title' | 'start' | 'siteId' | 'topic'>, catalogue: Catalogue, extra: Record<string, string> = {}) {
  const site = catalogue.sites.get(w.siteId);
  return {
    // A long title would push an SMS past its budget: the start says enough.
    title: w.title.length > MAX_TITLE ? `${w.title.slice(0, MAX_TITLE - 3).trimEnd()}...` : w.title,
    topic: catalogue.topicLabel(w.topic),
    date: formatShortFr(w.start),
    longDate: formatDateFr(w.start),
    place: site?.name ?? '',
    commune: site?.address.commune ?? '',
    address: site ? `${site.address.line}, ${site.address.commune}` : '',
    ...extra,
  };
}

/** Text of one event about a seat (`ref` and `reason` come from the booking). */
export function seatText(event: WorkshopEvent, w: Pick<Workshop, 'title' | 'start' | 'siteId' | 'topic'>, b: Pick<Booking, 'ref' | 'declineReason'> | null, catalogue: Catalogue, extra: Record<string, string> = {}): string {
  return t(`workshop.notice.${event}`, workshopVars(w, catalogue, {
    ref: b?.ref ?? '', reason: reasonText(b?.declineReason), ...extra,
  }));
}

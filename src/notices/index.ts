// Telling the person: the Notifier (notifier.ts) decides consent, STOP, erased data, the web
// conversation (once) and the calendar offer for every notice; each event is a small class
// (booking-notices.ts, workshop-notices.ts, earlier-notice.ts) that only gives its words.
import type { Catalogue } from '../booking/catalogue';
import type { Booking } from '../booking/model';
import type { Logger } from '../log';
import type { OutboundSms } from '../notify';
import type { Store } from '../store/store';
import { bookingNotice } from './booking-notices';
import type { NoticeEvent } from './compose';
import { Notifier, type NoticeOutcome } from './notifier';
import type { WebConversations } from './web';
import { SeatNotice } from './workshop-notices';

export { composeNotice, reasonText, isReasonCode, DECLINE_REASONS, NOTICE_EVENTS } from './compose';
export type { NoticeEvent, DeclineReasonCode, NoticeTexts } from './compose';
export { noticeKey } from './booking-notices';
export { Notifier, type NoticeOutcome } from './notifier';
export type { WebConversations } from './web';

/**
 * A booking's event, told as it should be: an appointment's own notice, or for a workshop seat
 * the seat's words (no volunteer, a title); the other events do not apply to seats.
 */
export async function notifyBooking(
  d: { notifier: Notifier; catalogue: Catalogue; store: Pick<Store, 'workshops'> }, booking: Booking, event: NoticeEvent,
): Promise<NoticeOutcome | undefined> {
  if (booking.kind !== 'workshop') return d.notifier.send(bookingNotice(booking, event, d.catalogue));
  const seatEvent = event === 'reminder' || event === 'reminderEarly' ? event : event === 'declined' ? 'cancelledSeat' : null;
  const w = seatEvent && booking.workshopId ? await d.store.workshops.getWorkshop(booking.workshopId) : null;
  return w && seatEvent ? d.notifier.send(new SeatNotice(booking, w, seatEvent, d.catalogue)) : undefined;
}

/** A web message as the widget takes it (the calendar offer is one too). */
type WebMessage = { type: 'message'; text?: string } & Record<string, unknown>;

export interface NoticeDeps {
  store: Pick<Store, 'counters' | 'workshops'>;
  catalogue: Catalogue;
  outbound: Pick<OutboundSms, 'send'>;
  postToConversation?: (conversationId: string, message: WebMessage) => Promise<unknown>;
  /** The web widget's calendar file offer (after a confirmation or a move). */
  calendarOffer?: (booking: Booking) => Promise<WebMessage | undefined>;
  logger: Logger;
}

/** One appointment notice with the web conversation given as two functions (scripts, tests). */
export async function sendNotice(deps: NoticeDeps, booking: Booking, event: NoticeEvent): Promise<NoticeOutcome> {
  const post = deps.postToConversation;
  const web: WebConversations | undefined = post && {
    say: (id, text) => post(id, { type: 'message', text }),
    offerCalendar: async (b) => {
      const offer = b.conversationId && deps.calendarOffer ? await deps.calendarOffer(b) : undefined;
      if (offer) await post(b.conversationId!, offer);
    },
  };
  return new Notifier({ counters: deps.store.counters, outbound: deps.outbound, web, logger: deps.logger }).send(bookingNotice(booking, event, deps.catalogue));
}

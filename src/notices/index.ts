// Telling the beneficiary: an SMS through the outbound queue (unless they refused SMS or
// opted out) and, for a booking made in the web widget, a message in that conversation.
// Each (event, booking, slot) is told once: the SMS carries an idempotency key and the web
// message is guarded by a first-seen marker, so a repeated action never repeats a message.
import type { Activity } from 'botbuilder';
import type { Catalog } from '../booking/catalog';
import { WEB_CHANNELS, type Booking } from '../booking/model';
import type { Logger } from '../log';
import type { OutboundSms } from '../notify';
import { hasPersonalData } from '../store/lifecycle';
import type { Store } from '../store/store';
import { composeNotice, type NoticeEvent } from './compose';

export { composeNotice, reasonText, isReasonCode, DECLINE_REASONS, NOTICE_EVENTS } from './compose';
export type { NoticeEvent, DeclineReasonCode, NoticeTexts } from './compose';

const WEB_DEDUP_MS = 30 * 24 * 3600_000;

export interface NoticeDeps {
  store: Store;
  catalog: Catalog;
  outbound: Pick<OutboundSms, 'send'>;
  postToConversation?: (conversationId: string, activity: Partial<Activity>) => Promise<string>;
  /** The web widget's calendar file offer (after a confirmation or a move). */
  calendarOffer?: (booking: Booking) => Promise<Partial<Activity> | undefined>;
  logger: Logger;
}

export interface NoticeOutcome {
  sms: 'queued' | 'no-consent' | 'opted-out' | 'erased' | 'not-needed';
  web: 'posted' | 'not-web' | 'already' | 'failed';
}

export function noticeKey(event: NoticeEvent, booking: Pick<Booking, 'ref' | 'slotId'>): string {
  return `notice:${event}:${booking.ref}:${booking.slotId}`;
}

export async function sendNotice(deps: NoticeDeps, booking: Booking, event: NoticeEvent): Promise<NoticeOutcome> {
  const texts = composeNotice(booking, event, deps.catalog);
  const key = noticeKey(event, booking);
  let sms: NoticeOutcome['sms'] = 'queued';
  // A request made by the person themself by SMS was answered in that very SMS conversation.
  if (event === 'requested' && booking.requestedBy === 'self' && !WEB_CHANNELS.has(booking.channel)) sms = 'not-needed';
  else if (!hasPersonalData(booking)) sms = 'erased';
  else if (!booking.smsConsent) sms = 'no-consent';
  else if (await deps.store.isOptedOut(booking.beneficiary.phone)) sms = 'opted-out';
  else await deps.outbound.send(booking.beneficiary.phone, texts.sms, { key, kind: `notice-${event}` });

  let web: NoticeOutcome['web'] = 'not-web';
  if (booking.conversationId && WEB_CHANNELS.has(booking.channel) && deps.postToConversation && texts.web) {
    if (!(await deps.store.firstSeen(`${key}:web`, WEB_DEDUP_MS))) web = 'already';
    else {
      try {
        await deps.postToConversation(booking.conversationId, { type: 'message', text: texts.web });
        web = 'posted';
        // Confirmed (or moved and confirmed): the calendar file as confirmed, once.
        if ((event === 'confirmed' || event === 'moved') && booking.status === 'confirmed' && deps.calendarOffer) {
          const offer = await deps.calendarOffer(booking);
          if (offer) await deps.postToConversation(booking.conversationId, offer);
        }
      } catch (err) {
        // The conversation may be gone: the SMS (if any) still told the person.
        deps.logger.warn('notice not posted to the web conversation', { ref: booking.ref, event, err });
        web = 'failed';
      }
    }
  }
  deps.logger.info('notice', { ref: booking.ref, event, sms, web });
  return { sms, web };
}

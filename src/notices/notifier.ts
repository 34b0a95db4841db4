// Telling a person, decided in one place (as betagouv/rdv-service-public's notifiers): a
// notice says who it is for, its words and its idempotency key; the Notifier decides the rest,
// the same way for every event — no SMS when the person's data is erased, when they refused
// SMS or said STOP, or when the conversation that caused it already said it; in the web
// conversation once (first-seen marker); and the calendar file offer where the notice asks.
import type { Booking } from '../booking/model';
import { WEB_CHANNELS } from '../booking/model';
import type { Logger } from '../log';
import type { OutboundSms } from '../notify';
import type { CountersPort } from '../store/counters';
import type { WebConversations } from './web';

const WEB_DEDUP_MS = 30 * 24 * 3600_000;

/** Who a notice is for, as far as telling them goes. */
export interface Recipient {
  phone: string;
  /** Their name and number were erased (retention, SUPPRIMER): nobody to text. */
  erased: boolean;
  smsConsent: boolean;
  channel: string;
  conversationId?: string;
}

/** One event told to one person. Subclasses give the words; the Notifier decides the rest. */
export abstract class Notice {
  abstract readonly recipient: Recipient;
  /** The SMS body. */
  abstract readonly sms: string;
  /** One message per key: the outbound queue and the web marker keep the first. */
  abstract readonly key: string;
  /** The kind of SMS (logs, the outbound queue's metrics). */
  abstract readonly kind: string;
  /** For the log line. */
  abstract readonly subject: string;
  /** The text for the web conversation ('' = nothing there). */
  get web(): string { return ''; }
  /** False when the conversation that caused the event already told the person. */
  get smsNeeded(): boolean { return true; }
  /** The booking whose calendar file is offered after the web message, if any. */
  get calendar(): Booking | undefined { return undefined; }
}

export interface NoticeOutcome {
  sms: 'queued' | 'no-consent' | 'opted-out' | 'erased' | 'not-needed';
  web: 'posted' | 'not-web' | 'already' | 'failed';
}

export interface NotifierDeps {
  counters: Pick<CountersPort, 'isOptedOut' | 'firstSeen'>;
  outbound: Pick<OutboundSms, 'send'>;
  web?: WebConversations;
  logger: Logger;
}

export class Notifier {
  constructor(private readonly d: NotifierDeps) {}

  async send(n: Notice): Promise<NoticeOutcome> {
    const to = n.recipient;
    let sms: NoticeOutcome['sms'] = 'queued';
    if (!n.smsNeeded) sms = 'not-needed';
    else if (to.erased) sms = 'erased';
    else if (!to.smsConsent) sms = 'no-consent';
    else if (await this.d.counters.isOptedOut(to.phone)) sms = 'opted-out';
    else await this.d.outbound.send(to.phone, n.sms, { key: n.key, kind: n.kind });

    let web: NoticeOutcome['web'] = 'not-web';
    const text = n.web;
    if (to.conversationId && WEB_CHANNELS.has(to.channel) && this.d.web && text) {
      if (!(await this.d.counters.firstSeen(`${n.key}:web`, WEB_DEDUP_MS))) web = 'already';
      else {
        try {
          await this.d.web.say(to.conversationId, text);
          web = 'posted';
          const calendar = n.calendar;
          if (calendar) await this.d.web.offerCalendar(calendar);
        } catch (err) {
          // The conversation may be gone: the SMS (if any) still told the person.
          this.d.logger.warn('notice not posted to the web conversation', { subject: n.subject, kind: n.kind, err });
          web = 'failed';
        }
      }
    }
    this.d.logger.info('notice', { subject: n.subject, kind: n.kind, sms, web });
    return { sms, web };
  }
}

// The notices of an appointment, one small class per event: a request, a coordinator's
// decision (confirmed, declined, moved), a change made by the person, a reminder.
import type { Catalogue } from '../booking/catalogue';
import { WEB_CHANNELS, type Booking } from '../booking/model';
import { hasPersonalData } from '../booking/erasure';
import { composeNotice, type NoticeEvent, type NoticeTexts } from './compose';
import { Notice, type Recipient } from './notifier';

export function noticeKey(event: NoticeEvent, booking: Pick<Booking, 'ref' | 'slotId'>): string {
  return `notice:${event}:${booking.ref}:${booking.slotId}`;
}

/** The person a booking is for. */
export function bookingRecipient(b: Booking): Recipient {
  return {
    phone: b.beneficiary.phone, erased: !hasPersonalData(b), smsConsent: Boolean(b.smsConsent),
    channel: b.channel, ...(b.conversationId ? { conversationId: b.conversationId } : {}),
  };
}

export abstract class BookingNotice extends Notice {
  abstract readonly event: NoticeEvent;
  private texts?: NoticeTexts;
  constructor(readonly booking: Booking, private readonly catalogue: Catalogue) { super(); }
  private get words(): NoticeTexts { return (this.texts ??= composeNotice(this.booking, this.event, this.catalogue)); }
  get recipient(): Recipient { return bookingRecipient(this.booking); }
  get sms(): string { return this.words.sms; }
  override get web(): string { return this.words.web; }
  get key(): string { return noticeKey(this.event, this.booking); }
  get kind(): string { return `notice-${this.event}`; }
  get subject(): string { return this.booking.ref; }
}

export class Requested extends BookingNotice {
  readonly event = 'requested' as const;
  // A request made by the person themself by SMS was answered in that very SMS conversation.
  override get smsNeeded(): boolean { return !(this.booking.requestedBy === 'self' && !WEB_CHANNELS.has(this.booking.channel)); }
}

/** The request's SMS, asked for at the end of a phone call ("voulez-vous le recevoir par SMS ?"). */
export class RequestedByCall extends BookingNotice {
  readonly event = 'requested' as const;
  override get web(): string { return ''; }
}

export class Confirmed extends BookingNotice {
  readonly event: NoticeEvent = 'confirmed';
  // Confirmed (or moved and confirmed): the calendar file as confirmed, once.
  override get calendar(): Booking | undefined { return this.booking.status === 'confirmed' ? this.booking : undefined; }
}

export class Moved extends Confirmed { override readonly event = 'moved' as const; }
export class Declined extends BookingNotice { readonly event = 'declined' as const; }
export class Changed extends BookingNotice { readonly event = 'changed' as const; }
export class Reminder extends BookingNotice { readonly event = 'reminder' as const; }
export class ReminderEarly extends BookingNotice { readonly event = 'reminderEarly' as const; }

const BY_EVENT: Record<NoticeEvent, new (b: Booking, c: Catalogue) => BookingNotice> = {
  requested: Requested, confirmed: Confirmed, declined: Declined, moved: Moved, changed: Changed, reminder: Reminder, reminderEarly: ReminderEarly,
};

export function bookingNotice(b: Booking, event: NoticeEvent, catalogue: Catalogue): BookingNotice {
  return new BY_EVENT[event](b, catalogue);
}

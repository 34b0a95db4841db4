// The notices of a workshop seat (a booking of kind "workshop") and of a waiting-list entry,
// one small class per kind: their words come from locales/fr.json "workshop.notice".
import type { Catalogue } from '../booking/catalogue';
import type { Booking } from '../booking/model';
import type { WaitEntry, Workshop } from '../booking/workshop';
import { seatText, type WorkshopEvent } from './workshop-texts';
import { bookingRecipient } from './booking-notices';
import { Notice, type Recipient } from './notifier';

/** A message about a seat booking; a change is told once per new date and place (keySuffix). */
export class SeatNotice extends Notice {
  readonly sms: string;
  constructor(readonly booking: Booking, w: Workshop, readonly event: WorkshopEvent, catalogue: Catalogue, private readonly keySuffix?: string) {
    super();
    this.sms = seatText(event, w, booking, catalogue);
  }
  get recipient(): Recipient { return bookingRecipient(this.booking); }
  override get web(): string { return this.sms; }
  get key(): string { return `wsnotice:${this.event}:${this.booking.ref}${this.keySuffix ? `:${this.keySuffix}` : ''}`; }
  get kind(): string { return `workshop-${this.event}`; }
  get subject(): string { return this.booking.ref; }
}

/** A seat just taken: someone booking for themself by SMS has the answer on their phone already. */
export class SeatBooked extends SeatNotice {
  constructor(b: Booking, w: Workshop, catalogue: Catalogue) { super(b, w, 'booked', catalogue); }
  override get smsNeeded(): boolean { return !(this.booking.channel === 'sms' && this.booking.requestedBy === 'self'); }
  // Nothing in the web conversation either: it is the one that took the seat.
  override get web(): string { return this.smsNeeded ? this.sms : ''; }
}

/** A message to someone on the waiting list (an offer, a cancellation). */
export class WaitlistNotice extends Notice {
  readonly sms: string;
  readonly key: string;
  constructor(private readonly entry: WaitEntry, w: Workshop, readonly event: WorkshopEvent, catalogue: Catalogue, extra: Record<string, string>, key?: string) {
    super();
    this.sms = seatText(event, w, null, catalogue, extra);
    this.key = key ?? `wsnotice:${event}:${w.id}:${entry.id}`;
  }
  get recipient(): Recipient {
    const e = this.entry;
    return { phone: e.phone, erased: false, smsConsent: Boolean(e.smsConsent), channel: e.channel, ...(e.conversationId ? { conversationId: e.conversationId } : {}) };
  }
  override get web(): string { return this.sms; }
  get kind(): string { return `workshop-${this.event}`; }
  get subject(): string { return this.key; }
}

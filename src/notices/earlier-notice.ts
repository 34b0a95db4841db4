// The offer of an earlier slot, freed since the person asked to be told (SMS only: the answer
// is OUI by SMS). Their booking's erased data count: a watch outlives nothing it was made for.
import type { Booking } from '../booking/model';
import { bookingRecipient } from './booking-notices';
import { Notice, type Recipient } from './notifier';

export class EarlierSlotOffer extends Notice {
  readonly kind = 'earlier-offer';
  constructor(private readonly booking: Booking, private readonly phone: string, readonly sms: string, private readonly slotId: string) { super(); }
  get recipient(): Recipient { return { ...bookingRecipient(this.booking), phone: this.phone, conversationId: undefined }; }
  get key(): string { return `earlier:${this.booking.ref}:${this.slotId}`; }
  get subject(): string { return this.booking.ref; }
}

// A complete form → the booking record to commit. Pure.
import { newBooking } from '../booking/lifecycle';
import type { Booking, Channel } from '../booking/model';
import type { Form } from './form';

export interface BookingContext {
  ref: string;
  channel: Channel;
  conversationId?: string;
  now: number;
}

export function bookingFromForm(form: Form, ctx: BookingContext): Booking {
  if (!form.chosen || !form.topic || !form.name || !form.phone) throw new Error('incomplete booking form');
  const booking = newBooking({
    slot: form.chosen.slot,
    topic: form.topic,
    beneficiary: { name: form.name, phone: form.phone },
    requestedBy: form.forOther ? 'relative' : 'self',
    channel: ctx.channel,
    now: ctx.now,
    ref: ctx.ref,
    conversationId: ctx.conversationId,
    commune: form.place ? { insee: form.place.insee, name: form.place.commune } : undefined,
    smsConsent: form.smsConsent ?? true,
  });
  // Only a home visit carries the person's street address.
  return form.chosen.slot.mode === 'home' && form.homeAddress ? { ...booking, homeAddress: form.homeAddress } : booking;
}

// "My bookings": by phone number on SMS, by this conversation's references on the web.
import type { TurnContext } from 'botbuilder';
import { isUpcoming } from '../src/booking/lifecycle';
import type { Booking } from '../src/booking/model';
import { getProfile, type Services } from './services';
import { senderNumber } from './say';

export async function upcomingBookings(s: Services, ctx: TurnContext): Promise<Booking[]> {
  const now = s.now().getTime();
  let bookings: Booking[] = [];
  const phone = senderNumber(ctx);
  if (phone) bookings = await s.store.bookingsByPhone(phone);
  const profile = await getProfile(s, ctx);
  const known = new Set(bookings.map((b) => b.ref));
  for (const ref of profile.refs) {
    if (known.has(ref)) continue;
    const b = await s.store.getBooking(ref);
    if (b) bookings.push(b);
  }
  return bookings
    .filter((b) => isUpcoming(b, now))
    .sort((a, b) => a.startsAt - b.startsAt);
}

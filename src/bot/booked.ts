// What a turn booked, handed from the dialog to the channel that ran the turn (the widget
// offers the booking's .ics): the booking result itself, not a code read back from reply text.
import type { TurnContext } from 'botbuilder';
import type { Booking } from '../booking/model';

const BOOKED = Symbol('bookedInTurn');

export function noteBooked(ctx: TurnContext, booking: Booking): void {
  const list = ctx.turnState.get(BOOKED) as Booking[] | undefined;
  if (list) list.push(booking);
  else ctx.turnState.set(BOOKED, [booking]);
}

/** The bookings committed during this turn, in order. */
export function bookedInTurn(ctx: TurnContext): readonly Booking[] {
  return (ctx.turnState.get(BOOKED) as Booking[] | undefined) ?? [];
}

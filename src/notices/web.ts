// The domain's port to a web chat conversation: what it may say there, in its own words (the
// widget implements it; no botbuilder type crosses into the domain).
import type { Booking } from '../booking/model';

export interface WebConversations {
  /** Appends a bot message to the conversation. */
  say(conversationId: string, text: string): Promise<unknown>;
  /** Offers the booking's calendar file in its conversation, once per state of the booking. */
  offerCalendar(booking: Booking): Promise<void>;
}

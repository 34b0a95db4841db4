// Who wrote this turn, as far as the channel that carried it can prove. A phone number is an
// identity only when the channel proved it (the signed Twilio webhook, or Azure's SMS channel
// behind a checked Bot Framework JWT). Everything a caller merely *claims* in an activity
// (channelId, from.id, conversation.id) is never enough to reach someone else's bookings.
import type { TurnContext } from 'botbuilder';
import { parsePhone } from '../language/phone';

export type TurnOrigin =
  /** Unauthenticated /api/messages: the conversation is only itself, whatever it claims. */
  | { kind: 'anonymous' }
  /** A channel that proved the sender's number. */
  | { kind: 'proven-sms'; number: string }
  /** A channel that proved the conversation but no number (our Direct Line, Teams, …). */
  | { kind: 'channel' };

const ORIGIN = Symbol.for('cx.turnOrigin');

export function setTurnOrigin(ctx: TurnContext, origin: TurnOrigin): void {
  ctx.turnState.set(ORIGIN, origin);
}

const OPTED_OUT = Symbol.for('cx.optedOutThisTurn');

/** This turn opted the sender out: its one answer (the acknowledgement) must still reach them. */
export function markOptedOut(ctx: TurnContext): void {
  ctx.turnState.set(OPTED_OUT, true);
}

export function optedOutThisTurn(ctx: TurnContext): boolean {
  return ctx.turnState.get(OPTED_OUT) === true;
}

/** Unmarked turns are anonymous: an entry point that forgets to say what it proved proves nothing. */
export function turnOrigin(ctx: TurnContext): TurnOrigin {
  return (ctx.turnState.get(ORIGIN) as TurnOrigin | undefined) ?? { kind: 'anonymous' };
}

/** The sender's number when the channel proved it, else undefined. */
export function provenNumber(ctx: TurnContext): string | undefined {
  const o = turnOrigin(ctx);
  return o.kind === 'proven-sms' ? o.number : undefined;
}

/**
 * A phone channel: plain text, numbered choices, the sender's number proven by the channel.
 * A phone call is one too: the voice channel reads this same text aloud (src/channels/voice/).
 */
export function isSms(ctx: TurnContext): boolean {
  return ctx.activity.channelId === 'sms' || isVoice(ctx);
}

export function isVoice(ctx: TurnContext): boolean {
  return ctx.activity.channelId === 'voice';
}

/**
 * The writer's own number, only when the channel proved it (signed Twilio webhook, Azure SMS
 * behind a checked JWT). A claimed channelId "sms" and from.id are never an identity.
 */
export function senderNumber(ctx: TurnContext): string | undefined {
  return isSms(ctx) ? provenNumber(ctx) : undefined;
}

export function isAnonymousTurn(ctx: TurnContext): boolean {
  return turnOrigin(ctx).kind === 'anonymous';
}

/**
 * E.164 of an SMS sender id. Twilio gives E.164; a number our parser does not know (new
 * ranges) is still a real sender.
 */
export function e164Sender(id: string | undefined): string | undefined {
  const raw = id ?? '';
  const parsed = parsePhone(raw);
  if (parsed && parsed.status !== 'invalid') return parsed.e164;
  return /^\+[1-9]\d{7,14}$/.test(raw) ? raw : undefined;
}

/** Origin of a turn from the SMS channel: proven only when the webhook signature was checked. */
export function smsOrigin(from: string | undefined, signatureChecked: boolean): TurnOrigin {
  const number = signatureChecked ? e164Sender(from) : undefined;
  return number ? { kind: 'proven-sms', number } : { kind: 'channel' };
}

/**
 * Where a turn's conversation state and lock live. Anonymous turns get their own namespace:
 * claiming channelId "sms" and a victim's number as conversation id reaches nothing of theirs.
 */
export function conversationScope(ctx: TurnContext): string {
  const a = ctx.activity;
  const base = `${a.channelId ?? 'none'}/conversations/${a.conversation?.id ?? 'none'}`;
  return isAnonymousTurn(ctx) ? `anon/${base}` : base;
}

// What Twilio Programmable Voice posts to the webhook (a call starting, a <Gather> result, a
// redirect after silence), parsed and checked. Pure: no I/O.
import { z } from 'zod';
import { normalize } from '../../language/normalize';
import { classify } from '../../language/intent';
import lexicon from '../../../locales/intents.fr.json';
import { fromDictation } from './dictation';

const single = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string());

export const InboundCallSchema = z.object({
  CallSid: single.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a call id')),
  // A withheld number comes as "anonymous" or "+266696687": kept, never taken as an identity.
  From: single.pipe(z.string().trim().min(1).max(40)),
  To: single.pipe(z.string().trim().max(40)).optional(),
  CallStatus: single.optional(),
  SpeechResult: single.pipe(z.string().max(1000)).optional(),
  Confidence: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().min(0).max(1)).optional(),
  Digits: single.pipe(z.string().regex(/^[0-9*#]{0,32}$/, 'keys pressed')).optional(),
});
export type InboundCall = z.infer<typeof InboundCallSchema>;

/** Twilio's call-status callback: the duration once the call is over. */
export const CallStatusSchema = z.object({
  CallSid: InboundCallSchema.shape.CallSid,
  CallStatus: single,
  CallDuration: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().min(0).max(86_400)).optional(),
});

/** Our own query string on the redirects: which silence this is. */
export const VoiceQuerySchema = z.object({ silence: z.enum(['1', '2']).optional() });

/** What the person answered this turn, as text for the dialog ("" = nothing yet). */
export function heard(call: InboundCall): string {
  const digits = call.Digits?.replace(/[#*]+$/, '');
  if (digits) return digits;
  return fromDictation((call.SpeechResult ?? '').trim());
}

const HUMAN_WORDS = new Set([...lexicon.intents.human, ...lexicon.intents.contextHuman].map(normalize));

/** Key 0, "zéro", "conseiller", "je voudrais parler à quelqu'un": the person wants the team. */
export function wantsTransfer(call: InboundCall): boolean {
  if (call.Digits !== undefined) return call.Digits.replace(/[#*]+$/, '') === '0';
  const text = normalize(call.SpeechResult ?? '').replace(/[.,:;]+/g, '').trim();
  if (!text) return false;
  if (text === '0' || text === 'zero' || HUMAN_WORDS.has(text)) return true;
  return text.split(' ').length <= 8 && classify(text).intent === 'human';
}

// What Twilio posts to the SMS webhook, parsed and checked. Pure functions: no I/O.
import { z } from 'zod';

const single = z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string());
const phoneLike = single.pipe(z.string().trim().regex(/^\+?[0-9]{3,15}$/, 'a phone number'));

/** The fields we use; every other field Twilio sends is ignored. */
export const InboundSmsSchema = z.object({
  From: phoneLike,
  To: phoneLike.optional(),
  Body: single.default(''),
  MessageSid: single.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a message id')).optional(),
  NumMedia: z.preprocess((v) => (Array.isArray(v) ? v[0] : v ?? '0'), z.coerce.number().int().min(0).max(100)),
});

export type InboundSms = z.infer<typeof InboundSmsSchema>;

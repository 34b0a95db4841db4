// What SMSFactor's webhooks carry, parsed and checked (pure). SMSFactor calls the URL set in
// its account for each reply ("MO": `number`, `message`, `id`) and each delivery report
// (`ticket`, `number`, `status`), as a form, JSON or a query string: the fields are the same.
// This is the one place that knows SMSFactor's field names.
import crypto from 'node:crypto';
import { z } from 'zod';
import type { InboundSms } from '../sms/inbound';

const single = z.preprocess((v) => (Array.isArray(v) ? v[0] : typeof v === 'number' ? String(v) : v), z.string());
// SMSFactor writes numbers as 33612345678 (sometimes +33… or 0612345678).
const msisdn = single.pipe(z.string().trim().regex(/^\+?\d{6,15}$/, 'a phone number'));

export const SmsFactorMoSchema = z.object({
  number: msisdn,
  message: single.pipe(z.string().max(1600)).default(''),
  id: single.pipe(z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'a message id')).optional(),
});
export type SmsFactorMo = z.infer<typeof SmsFactorMoSchema>;

export const SmsFactorDlrSchema = z.object({
  ticket: single.pipe(z.string().max(64)).optional(),
  number: msisdn.optional(),
  status: single.pipe(z.string().max(40)),
});
export type SmsFactorDlr = z.infer<typeof SmsFactorDlrSchema>;

/** "33612345678" / "0612345678" → "+33612345678". */
export function e164Of(number: string): string {
  if (number.startsWith('+')) return number;
  if (/^0[1-9]\d{8}$/.test(number)) return `+33${number.slice(1)}`;
  return `+${number}`;
}

/** A reply through SMSFactor as the inbound SMS the bot reads (the same as Twilio's). */
export function toInboundSms(mo: SmsFactorMo): InboundSms {
  return { From: e164Of(mo.number), Body: mo.message, MessageSid: mo.id ? `sf-${mo.id}` : undefined, NumMedia: 0 };
}

/** SMSFactor's delivery statuses, bounded to three labels (a metric label must not take any value). */
export function deliveryLabel(status: string): 'delivered' | 'failed' | 'pending' {
  const s = status.trim().toLowerCase();
  if (/^(1|delivered|deliv|delivrd|recu|reçu|ok)$/.test(s)) return 'delivered';
  if (/^(0|pending|sent|envoye|envoyé|en cours|buffered)$/.test(s)) return 'pending';
  return 'failed';
}

/** Compared in constant time (hashes of equal length: no early exit, no length leak). */
export function secretMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b);
}

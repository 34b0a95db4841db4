// What Twilio posts to the webhook, parsed and checked. Pure functions: no I/O.
import { z } from 'zod';
import { validateRequest } from 'twilio/lib/webhooks/webhooks';

export type FormParams = Record<string, string | string[]>;

/** The raw form body as Twilio signed it (repeated keys kept as arrays). */
export function parseForm(raw: unknown): FormParams {
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
  const out: FormParams = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

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

/**
 * The URL Twilio signed: the public one (a proxy in front changes scheme, host or port),
 * with the query string Twilio was configured with.
 */
export function signedUrl(publicBaseUrl: string | undefined, requestUrl: string, ownOrigin: string, path = '/api/sms'): string {
  const q = requestUrl.indexOf('?');
  const query = q >= 0 ? requestUrl.slice(q) : '';
  if (publicBaseUrl) return `${publicBaseUrl.replace(/\/+$/, '')}${path}${query}`;
  return `${ownOrigin}${requestUrl}`;
}

export function signatureValid(authToken: string, signature: string | undefined, url: string, params: FormParams): boolean {
  if (!signature) return false;
  try {
    return validateRequest(authToken, signature, url, params);
  } catch {
    return false;
  }
}

// What Twilio posts to a webhook (SMS or call): the form as it was signed, and whether the
// signature is Twilio's. The signature covers the public URL Twilio called (a proxy in front
// changes scheme, host or port).
import type { Request } from 'restify';
import { validateRequest } from 'twilio/lib/webhooks/webhooks';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { Store } from '../store/store';
import type { LocalAdapter, TurnLogic } from './local-adapter';

/** What a Twilio webhook route (SMS, call) runs on; each route adds its own. */
export interface TwilioRouteDeps {
  /** The public URL and the auth token the signature is checked with. */
  config: Pick<Config, 'publicBaseUrl' | 'twilio'>;
  /** The bot's turn (BookingBot.run), run in-process by the adapter. */
  logic: TurnLogic;
  adapter: LocalAdapter;
  store: Pick<Store, 'bookings' | 'counters' | 'documents'>;
  logger: Logger;
  metrics: Metrics;
}

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

export function twilioSigned(req: Request, authToken: string, publicBaseUrl: string | undefined, path: string, params: FormParams): boolean {
  const proto = (req as Request & { isSecure(): boolean }).isSecure() ? 'https' : 'http';
  const url = signedUrl(publicBaseUrl, req.url ?? path, `${proto}://${req.headers.host ?? 'localhost'}`, path);
  const header = req.headers['x-twilio-signature'];
  return signatureValid(authToken, Array.isArray(header) ? header[0] : header, url, params);
}

// One call to Twilio's REST API (Messages.json), classified for the queue: sent, retry
// later (429, 5xx, timeout, network) or give up (any other 4xx, or Twilio not configured).
// Our own fetch, not the twilio client: nothing else of the SDK is needed at runtime.
import { postToProvider, retryable, type SendOutcome } from './port';

export interface TwilioTarget {
  /** Base URL, e.g. https://api.twilio.com (tests point it at a local stand-in). */
  apiUrl: string;
  accountSid: string;
  authToken: string;
  /** Sender number; ignored when messagingServiceSid is set. */
  from: string;
  messagingServiceSid: string;
}

export function twilioConfigured(t: TwilioTarget): boolean {
  return Boolean(t.accountSid && t.authToken && (t.messagingServiceSid || t.from));
}

export function messagesUrl(t: TwilioTarget): string {
  return `${t.apiUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(t.accountSid)}/Messages.json`;
}

export async function postMessage(
  target: TwilioTarget, to: string, body: string, timeoutMs: number, fetchImpl: typeof fetch = fetch,
): Promise<SendOutcome> {
  if (!twilioConfigured(target)) return { ok: false, retry: false, reason: 'twilio-not-configured' };
  const form = new URLSearchParams({ To: to, Body: body });
  if (target.messagingServiceSid) form.set('MessagingServiceSid', target.messagingServiceSid);
  else form.set('From', target.from);
  const posted = await postToProvider<{ sid: unknown; code: unknown }>(messagesUrl(target), {
    headers: { authorization: authHeader(target), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
  }, timeoutMs, fetchImpl);
  if ('unanswered' in posted) return posted.unanswered;
  const { res, payload } = posted;
  if (res.ok) return { ok: true, sid: typeof payload.sid === 'string' ? payload.sid : '' };
  const code = typeof payload.code === 'number' || typeof payload.code === 'string' ? ` code ${payload.code}` : '';
  return { ok: false, retry: retryable(res.status), status: res.status, reason: `http ${res.status}${code}` };
}

function authHeader(t: TwilioTarget): string {
  return `Basic ${Buffer.from(`${t.accountSid}:${t.authToken}`).toString('base64')}`;
}

/**
 * After a call that got no answer, did Twilio accept that message anyway? Looks at the
 * latest messages to that number (Twilio lists newest first) for the same body created
 * since `sinceMs`. Twilio's Messages API takes no idempotency key: this is how a retry
 * avoids sending a message twice. 'unknown' when the lookup itself fails.
 */
export async function findSent(
  target: TwilioTarget, to: string, body: string, sinceMs: number, timeoutMs: number, fetchImpl: typeof fetch = fetch,
): Promise<'found' | 'absent' | 'unknown'> {
  const query = new URLSearchParams({ To: to, PageSize: '20' });
  try {
    const res = await fetchImpl(`${messagesUrl(target)}?${query}`, {
      headers: { authorization: authHeader(target), accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) return 'unknown';
    const page = (await res.json()) as { messages?: { body?: unknown; date_created?: unknown }[] };
    if (!Array.isArray(page.messages)) return 'unknown';
    const hit = page.messages.some((m) => m.body === body && typeof m.date_created === 'string' && Date.parse(m.date_created) >= sinceMs);
    return hit ? 'found' : 'absent';
  } catch {
    return 'unknown';
  }
}

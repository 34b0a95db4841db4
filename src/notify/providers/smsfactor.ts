// SMSFactor behind the provider port: POST {api}/send with a Bearer token and a JSON body
// (`sms.message.text`, `sms.recipients.gsm[].value` as 33612345678). SMSFactor answers 200
// with `status` 1 when it took the message, a negative status otherwise (-1 authentication,
// -3 no credits left, -5/-6 a bad recipient or text…). Our own fetch: no SDK needed.
import { postToProvider, retryable, type SendOutcome, type SmsPort } from './port';

export interface SmsFactorTarget {
  /** Base URL, e.g. https://api.smsfactor.com (tests point it at a local stand-in). */
  apiUrl: string;
  token: string;
  /** A custom sender; absent: the account's two-way number, which people can answer. */
  sender?: string;
}

/** Statuses worth another try later (SMSFactor's own trouble, a throttle): everything else is final. */
const RETRY_STATUSES = new Set([-99, -8]);

/** "+33612345678" → "33612345678", the form SMSFactor reads and writes. */
export function smsFactorNumber(e164: string): string {
  return e164.replace(/^\+/, '');
}

export function smsFactorPort(target: SmsFactorTarget): SmsPort {
  const url = `${target.apiUrl.replace(/\/+$/, '')}/send`;
  return {
    name: 'smsfactor',
    configured: () => Boolean(target.token),
    async post(to, body, timeoutMs, fetchImpl = fetch): Promise<SendOutcome> {
      if (!target.token) return { ok: false, retry: false, reason: 'smsfactor-not-configured' };
      const message: Record<string, string> = { text: body, pushtype: 'alert' };
      if (target.sender) message.sender = target.sender;
      const posted = await postToProvider<{ status: unknown; ticket: unknown }>(url, {
        headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ sms: { message, recipients: { gsm: [{ value: smsFactorNumber(to) }] } } }),
      }, timeoutMs, fetchImpl);
      if ('unanswered' in posted) return posted.unanswered;
      const { res, payload } = posted;
      if (!res.ok) return { ok: false, retry: retryable(res.status), status: res.status, reason: `http ${res.status}` };
      const status = Number(payload.status);
      if (status === 1) return { ok: true, sid: payload.ticket === undefined ? '' : String(payload.ticket) };
      return { ok: false, retry: RETRY_STATUSES.has(status), status: res.status, reason: `smsfactor status ${Number.isFinite(status) ? status : 'missing'}` };
    },
    // SMSFactor has no list of sent messages to look into: send again.
    findSent: async () => 'absent',
  };
}

// HTTP client of the load generator: keep-alive node:http (cheaper than fetch on a shared
// 2-core machine, and the same for the baseline and the product), one turn = one POST.
import crypto from 'node:crypto';
import http from 'node:http';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';

export const AUTH_TOKEN = 'f3c1a2b4c5d6e7f8a9b0c1d2e3f4a5b6';
export const PUBLIC_BASE = 'https://bot.les-connectes.example';
export const BOT_NUMBER = '+33939000000';
export const ACCOUNT_SID = `AC${'0'.repeat(32)}`;

/** Environment of a booking server that accepts signed SMS webhooks. */
export const SMS_ENV = { TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL: PUBLIC_BASE, TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_FROM: BOT_NUMBER };

export interface TurnResult { status: number; texts: string[]; ms: number; raw: string }

let agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
export function setMaxSockets(n: number): void { agent = new http.Agent({ keepAlive: true, maxSockets: n }); }

function post(base: string, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; raw: string; ms: number }> {
  const url = new URL(path, base);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, raw: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

let seq = 0;
/** One Bot Framework activity with deliveryMode expectReplies: the replies come back in the body. */
export async function sayWeb(base: string, conversationId: string, text: string): Promise<TurnResult> {
  seq += 1;
  const activity = {
    type: 'message', id: `b${process.pid}-${seq}`, text, channelId: 'webchat', locale: 'fr-FR',
    serviceUrl: 'http://127.0.0.1', deliveryMode: 'expectReplies',
    from: { id: `user-${conversationId}` }, recipient: { id: 'bot' }, conversation: { id: conversationId },
  };
  const r = await post(base, '/api/messages', { 'content-type': 'application/json' }, JSON.stringify(activity));
  let texts: string[] = [];
  if (r.status === 200) {
    try { texts = ((JSON.parse(r.raw) as { activities?: { text?: string }[] }).activities ?? []).map((a) => a.text ?? '').filter(Boolean); } catch { /* counted as an error */ }
  }
  return { ...r, texts };
}

export function fromTwiml(xml: string): string[] {
  return [...xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => m[1]
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
}

/** One inbound SMS the way Twilio posts it: form-encoded, X-Twilio-Signature over the public URL. */
export async function saySms(base: string, from: string, text: string): Promise<TurnResult> {
  const params = { ToCountry: 'FR', SmsStatus: 'received', From: from, To: BOT_NUMBER, Body: text,
    MessageSid: `SM${crypto.randomBytes(16).toString('hex')}`, NumMedia: '0', AccountSid: ACCOUNT_SID };
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE}/api/sms`, params),
  };
  const r = await post(base, '/api/sms', headers, new URLSearchParams(params).toString());
  return { ...r, texts: r.status === 200 ? fromTwiml(r.raw) : [] };
}

/** One request of a phone call the way Twilio Voice posts it (signed), answered with TwiML. */
export async function sayVoice(base: string, params: Record<string, string>): Promise<TurnResult> {
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_BASE}/api/voice`, params),
  };
  const r = await post(base, '/api/voice', headers, new URLSearchParams(params).toString());
  const says = [...r.raw.matchAll(/<Say language="fr-FR">([\s\S]*?)<\/Say>/g)].map((m) => m[1]
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
  return { ...r, texts: says };
}

/** A reply posted to the SMSFactor webhook ("MO"), as SMSFactor does: form fields, the secret in the path. */
export async function saySmsFactor(base: string, secret: string, from: string, text: string): Promise<{ status: number; ms: number }> {
  const body = new URLSearchParams({ number: from.replace(/^\+/, ''), message: text, id: crypto.randomBytes(8).toString('hex') }).toString();
  return post(base, `/api/smsfactor/${secret}/mo`, { 'content-type': 'application/x-www-form-urlencoded' }, body);
}

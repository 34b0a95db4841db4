// Talks to POST /api/sms like Twilio does: form-encoded, signed with the twilio package.
import crypto from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { startApp, type Running } from '../e2e/http';
import type { AppOverrides } from '../../src/app';
import { segments } from '../../src/sms-text/gsm7';
import { parsePhone } from '../../src/language/phone';
import { REF_CODE_PATTERN } from '../../src/booking/refcode';

export const AUTH_TOKEN = 'f3c1a2b4c5d6e7f8a9b0c1d2e3f4a5b6';
/** The public URL Twilio is configured with; the tests reach the app on 127.0.0.1. */
export const PUBLIC_BASE = 'https://bot.les-connectes.example';
export const BOT_NUMBER = '+33939000000';

export async function startSmsApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<Running> {
  return startApp({
    TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL: PUBLIC_BASE, TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_FROM: BOT_NUMBER,
    ...env,
  }, { outbound: { backoffMs: 20, requestTimeoutMs: 300 }, ...overrides });
}

export function fromXml(xml: string): string[] {
  return [...xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) => m[1]
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
}

export const newSid = () => `SM${crypto.randomBytes(16).toString('hex')}`;

export interface Posted { status: number; contentType: string; raw: string; bodies: string[] }

export async function postSms(run: Running, params: Record<string, string>, opts: { sign?: 'good' | 'wrong' | 'none'; url?: string } = {}): Promise<Posted> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const sign = opts.sign ?? 'good';
  if (sign !== 'none') {
    const token = sign === 'good' ? AUTH_TOKEN : 'not-the-right-token-0000000000000';
    headers['x-twilio-signature'] = getExpectedTwilioSignature(token, opts.url ?? `${PUBLIC_BASE}/api/sms`, params);
  }
  const res = await fetch(`${run.base}/api/sms`, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  const raw = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', raw, bodies: res.status === 200 ? fromXml(raw) : [] };
}

/** One phone texting the bot; counts every outbound SMS segment it receives. */
export class Phone {
  segments = 0;
  messages: string[] = [];
  constructor(private readonly run: Running, readonly number: string) {}

  async send(text: string, extra: Record<string, string> = {}): Promise<string[]> {
    const r = await postSms(this.run, { ToCountry: 'FR', SmsStatus: 'received', From: this.number, To: BOT_NUMBER, Body: text, MessageSid: newSid(), NumMedia: '0', AccountSid: `AC${'0'.repeat(32)}`, ...extra });
    if (r.status !== 200) throw new Error(`/api/sms answered ${r.status}: ${r.raw}`);
    this.messages.push(...r.bodies);
    this.segments += r.bodies.reduce((n, b) => n + segments(b), 0);
    return r.bodies;
  }
}

export const REF = new RegExp(`(${REF_CODE_PATTERN})`);

/** A random French mobile number in an allocated range (the bot ignores unallocated ones). */
export function randomMobile(): string {
  for (;;) {
    const n = `+336${String(crypto.randomInt(10_000_000, 99_999_999))}`;
    if (parsePhone(n)?.status === 'mobile') return n;
  }
}

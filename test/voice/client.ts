// Talks to POST /api/voice like Twilio Programmable Voice does: form-encoded, signed, one
// request per <Gather> result (SpeechResult or Digits) or per <Redirect> after silence.
import crypto from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks';
import { AUTH_TOKEN, BOT_NUMBER, PUBLIC_BASE } from '../sms/client';

export interface Heard {
  status: number;
  raw: string;
  /** The texts of every <Say>, in order. */
  says: string[];
  gather?: Record<string, string>;
  /** Where Twilio goes when nothing was said (the <Redirect>). */
  redirect?: string;
  dial?: string;
  hangup: boolean;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function parseTwiml(raw: string): Omit<Heard, 'status' | 'raw'> {
  const gatherAttrs = /<Gather ([^>]*)>/.exec(raw)?.[1];
  const gather = gatherAttrs ? Object.fromEntries([...gatherAttrs.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], unescape(m[2])])) : undefined;
  return {
    says: [...raw.matchAll(/<Say language="fr-FR">([\s\S]*?)<\/Say>/g)].map((m) => unescape(m[1])),
    gather,
    redirect: /<Redirect method="POST">([^<]*)<\/Redirect>/.exec(raw)?.[1],
    dial: /<Dial[^>]*>([^<]*)<\/Dial>/.exec(raw)?.[1],
    hangup: raw.includes('<Hangup/>'),
  };
}

/** Where the app listens and the auth token Twilio signs with. */
export interface VoiceTarget { base: string; authToken?: string }

export async function postVoice(run: VoiceTarget, path: string, params: Record<string, string>, opts: { sign?: 'good' | 'wrong' | 'none'; headers?: Record<string, string> } = {}): Promise<Heard> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers };
  const sign = opts.sign ?? 'good';
  if (sign !== 'none') headers['x-twilio-signature'] = getExpectedTwilioSignature(sign === 'good' ? run.authToken ?? AUTH_TOKEN : 'wrong-token-000000000000000000000', `${PUBLIC_BASE}${path}`, params);
  const res = await fetch(`${run.base}${path}`, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  const raw = await res.text();
  return { status: res.status, raw, ...(res.status === 200 ? parseTwiml(raw) : { says: [], hangup: false }) };
}

/** One phone call to the bot; keeps a transcript ("Bot: …" / "Appelant: …"). */
export class Call {
  readonly sid = `CA${crypto.randomBytes(16).toString('hex')}`;
  readonly transcript: string[] = [];
  last?: Heard;
  constructor(private readonly run: VoiceTarget, readonly from: string) {}

  private async post(path: string, extra: Record<string, string>): Promise<Heard> {
    const h = await postVoice(this.run, path, {
      AccountSid: `AC${'0'.repeat(32)}`, ApiVersion: '2010-04-01', CallSid: this.sid, From: this.from, To: BOT_NUMBER,
      CallStatus: 'in-progress', Direction: 'inbound', ...extra,
    }, { headers: { 'i-twilio-idempotency-token': crypto.randomUUID() } });
    if (h.status !== 200) throw new Error(`/api/voice answered ${h.status}: ${h.raw}`);
    for (const s of h.says) this.transcript.push(`Bot : ${s}`);
    if (h.dial) this.transcript.push(`(transfert vers ${h.dial})`);
    if (h.hangup) this.transcript.push('(fin de l’appel)');
    this.last = h;
    return h;
  }

  start(): Promise<Heard> { return this.post('/api/voice', { CallStatus: 'ringing' }); }

  say(speech: string, confidence = 0.9): Promise<Heard> {
    this.transcript.push(`Appelant : ${speech}`);
    return this.post(this.last?.gather?.action ?? '/api/voice', { SpeechResult: speech, Confidence: String(confidence) });
  }

  press(digits: string): Promise<Heard> {
    this.transcript.push(`Appelant : (touche ${digits})`);
    return this.post(this.last?.gather?.action ?? '/api/voice', { Digits: digits });
  }

  /** Nothing said: Twilio follows the <Redirect> after the <Gather>. */
  silence(): Promise<Heard> {
    this.transcript.push('Appelant : (silence)');
    if (!this.last?.redirect) throw new Error('no redirect to follow');
    return this.post(this.last.redirect, {});
  }
}

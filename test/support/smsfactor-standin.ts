// A local stand-in for SMSFactor's REST API (POST /send, JSON, Bearer token): records the
// messages it accepts ({status: 1, ticket}) and can be told to fail (500), refuse the token
// (status -1), run out of credits (status -3) or hang (never answer) — then recover.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type SmsFactorMode = 'ok' | 'fail' | 'credits' | 'hang';

export interface SmsFactorMessage { ticket: string; to: string; text: string; sender?: string; at: number }

export interface SmsFactorStandin {
  url: string;
  token: string;
  messages: SmsFactorMessage[];
  setMode(mode: SmsFactorMode): void;
  /** Messages to one number (E.164), in order. */
  to(number: string): SmsFactorMessage[];
  waitFor(check: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface SendBody { sms?: { message?: { text?: unknown; sender?: unknown }; recipients?: { gsm?: { value?: unknown }[] } } }

export async function startSmsFactorStandin(opts: { token?: string } = {}): Promise<SmsFactorStandin> {
  const token = opts.token ?? crypto.randomBytes(24).toString('hex');
  const messages: SmsFactorMessage[] = [];
  let mode: SmsFactorMode = 'ok';
  const answer = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url !== '/send' || req.method !== 'POST') return answer(res, 404, { status: -99, message: 'Not found' });
      if (mode === 'hang') return;
      if (mode === 'fail') return answer(res, 500, { status: -99, message: 'Internal error' });
      // SMSFactor answers 200 with a negative status for a refused request.
      if (req.headers.authorization !== `Bearer ${token}`) return answer(res, 200, { status: -1, message: 'Authentication error' });
      if (mode === 'credits') return answer(res, 200, { status: -3, message: 'Not enough credits' });
      let body: SendBody;
      try { body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SendBody; } catch { return answer(res, 200, { status: -2, message: 'Invalid JSON' }); }
      const text = body.sms?.message?.text;
      const gsm = body.sms?.recipients?.gsm ?? [];
      if (typeof text !== 'string' || !text) return answer(res, 200, { status: -7, message: 'Empty text' });
      const numbers = gsm.map((g) => String(g.value ?? ''));
      if (!numbers.length || !numbers.every((n) => /^\d{8,15}$/.test(n))) return answer(res, 200, { status: -5, message: 'Invalid recipient' });
      const ticket = String(crypto.randomInt(10_000_000, 99_999_999));
      const sender = typeof body.sms?.message?.sender === 'string' ? body.sms.message.sender : undefined;
      for (const n of numbers) messages.push({ ticket, to: `+${n}`, text, sender, at: Date.now() });
      answer(res, 200, { status: 1, message: 'OK', ticket, cost: numbers.length, credits: 1000 - messages.length, total: numbers.length, sent: numbers.length, blacklisted: 0, duplicated: 0, invalid: 0, npai: 0 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token, messages,
    setMode(m) { mode = m; },
    to: (number) => messages.filter((m) => m.to === number),
    async waitFor(check, timeoutMs = 10_000) {
      const end = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > end) throw new Error('smsfactor stand-in: timed out');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

// A local stand-in for Twilio's REST API (POST /2010-04-01/Accounts/{sid}/Messages.json):
// records the messages it accepts and can be told to fail (500), throttle (429), reject
// (400), hang (never answer), or be slow (accept, then answer too late) — then recover.
// GET on the same path lists the latest messages to a number, newest first, like Twilio.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandinMode = 'ok' | 'fail' | 'throttle' | 'reject' | 'hang' | 'slow';

export interface StandinMessage {
  sid: string;
  to: string;
  from?: string;
  messagingServiceSid?: string;
  body: string;
  at: number;
}

export interface TwilioStandin {
  /** Base URL to use as TWILIO_API_URL. */
  url: string;
  accountSid: string;
  authToken: string;
  /** Messages accepted (201), in order. */
  messages: StandinMessage[];
  /** Every request received, whatever the answer, by mode. */
  requests: StandinMode[];
  setMode(mode: StandinMode): void;
  /** Called after each accepted message (e.g. to start an outage between two parts). */
  onAccepted?: (m: StandinMessage) => void;
  /** Resolves when `count` messages have been accepted. */
  waitForMessages(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves when `count` requests have arrived in total. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function twilioError(res: http.ServerResponse, status: number, code: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`twilio stand-in: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function startTwilioStandin(opts: { accountSid?: string; authToken?: string; slowMs?: number } = {}): Promise<TwilioStandin> {
  const slowMs = opts.slowMs ?? 1_000;
  const accountSid = opts.accountSid ?? `AC${crypto.randomBytes(16).toString('hex')}`;
  const authToken = opts.authToken ?? crypto.randomBytes(16).toString('hex');
  const messages: StandinMessage[] = [];
  const requests: StandinMode[] = [];
  let mode: StandinMode = 'ok';
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const path = `/2010-04-01/Accounts/${accountSid}/Messages.json`;

  // eslint-disable-next-line prefer-const -- assigned once the port is known, used by the handler
  let standin: TwilioStandin;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const current = mode;
      requests.push(current);
      const [reqPath, query = ''] = (req.url ?? '').split('?');
      if (reqPath !== path || (req.method !== 'POST' && req.method !== 'GET')) return twilioError(res, 404, 20404, 'The requested resource was not found');
      if (req.headers.authorization !== expectedAuth) return twilioError(res, 401, 20003, 'Authenticate');
      if (current === 'hang') return; // never answers: the client's timeout must fire
      if (req.method === 'GET') return list(res, new URLSearchParams(query));
      if (current === 'fail') return twilioError(res, 500, 20500, 'Internal Server Error');
      if (current === 'throttle') return twilioError(res, 429, 20429, 'Too Many Requests');
      if (current === 'reject') return twilioError(res, 400, 21211, "The 'To' number is not a valid phone number.");
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To');
      const body = form.get('Body');
      const from = form.get('From') ?? undefined;
      const messagingServiceSid = form.get('MessagingServiceSid') ?? undefined;
      if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
      if (!body) return twilioError(res, 400, 21602, 'Message body is required.');
      if (!from && !messagingServiceSid) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
      const sid = `SM${crypto.randomBytes(16).toString('hex')}`;
      const message = { sid, to, from, messagingServiceSid, body, at: Date.now() };
      messages.push(message);
      standin.onAccepted?.(message);
      const answer = () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify(resource(message)));
      };
      // 'slow': accepted, but the answer comes after the client gave up.
      if (current === 'slow') setTimeout(answer, slowMs).unref(); else answer();
    });
  });

  function resource(m: StandinMessage) {
    return {
      sid: m.sid, account_sid: accountSid, to: m.to, from: m.from ?? null, messaging_service_sid: m.messagingServiceSid ?? null,
      body: m.body, status: 'queued', direction: 'outbound-api', num_segments: '1', api_version: '2010-04-01',
      date_created: new Date(m.at).toUTCString(), uri: `${path.replace('.json', '')}/${m.sid}.json`,
    };
  }

  function list(res: http.ServerResponse, q: URLSearchParams): void {
    const to = q.get('To');
    const size = Math.min(Number(q.get('PageSize') ?? 50) || 50, 1000);
    const found = messages.filter((m) => !to || m.to === to).reverse().slice(0, size);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ messages: found.map(resource), page: 0, page_size: size, first_page_uri: path, next_page_uri: null }));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  standin = {
    url: `http://127.0.0.1:${port}`,
    accountSid, authToken, messages, requests,
    setMode(m) { mode = m; },
    waitForMessages: (count, timeoutMs = 10_000) => until(() => messages.length >= count, timeoutMs, `${count} messages`),
    waitForRequests: (count, timeoutMs = 10_000) => until(() => requests.length >= count, timeoutMs, `${count} requests`),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return standin;
}

// Access control, validation and CORS of the Direct Line subset and the widget token.
import { startApp, type Running } from '../e2e/http';
import { signToken, verifyToken, bearer } from '../../src/channels/directline/token';

const SECRET = 'z'.repeat(40);
const PARTNER = 'https://partenaire.example';
let run: Running;
beforeAll(async () => { run = await startApp({ WIDGET_TOKEN_SECRET: SECRET, ALLOWED_ORIGINS: PARTNER }); });
afterAll(async () => { await run.app.close(); });

const DL = () => `${run.base}/v3/directline`;
const json = { 'content-type': 'application/json' };

async function conversation(): Promise<{ token: string; conversationId: string }> {
  const grant = await (await fetch(`${run.base}/api/widget/token`, { method: 'POST' })).json() as { token: string };
  const res = await fetch(`${DL()}/conversations`, { method: 'POST', headers: { ...json, Authorization: `Bearer ${grant.token}` }, body: '{}' });
  expect(res.status).toBe(201);
  return res.json() as never;
}

function post(id: string, token: string | undefined, body: unknown, headers: Record<string, string> = json) {
  return fetch(`${DL()}/conversations/${id}/activities`, {
    method: 'POST', headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('tokens', () => {
  it('signs, verifies and refuses tampering, expiry and the wrong kind', () => {
    const tok = signToken(SECRET, { kind: 'dl', conversationId: 'dl-aaaaaaaaaaaaaaaa', userId: 'u', exp: 2000 });
    expect(verifyToken(SECRET, tok, 'dl', 1_000_000)).toMatchObject({ ok: true, claims: { conversationId: 'dl-aaaaaaaaaaaaaaaa' } });
    expect(verifyToken(SECRET, tok, 'dl', 2_000_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken(SECRET, tok, 'ics', 1_000_000)).toEqual({ ok: false, reason: 'wrong-kind' });
    expect(verifyToken('w'.repeat(40), tok, 'dl', 1_000_000)).toEqual({ ok: false, reason: 'bad-signature' });
    const [v, , sig] = tok.split('.');
    const forged = Buffer.from(JSON.stringify({ kind: 'dl', conversationId: 'dl-bbbbbbbbbbbbbbbb', exp: 2000 })).toString('base64url');
    expect(verifyToken(SECRET, `${v}.${forged}.${sig}`, 'dl', 1_000_000)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyToken(SECRET, 'garbage', 'dl', 0)).toEqual({ ok: false, reason: 'malformed' });
    expect(bearer('Bearer undefined')).toBeUndefined();
    expect(bearer('Bearer abc')).toBe('abc');
  });
});

describe('conversation access', () => {
  it('a token for conversation A cannot read or write conversation B (403)', async () => {
    const a = await conversation();
    const b = await conversation();
    const read = await fetch(`${DL()}/conversations/${b.conversationId}/activities`, { headers: { Authorization: `Bearer ${a.token}` } });
    expect(read.status).toBe(403);
    expect(await read.json()).toMatchObject({ error: { code: 'Forbidden' } });
    const write = await post(b.conversationId, a.token, { type: 'message', text: 'bonjour' });
    expect(write.status).toBe(403);
    const reconnect = await fetch(`${DL()}/conversations/${b.conversationId}`, { headers: { Authorization: `Bearer ${a.token}` } });
    expect(reconnect.status).toBe(403);
    // B's log is untouched: only its greeting.
    const own = await (await fetch(`${DL()}/conversations/${b.conversationId}/activities`, { headers: { Authorization: `Bearer ${b.token}` } })).json() as { activities: unknown[]; watermark: string };
    expect(own.activities).toHaveLength(1);
    expect(own.watermark).toBe('1');
  });

  it('no token → 401, a garbled one → 401, an expired one → 403, all JSON', async () => {
    const a = await conversation();
    const none = await fetch(`${DL()}/conversations/${a.conversationId}/activities`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'Unauthorized' } });
    expect((await fetch(`${DL()}/conversations/${a.conversationId}/activities`, { headers: { Authorization: 'Bearer v1.abc.def' } })).status).toBe(401);
    const expired = signToken(SECRET, { kind: 'dl', conversationId: a.conversationId, userId: 'web_x', exp: Math.floor(Date.now() / 1000) - 1 });
    const late = await post(a.conversationId, expired, { type: 'message', text: 'bonjour' });
    expect(late.status).toBe(403);
    expect(await late.json()).toMatchObject({ error: { code: 'TokenExpired' } });
    expect((await fetch(`${DL()}/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${expired}` } })).status).toBe(403);
  });

  it('refreshes a live token for the same conversation; starts a new conversation without one', async () => {
    const a = await conversation();
    const r = await fetch(`${DL()}/tokens/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${a.token}` } });
    expect(r.status).toBe(200);
    const fresh = await r.json() as { token: string; conversationId: string; expires_in: number };
    expect(fresh.conversationId).toBe(a.conversationId);
    expect(fresh.expires_in).toBe(1800);
    expect((await fetch(`${DL()}/conversations/${a.conversationId}/activities?watermark=1`, { headers: { Authorization: `Bearer ${fresh.token}` } })).status).toBe(200);

    const anon = await fetch(`${DL()}/conversations`, { method: 'POST', headers: { Authorization: 'Bearer undefined' } });
    expect(anon.status).toBe(201);
    const started = await anon.json() as { conversationId: string; token: string };
    expect(started.conversationId).not.toBe(a.conversationId);
    const greet = await (await fetch(`${DL()}/conversations/${started.conversationId}/activities`, { headers: { Authorization: `Bearer ${started.token}` } })).json() as { activities: { text: string }[] };
    expect(greet.activities[0].text).toMatch(/Bonjour/);
  });

  it('starting the same conversation twice greets once; watermarks page through the log', async () => {
    const a = await conversation();
    await fetch(`${DL()}/conversations`, { method: 'POST', headers: { ...json, Authorization: `Bearer ${a.token}` }, body: '{}' });
    const auth = { Authorization: `Bearer ${a.token}` };
    const res = await post(a.conversationId, a.token, { type: 'message', text: 'aide', channelData: { clientActivityID: 'c1' } });
    const { id } = await res.json() as { id: string };
    const all = await (await fetch(`${DL()}/conversations/${a.conversationId}/activities`, { headers: auth })).json() as { activities: { id: string; replyToId?: string; channelData?: { clientActivityID?: string } }[]; watermark: string };
    expect(all.activities.filter((x) => !x.replyToId && x.id !== id)).toHaveLength(1); // one greeting
    expect(all.activities[1]).toMatchObject({ id, channelData: { clientActivityID: 'c1' }, from: { role: 'user' } });
    const later = await (await fetch(`${DL()}/conversations/${a.conversationId}/activities?watermark=${all.watermark}`, { headers: auth })).json() as { activities: unknown[]; watermark: string };
    expect(later).toEqual({ activities: [], watermark: all.watermark });

    // A message from outside a turn (a coordinator's decision) shows up at the next poll.
    await run.app.postToConversation(a.conversationId, { type: 'message', text: 'Votre rendez-vous est confirmé.' });
    const pushed = await (await fetch(`${DL()}/conversations/${a.conversationId}/activities?watermark=${all.watermark}`, { headers: auth })).json() as { activities: { text: string; from: { role: string } }[] };
    expect(pushed.activities).toHaveLength(1);
    expect(pushed.activities[0]).toMatchObject({ text: 'Votre rendez-vous est confirmé.', from: { role: 'bot' } });
  });
});

describe('validation', () => {
  it('answers 400 JSON naming the field', async () => {
    const a = await conversation();
    const cases: [unknown, string][] = [
      [{ type: 'message', text: 'x'.repeat(2001) }, 'text'],
      [{ type: 'invoke', text: 'bonjour' }, 'type'],
      [{ text: 'bonjour' }, 'type'],
      [{ type: 'message', text: 42 }, 'text'],
      [{ type: 'message', text: 'photo', attachments: [{ contentType: 'image/png', contentUrl: 'x' }] }, 'attachments'],
      [[1, 2], '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await post(a.conversationId, a.token, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'BadArgument', field } });
    }
    const notJson = await post(a.conversationId, a.token, 'text=bonjour', { 'content-type': 'text/plain' });
    expect(notJson.status).toBe(400);
    const watermark = await fetch(`${DL()}/conversations/${a.conversationId}/activities?watermark=abc`, { headers: { Authorization: `Bearer ${a.token}` } });
    expect(watermark.status).toBe(400);
    expect(await watermark.json()).toMatchObject({ error: { field: 'watermark' } });
    const badId = await fetch(`${DL()}/conversations/nope/activities`, { headers: { Authorization: `Bearer ${a.token}` } });
    expect(badId.status).toBe(400);
    const big = await post(a.conversationId, a.token, { type: 'message', text: 'a', channelData: { pad: 'x'.repeat(70 * 1024) } });
    expect(big.status).toBe(413);
  });
});

describe('CORS', () => {
  const preflight = (origin: string, headers = 'authorization,content-type,x-ms-bot-agent') =>
    fetch(`${DL()}/conversations`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': headers } });

  it('allows the listed origin with Authorization, Content-Type and x-ms-bot-agent', async () => {
    const res = await preflight(PARTNER);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(PARTNER);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/x-ms-bot-agent/);
    const token = await fetch(`${run.base}/api/widget/token`, { method: 'POST', headers: { Origin: PARTNER } });
    expect(token.status).toBe(200);
    expect(token.headers.get('access-control-allow-origin')).toBe(PARTNER);
  });

  it('refuses other origins and unexpected headers', async () => {
    const res = await preflight('https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(PARTNER, 'authorization,x-evil')).status).toBe(403);
    const token = await fetch(`${run.base}/api/widget/token`, { method: 'POST', headers: { Origin: 'https://evil.example' } });
    expect(token.status).toBe(403);
    expect(await token.json()).toMatchObject({ error: { code: 'Forbidden' } });
  });

  it('the widget page itself (same origin) gets tokens', async () => {
    const res = await fetch(`${run.base}/api/widget/token`, { method: 'POST', headers: { Origin: run.base } });
    expect(res.status).toBe(200);
  });
});

describe('widget files', () => {
  it('serves the page in French, the bundle gzipped with a year of cache, and the embed', async () => {
    const page = await fetch(`${run.base}/widget`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<html lang="fr">/);
    expect(page.headers.get('content-security-policy')).toMatch(`frame-ancestors 'self' ${PARTNER}`);
    const src = /src="(\/widget\/webchat-minimal\.[0-9a-f]{12}\.js)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const raw = await fetch(`${run.base}${src}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(raw.headers.get('content-encoding')).toBe('gzip');
    const embed = await fetch(`${run.base}/widget.js`);
    expect(embed.headers.get('content-type')).toMatch(/javascript/);
    expect(await embed.text()).toContain('Prendre rendez-vous');
    expect((await fetch(`${run.base}/widget/stats.json`)).status).toBe(404);
  });
});

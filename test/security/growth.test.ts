// Issue 9 item 6: what an anonymous caller can make the server keep is bounded — metric
// series (closed label set), new web chat conversations per client address, and how long
// anonymous conversation state lives.
import Redis from 'ioredis';
import { startApp, type Running } from '../e2e/http';
import { testRedisUrl } from '../support/redis';
import { Phone, startSmsApp, randomMobile } from '../sms/client';
import { ANON_DOC_TTL_MS, DEFAULT_DOC_TTL_MS, WEB_DOC_TTL_MS } from '../../src/store/ttl';

let redis: Redis;
beforeAll(() => { redis = new Redis(testRedisUrl(), { lazyConnect: false }); });
afterAll(async () => { await redis.quit(); });

let seq = 0;
const anon = (run: Running, channelId: string, conv: string, text = 'bonjour') => fetch(`${run.base}/api/messages`, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ type: 'message', id: `g${++seq}`, text, channelId, deliveryMode: 'expectReplies', serviceUrl: 'https://x.example', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: conv } }),
}).then((r) => r.status);

async function ttlOf(prefix: string, pattern: string): Promise<number[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}${pattern}`, 'COUNT', 1000);
    cursor = next; keys.push(...batch);
  } while (cursor !== '0');
  return Promise.all(keys.filter((k) => !/:lock$|:fence$/.test(k)).map((k) => redis.pttl(k)));
}

describe('metrics', () => {
  it('200 made-up channelIds add no new series', async () => {
    const run = await startApp();
    try {
      for (let i = 0; i < 200; i++) expect(await anon(run, `made-up-${i}`, `m-${i}`)).toBe(200);
      const text = await (await fetch(`${run.base}/metrics`)).text();
      const channels = new Set([...text.matchAll(/^cx_turns_total\{channel="([^"]*)"\}/gm)].map((m) => m[1]));
      expect([...channels].sort()).toEqual(['other']);
      expect(text).not.toMatch(/made-up/);
    } finally { await run.app.close(); }
  });
});

describe('new web chat conversations per client address', () => {
  it('the 6th new conversation from one address in the window is 429 with Retry-After; XFF only counts from TRUST_PROXY', async () => {
    const plain = await startApp({ DL_NEW_CONVERSATIONS_PER_ADDRESS: '5' });
    const proxied = await startApp({ DL_NEW_CONVERSATIONS_PER_ADDRESS: '5', TRUST_PROXY: 'loopback' });
    try {
      const token = (run: Running, xff?: string) => fetch(`${run.base}/api/widget/token`, { method: 'POST', headers: xff ? { 'x-forwarded-for': xff } : {} });
      const start = (run: Running) => fetch(`${run.base}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      const statuses: number[] = [];
      // Without TRUST_PROXY a forged X-Forwarded-For changes nothing: it is still one address.
      for (let i = 0; i < 3; i++) statuses.push((await token(plain, `198.51.100.${i}`)).status);
      for (let i = 0; i < 2; i++) statuses.push((await start(plain)).status);
      expect(statuses).toEqual([200, 200, 200, 201, 201]);
      const over = await token(plain);
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await start(plain)).status).toBe(429);

      // Behind a trusted proxy, each client behind it has its own count.
      for (let i = 0; i < 5; i++) expect((await token(proxied, '203.0.113.7')).status).toBe(200);
      expect((await token(proxied, '203.0.113.7')).status).toBe(429);
      expect((await token(proxied, '203.0.113.8')).status).toBe(200);
    } finally { await plain.app.close(); await proxied.app.close(); }
  });
});

describe('idle conversation state', () => {
  it('anonymous state expires within hours, web chat within days, SMS keeps the long TTL', async () => {
    const run = await startSmsApp();
    try {
      expect(await anon(run, 'webchat', 'ttl-anon', "j'ai besoin d'aide pour la caf")).toBe(200);
      await new Phone(run, randomMobile()).send("j'ai besoin d'aide pour la caf");
      const tok = (await (await fetch(`${run.base}/api/widget/token`, { method: 'POST' })).json()) as { token: string; conversationId: string };
      await fetch(`${run.base}/v3/directline/conversations/${tok.conversationId}/activities`, {
        method: 'POST', headers: { authorization: `Bearer ${tok.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: "j'ai besoin d'aide pour la caf", from: { id: 'u' } }),
      });
      const anonTtl = await ttlOf(run.prefix, '{doc:state:anon/*');
      const webTtl = await ttlOf(run.prefix, '{doc:state:webchat/*');
      const smsTtl = await ttlOf(run.prefix, '{doc:state:sms/*');
      expect(anonTtl.length).toBe(1);
      expect(webTtl.length).toBe(1);
      expect(smsTtl.length).toBe(1);
      expect(anonTtl[0]).toBeGreaterThan(0);
      expect(anonTtl[0]).toBeLessThanOrEqual(ANON_DOC_TTL_MS);
      expect(webTtl[0]).toBeLessThanOrEqual(WEB_DOC_TTL_MS);
      expect(webTtl[0]).toBeGreaterThan(ANON_DOC_TTL_MS);
      expect(smsTtl[0]).toBeGreaterThan(WEB_DOC_TTL_MS);
      expect(smsTtl[0]).toBeLessThanOrEqual(DEFAULT_DOC_TTL_MS);
    } finally { await run.app.close(); }
  });
});

// Issue 9 item 7: while Redis is down (hung or crashed) the coordinator API answers 503 with
// Retry-After and our JSON shape — never a 500 carrying "Command timed out" — and recovers.
import { createRedisStore } from '../../src/store';
import { testPrefix } from '../support/redis';
import { addCoordinator, book } from '../coordinator/helpers';
import { startNode, startOwnRedis, sleep, type OwnRedis } from './support';
import type { Running } from '../e2e/http';

jest.setTimeout(60_000);

let redis: OwnRedis;
let run: Running;
beforeAll(async () => {
  redis = await startOwnRedis({ appendonly: true });
  const prefix = testPrefix('coord-outage');
  run = await startNode(redis.url, prefix, {}, { store: await createRedisStore(redis.url, prefix, { commandTimeoutMs: 800 }) });
});
afterAll(async () => {
  redis.resume();
  await run.app.close();
  await redis.close();
});

const INTERNAL = /timed out|Redis|ioredis|Connection is closed|Stream|Error:|at \w+ \(/i;

async function call(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${run.base}/api/coordinator${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
}

async function untilUp(token: string) {
  const end = Date.now() + 20_000;
  while (Date.now() < end) {
    if ((await call(token, 'GET', '/bookings?status=pending').catch(() => ({ status: 0 }))).status === 200) return;
    await sleep(100);
  }
  throw new Error('coordinator API did not come back');
}

it.each([['hangs (SIGSTOP)', 'pause'], ['crashes (kill -9)', 'crash']] as const)('Redis %s: every coordinator route answers 503 + Retry-After, no internal message', async (_l, how) => {
  const { token } = await addCoordinator(run.app);
  const booking = await book(run.app);
  expect((await call(token, 'GET', '/bookings?status=pending')).status).toBe(200);

  if (how === 'pause') redis.pause(); else await redis.crash();
  try {
    const routes: [string, string, unknown?][] = [
      ['GET', '/bookings?status=pending'],
      ['GET', `/bookings/${booking.ref}`],
      ['POST', `/bookings/${booking.ref}/confirm`, {}],
      ['POST', `/bookings/${booking.ref}/decline`, { reason: 'fermé' }],
      ['GET', '/export.csv'],
      ['GET', '/workshops'],
    ];
    for (const [method, path, body] of routes) {
      const r = await call(token, method, path, body);
      expect([method, path, r.status]).toEqual([method, path, 503]);
      expect(r.retryAfter).toMatch(/^\d+$/);
      expect(r.text).not.toMatch(INTERNAL);
      expect(JSON.parse(r.text)).toEqual({ error: { code: 'ServiceUnavailable', message: expect.any(String) } });
    }
  } finally {
    if (how === 'pause') redis.resume(); else await redis.start();
  }
  await untilUp(token);
  expect((await call(token, 'POST', `/bookings/${booking.ref}/confirm`, {})).status).toBe(200);
});

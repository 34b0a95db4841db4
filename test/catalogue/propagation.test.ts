// Two real server processes (npm start's entry, spawned) on one Redis: a change made through
// the coordinator API of one is used by the other within 10 s, without restart. The measured
// time is printed (CATALOGUE_REFRESH_MS left at its default).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Accounts } from '../../src/coordinator/accounts';
import { RedisStore } from '../../src/store/redis';
import Redis from 'ioredis';
import { freePort } from '../support/net';
import { testPrefix, testRedisUrl } from '../support/redis';
import { deletePrefix } from '../store/redis-helpers';

jest.setTimeout(120_000);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Proc { child: ChildProcess; base: string; log: string[] }

async function startServer(prefix: string): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'index.ts')], {
    cwd: path.join(__dirname, '..', '..'),
    env: { ...process.env, NODE_ENV: 'test', PORT: String(port), REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, LOG_LEVEL: 'warn', CATALOGUE_REFRESH_MS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${log.join('')}`);
    try { if ((await fetch(`${base}/healthz`)).status === 200) return { child, base, log }; } catch { /* not yet */ }
    await sleep(100);
  }
  throw new Error(`server did not start: ${log.join('')}`);
}

let prefix: string;
let procs: Proc[] = [];
let token: string;
beforeAll(async () => {
  prefix = testPrefix('propagation');
  // One after the other: the first seeds the empty store, the second finds it.
  procs.push(await startServer(prefix));
  procs.push(await startServer(prefix));
  const store = new RedisStore(new Redis(testRedisUrl()), prefix);
  token = (await new Accounts(store.records).add({ name: 'Coordination 44', territory: '44' })).token;
  await store.close();
});
afterAll(async () => {
  await Promise.all(procs.map((p) => new Promise<void>((resolve) => {
    if (p.child.exitCode !== null) { resolve(); return; }
    p.child.once('exit', () => resolve());
    p.child.kill('SIGTERM');
  })));
  procs = [];
  await deletePrefix(prefix);
});

const call = (base: string, method: string, p: string, body?: unknown) => fetch(`${base}/api/coordinator${p}`, {
  method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}),
});

it('a volunteer added through process A is proposed by process B within 10 s', async () => {
  const [a, b] = procs;
  const site = 'clisson-mediatheque';
  const slotsOnB = async () => ((await (await call(b.base, 'GET', `/sites/${site}/slots`)).json()) as { slots: Array<{ volunteerId: string }> }).slots;
  expect((await slotsOnB()).some((s) => s.volunteerId === 'vol-propagation')).toBe(false);
  const put = await call(a.base, 'PUT', '/volunteers/vol-propagation', {
    firstName: 'Noé', topics: ['caf'], homeVisits: false, homeVisitRadiusKm: 0,
    availability: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((weekday) => ({ site, weekday, from: '08:00', to: '09:00' })),
  });
  expect(put.status).toBe(201);
  const t0 = Date.now();
  let seen = false;
  while (!seen && Date.now() - t0 < 10_000) {
    seen = (await slotsOnB()).some((s) => s.volunteerId === 'vol-propagation');
    if (!seen) await sleep(50);
  }
  const ms = Date.now() - t0;
  console.log(`catalogue change used by the second process after ${ms} ms`);
  expect(seen).toBe(true);
  expect(ms).toBeLessThan(10_000);

  // And an absence recorded on B hides those slots on A.
  const day = ((await slotsOnB()).find((s) => s.volunteerId === 'vol-propagation') as unknown as { start: string }).start.slice(0, 10);
  const abs = await call(b.base, 'POST', '/absences', { volunteerId: 'vol-propagation', from: day, to: day, reason: 'congé' });
  expect(abs.status).toBe(201);
  const t1 = Date.now();
  let hidden = false;
  while (!hidden && Date.now() - t1 < 10_000) {
    const onA = ((await (await call(a.base, 'GET', `/sites/${site}/slots`)).json()) as { slots: Array<{ volunteerId: string; start: string }> }).slots;
    hidden = !onA.some((s) => s.volunteerId === 'vol-propagation' && s.start.startsWith(day));
    if (!hidden) await sleep(50);
  }
  console.log(`absence used by the first process after ${Date.now() - t1} ms`);
  expect(hidden).toBe(true);
});

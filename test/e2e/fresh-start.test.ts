// What a newcomer meets: GET / links to the web chat and the coordinators' page, and with the
// in-memory store a demo coordinator token (printed at start-up) signs in.
import type { AddressInfo } from 'node:net';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { Accounts } from '../../src/coordinator/accounts';
import { silentLogger } from '../../src/log';
import { MemoryStore } from '../../src/store/memory';
import { demoCoordinators, startupLines } from '../../src/startup';
import { startApp, type Running } from './http';

describe('a fresh start', () => {
  let app: App;
  let base: string;

  beforeAll(async () => {
    // No REDIS_URL: the in-memory store, as `npm start` on a new machine.
    app = await createApp(loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent' }), { logger: silentLogger });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('GET / is a page linking to /widget and /coordinator', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const body = await res.text();
    expect(body).toContain('href="/widget"');
    expect(body).toContain('href="/coordinator"');
    expect(body).toMatch(/<html lang="fr">/);
  });

  it('prints the addresses to open', () => {
    expect(startupLines('http://localhost:3978').join('\n')).toMatch(/http:\/\/localhost:3978\/widget[\s\S]*http:\/\/localhost:3978\/coordinator/);
  });

  it('creates one demo coordinator per territory with the in-memory store, whose token signs in', async () => {
    expect(app.store.kind).toBe('memory');
    const demo = await demoCoordinators(app.store, app.catalogue, 'development');
    expect(demo.map((d) => d.territory).sort()).toEqual([...app.catalogue.territories.keys()].sort());
    const res = await fetch(`${base}/api/coordinator/bookings`, { headers: { Authorization: `Bearer ${demo[0].token}` } });
    expect(res.status).toBe(200);
    const login = await fetch(`${base}/coordinator/login`, {
      method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(demo[0].token)}`,
    });
    expect(login.status).toBe(303);
  });

  it('creates none in production, nor with Redis', async () => {
    const memory = new MemoryStore();
    expect(await demoCoordinators(memory, app.catalogue, 'production')).toEqual([]);
    expect(await new Accounts(memory.records).list()).toEqual([]);
    const redis: Running = await startApp();
    try {
      expect(await demoCoordinators(redis.app.store, redis.app.catalogue, 'development')).toEqual([]);
    } finally {
      await redis.app.close();
    }
  });
});

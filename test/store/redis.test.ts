import Redis from 'ioredis';
import { RedisStore } from '../../src/store/redis';
import { LockLostError } from '../../src/store/errors';
import { testRedisUrl } from '../support/redis';
import { storeContract } from './contract';
import { cleanRedisStore, makeRedisStore } from './redis-helpers';

storeContract('RedisStore', () => makeRedisStore('contract'), cleanRedisStore);

describe('RedisStore withLockedDoc fencing', () => {
  it('refuses the write of a turn whose lock was taken over, and keeps the new owner\'s write', async () => {
    const a = await makeRedisStore('fence');
    const b = new RedisStore(new Redis(testRedisUrl()), a.prefix);
    const raw = new Redis(testRedisUrl());
    try {
      await a.documents.write({ conv: { value: 'v0' } });
      const outcome = a.documents.withLockedDoc('conv', async (turn) => {
        // The lock vanishes as if it had expired (a process frozen past its TTL); B takes it and writes.
        await raw.del(`${a.prefix}{doc:conv}:lock`);
        const bFence = await b.documents.withLockedDoc('conv', async (t) => { await t.saveAndRelease('from B', t.doc?.eTag); return t.fencingToken; });
        expect(bFence).toBeGreaterThan(turn.fencingToken);
        await turn.saveAndRelease('from A', turn.doc?.eTag);
      });
      await expect(outcome).rejects.toBeInstanceOf(LockLostError);
      expect((await a.documents.read(['conv'])).conv.value).toBe('from B');
      expect(await a.documents.withLockedDoc('conv', async () => 'free', { waitMs: 200 })).toBe('free');
    } finally {
      await cleanRedisStore(a);
      await Promise.all([a.close(), b.close(), raw.quit()]);
    }
  });

  it('keeps the write of a turn whose lock lapsed while nobody took it (document unchanged)', async () => {
    const a = await makeRedisStore('lapse');
    const raw = new Redis(testRedisUrl());
    try {
      await a.documents.write({ conv: { value: 'v0' } });
      await a.documents.withLockedDoc('conv', async (turn) => {
        await raw.del(`${a.prefix}{doc:conv}:lock`); // expired during a stall, nobody came
        await turn.saveAndRelease('from A', turn.doc?.eTag);
      });
      expect((await a.documents.read(['conv'])).conv.value).toBe('from A');
      // A new document: written only if still absent.
      await a.documents.withLockedDoc('fresh', async (turn) => {
        await raw.del(`${a.prefix}{doc:fresh}:lock`);
        await turn.saveAndRelease('first', turn.doc?.eTag);
      });
      expect((await a.documents.read(['fresh'])).fresh.value).toBe('first');
      await expect(a.documents.withLockedDoc('fresh2', async (turn) => {
        await raw.del(`${a.prefix}{doc:fresh2}:lock`);
        await a.documents.write({ fresh2: { value: 'someone else' } });
        await turn.saveAndRelease('late', turn.doc?.eTag);
      })).rejects.toBeInstanceOf(LockLostError);
      expect((await a.documents.read(['fresh2'])).fresh2.value).toBe('someone else');
    } finally {
      await cleanRedisStore(a);
      await Promise.all([a.close(), raw.quit()]);
    }
  });
});

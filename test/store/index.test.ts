import { createStore, MEMORY_STORE_WARNING } from '../../src/store';
import { maskRedisUrl } from '../../src/store/redis';
import { testRedisUrl } from '../support/redis';

describe('createStore', () => {
  it('without a Redis URL: memory store and exactly one warning', async () => {
    const warnings: string[] = [];
    const store = await createStore({ logger: { warn: (m) => warnings.push(m) } });
    expect(store.kind).toBe('memory');
    expect(warnings).toEqual([MEMORY_STORE_WARNING]);
    expect(warnings[0]).toMatch(/restart/);
    await store.close();
  });

  it('with a Redis URL: Redis store, no warning, ping answers', async () => {
    const warnings: string[] = [];
    const store = await createStore({ redisUrl: testRedisUrl(), prefix: 'cxtest:idx:', logger: { warn: (m) => warnings.push(m) } });
    expect(store.kind).toBe('redis');
    expect(await store.ping()).toBe(true);
    expect(warnings).toEqual([]);
    await store.close();
  });

  it('an unreachable Redis stops start-up with a clear error and no password', async () => {
    await expect(createStore({ redisUrl: 'redis://user:s3cret@127.0.0.1:1' })).rejects.toThrow(/Redis unreachable at redis:\/\/user:\*\*\*@127\.0\.0\.1:1/);
    expect(maskRedisUrl('redis://:pw@host:6379/0')).toBe('redis://:***@host:6379/0');
    expect(maskRedisUrl('redis://host:6379')).toBe('redis://host:6379');
  });
});

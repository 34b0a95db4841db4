// Test-only helpers: a RedisStore under a throw-away prefix, and the clean-up of that prefix.
import Redis from 'ioredis';
import { RedisStore } from '../../src/store/redis';
import type { Store } from '../../src/store/store';
import { testPrefix, testRedisUrl } from '../support/redis';

export async function makeRedisStore(label = 'store'): Promise<RedisStore> {
  return new RedisStore(new Redis(testRedisUrl()), testPrefix(label));
}

/** Deletes every key under the prefix (SCAN in tests only), returns how many. */
export async function deletePrefix(prefix: string): Promise<number> {
  if (!prefix.startsWith('cxtest:')) throw new Error(`refusing to clean a non-test prefix: ${prefix}`);
  const r = new Redis(testRedisUrl());
  let n = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) n += await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    await r.quit();
  }
  return n;
}

export async function cleanRedisStore(store: Store): Promise<void> {
  await deletePrefix((store as RedisStore).prefix);
}

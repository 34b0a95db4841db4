// What the store commands (npm run catalogue | coordinator) share: how they stop, and the
// server's Redis they talk to (the in-memory store of a first try is not shared with anyone).
import { createRedisStore } from '../src/store/redis';
import type { Store } from '../src/store/store';

export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** The server's store, from the same REDIS_URL / REDIS_PREFIX; `why` says why Redis is needed. */
export async function serverStore(why: string): Promise<Store> {
  const redisUrl = process.env.REDIS_URL?.trim();
  if (!redisUrl) fail(`REDIS_URL is not set. ${why}: set REDIS_URL (and REDIS_PREFIX if the server uses one) to the server's Redis.`, 2);
  return createRedisStore(redisUrl, process.env.REDIS_PREFIX?.trim() || 'cx:').catch((err: Error) => fail(err.message, 2));
}

// Store selection: Redis when a URL is configured, else the in-memory store (a first try).
import type { Store } from './store';
import { MemoryStore } from './memory';
import { createRedisStore } from './redis';

export type { Store } from './store';
export { MemoryStore } from './memory';
export { RedisStore, createRedisStore } from './redis';

export interface CreateStoreOptions {
  redisUrl?: string;
  prefix?: string;
  logger?: { warn(msg: string): void };
  /** Replicas a booking must reach before it is acknowledged (REDIS_WAIT_REPLICAS). */
  waitReplicas?: number;
}

export const MEMORY_STORE_WARNING = 'REDIS_URL is not set: using the in-memory store. Bookings and conversations are lost on restart and not shared between processes; set REDIS_URL for production.';

export async function createStore(opts: CreateStoreOptions = {}): Promise<Store> {
  if (opts.redisUrl) return createRedisStore(opts.redisUrl, opts.prefix ?? 'cx:', { waitReplicas: opts.waitReplicas });
  opts.logger?.warn(MEMORY_STORE_WARNING);
  return new MemoryStore();
}

// Store on Redis (ioredis 5, a Redis or a Cluster client): the ports over one connection and
// one key prefix (keys.ts). Each port keeps its Lua scripts beside its code; every script
// touches keys of one hash tag, so the same code runs on Redis Cluster.
import type { Cluster, Redis } from 'ioredis';
import { connectRedis } from './connection';
import { redisKeys } from './keys';
import { RedisBookings, type RedisBookingsOptions } from './redis-bookings';
import { RedisCatalogue } from './redis-catalogue';
import { RedisCounters } from './redis-counters';
import { RedisDocuments } from './redis-documents';
import { RedisLogs } from './redis-logs';
import { RedisRecords } from './redis-records';
import { RedisWorkshops } from './redis-workshops';
import type { Store } from './store';
import { DEFAULT_DOC_TTL_MS } from './ttl';

export { ReplicationError } from './errors';

export interface RedisStoreOptions extends RedisBookingsOptions {
  /** Conversation documents expire this long after their last write (default 30 days). */
  docTtlMs?: number;
  /** A command unanswered this long fails (default COMMAND_TIMEOUT_MS). */
  commandTimeoutMs?: number;
}

/**
 * A command unanswered this long fails (the turn answers the polite notice; /healthz 503).
 * Generous: a process busy for a moment (CPU contention) must not fail healthy commands, and
 * an SMS turn must still answer well within Twilio's 15 s.
 */
export const COMMAND_TIMEOUT_MS = 5_000;

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  readonly bookings: RedisBookings;
  readonly workshops: RedisWorkshops;
  readonly documents: RedisDocuments;
  readonly counters: RedisCounters;
  readonly logs: RedisLogs;
  readonly records: RedisRecords;
  readonly catalogue: RedisCatalogue;

  constructor(private readonly redis: Redis | Cluster, readonly prefix = 'cx:', opts: RedisStoreOptions = {}) {
    const k = redisKeys(prefix);
    this.bookings = new RedisBookings(redis, k, opts);
    // A seat is a booking: found by its ref and phone like any other.
    this.workshops = new RedisWorkshops(redis, k, this.bookings);
    this.documents = new RedisDocuments(redis, k, opts.docTtlMs ?? DEFAULT_DOC_TTL_MS);
    this.counters = new RedisCounters(redis, k);
    this.logs = new RedisLogs(redis, k);
    this.records = new RedisRecords(redis, k);
    this.catalogue = new RedisCatalogue(redis, k);
  }

  async ping(): Promise<boolean> {
    try { return (await this.redis.ping()) === 'PONG'; } catch { return false; }
  }

  async close(): Promise<void> {
    try { await this.redis.quit(); } catch { this.redis.disconnect(); }
  }
}

/** `redis://user:pass@host` → `redis://user:***@host`, for error messages and logs. */
export function maskRedisUrl(url: string): string {
  return url.replace(/(\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

/** Connects first, so that a wrong REDIS_URL stops start-up with one clear error. */
export async function createRedisStore(url: string, prefix = 'cx:', opts: RedisStoreOptions = {}): Promise<RedisStore> {
  // No retries before the first connection (fail fast), automatic reconnects after it.
  let connected = false;
  let lastError: Error | undefined;
  const redis = connectRedis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 3,
    // A hung Redis (stopped, partitioned) keeps the socket open: without a timeout every turn
    // and /healthz would wait forever instead of answering "réessayez" / 503.
    commandTimeout: opts.commandTimeoutMs ?? COMMAND_TIMEOUT_MS,
    disconnectTimeout: 500, // a refused connection must not keep the process alive for 2 s
    // Commands issued in the same event-loop pass (concurrent turns) leave in one socket write:
    // under load, far fewer write syscalls, each of which also wakes the Redis process.
    enableAutoPipelining: true,
    retryStrategy: (times) => (connected ? Math.min(times * 100, 2000) : null),
  });
  redis.on('error', (err: Error) => { lastError = err; }); // commands report their own failures
  try {
    await redis.connect();
    connected = true;
  } catch (err) {
    redis.disconnect();
    throw new Error(`Redis unreachable at ${maskRedisUrl(url)}: ${(lastError ?? (err as Error)).message}`, { cause: err });
  }
  return new RedisStore(redis, prefix, opts);
}

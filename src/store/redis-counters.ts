// Seen marks (SET NX with a TTL), fixed-window counters (INCR, the window set by the first hit)
// and opt-outs (a key per number) on Redis.
import type { Cluster, Redis } from 'ioredis';
import type { CountersPort } from './counters';
import type { RedisKeys } from './keys';

export class RedisCounters implements CountersPort {
  constructor(private readonly redis: Redis | Cluster, private readonly k: RedisKeys) {}

  async firstSeen(key: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(this.k.seen(key), '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }

  async countHit(key: string, windowMs: number): Promise<number> {
    const k = this.k.hits(key);
    // One round trip; NX keeps the window fixed from its first hit.
    const [[, count]] = (await this.redis.multi().incr(k).pexpire(k, Math.max(1, Math.ceil(windowMs)), 'NX').exec()) as [[null, number]];
    return count;
  }

  async hitCount(key: string): Promise<number> {
    return Number(await this.redis.get(this.k.hits(key))) || 0;
  }

  async setOptOut(phone: string, optedOut: boolean): Promise<void> {
    if (optedOut) await this.redis.set(this.k.optOut(phone), '1');
    else await this.redis.del(this.k.optOut(phone));
  }

  async isOptedOut(phone: string): Promise<boolean> {
    return (await this.redis.exists(this.k.optOut(phone))) === 1;
  }
}

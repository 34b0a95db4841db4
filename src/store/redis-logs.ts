// Append-only logs on Redis: one list per log, its TTL moved by every append.
import type { Cluster, Redis } from 'ioredis';
import type { RedisKeys } from './keys';
import type { LogsPort } from './logs';

export class RedisLogs implements LogsPort {
  constructor(private readonly redis: Redis | Cluster, private readonly k: RedisKeys) {}

  async append(key: string, entries: readonly string[], ttlMs: number): Promise<number> {
    const k = this.k.log(key);
    if (entries.length === 0) return this.redis.llen(k);
    const [[, length]] = (await this.redis.multi().rpush(k, ...entries).pexpire(k, Math.max(1, Math.ceil(ttlMs))).exec()) as [[null, number]];
    return length;
  }

  async read(key: string, from: number, max = 1000): Promise<string[]> {
    const start = Math.max(0, Math.floor(from));
    return this.redis.lrange(this.k.log(key), start, start + Math.max(1, max) - 1);
  }
}

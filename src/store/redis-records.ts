// Permanent records on Redis: one hash per namespace (field = record id, value = JSON).
import type { Cluster, Redis } from 'ioredis';
import type { RedisKeys } from './keys';
import type { RecordsPort } from './records';

export class RedisRecords implements RecordsPort {
  constructor(private readonly redis: Redis | Cluster, private readonly k: RedisKeys) {}

  async put(ns: string, id: string, value: unknown): Promise<void> {
    await this.redis.hset(this.k.records(ns), id, JSON.stringify(value ?? null));
  }

  async get(ns: string, id: string): Promise<unknown | null> {
    const json = await this.redis.hget(this.k.records(ns), id);
    return json === null ? null : JSON.parse(json);
  }

  async list(ns: string): Promise<Array<{ id: string; value: unknown }>> {
    const all = await this.redis.hgetall(this.k.records(ns));
    return Object.keys(all).sort().map((id) => ({ id, value: JSON.parse(all[id]) }));
  }

  async delete(ns: string, id: string): Promise<boolean> {
    return (await this.redis.hdel(this.k.records(ns), id)) === 1;
  }
}

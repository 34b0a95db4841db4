// The baseline's botbuilder Storage on Redis: the minimum a bare bot would use — one MGET to
// read, one MSET to write, JSON values, no eTags, no locks.
import type { Storage, StoreItems } from 'botbuilder';
import type Redis from 'ioredis';

export class MinimalRedisStorage implements Storage {
  constructor(private readonly redis: Redis, private readonly prefix = 'echo:') {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const vals = await this.redis.mget(keys.map((k) => this.prefix + k));
    const items: StoreItems = {};
    keys.forEach((k, i) => { if (vals[i] !== null) items[k] = JSON.parse(vals[i]!); });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length) await this.redis.mset(...entries.flatMap(([k, v]) => [this.prefix + k, JSON.stringify(v)]));
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((k) => this.prefix + k));
  }
}

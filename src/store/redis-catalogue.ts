// The catalogue document on Redis: its JSON and its version counter share one hash tag, so
// one MGET reads a consistent pair and one script writes both.
import type { Cluster, Redis } from 'ioredis';
import type { CataloguePort } from './catalogue';
import type { RedisKeys } from './keys';
import { scriptRunner, type RunScript, type ScriptDef } from './scripts';

const SCRIPTS = {
  /** KEYS: doc, version. ARGV: JSON, expected version. → {1, new version} or {0, current version}. */
  catalogueWrite: {
    numberOfKeys: 2,
    lua: `
local v = tonumber(redis.call('GET', KEYS[2]) or '0')
if v ~= tonumber(ARGV[2]) then return {0, v} end
redis.call('SET', KEYS[1], ARGV[1])
return {1, redis.call('INCR', KEYS[2])}`,
  },
} satisfies Record<string, ScriptDef>;

export class RedisCatalogue implements CataloguePort {
  private readonly run: RunScript<keyof typeof SCRIPTS>;

  constructor(private readonly redis: Redis | Cluster, private readonly k: RedisKeys) {
    this.run = scriptRunner(redis, SCRIPTS);
  }

  async version(): Promise<number> {
    return Number(await this.redis.get(this.k.catalogueVersion()) ?? 0);
  }

  async read(): Promise<{ version: number; doc: unknown } | null> {
    const [json, version] = await this.redis.mget(this.k.catalogueDoc(), this.k.catalogueVersion());
    if (json === null || version === null) return null;
    return { version: Number(version), doc: JSON.parse(json) };
  }

  async write(doc: unknown, expectedVersion: number): Promise<{ ok: boolean; version: number }> {
    const [ok, version] = await this.run('catalogueWrite', [this.k.catalogueDoc(), this.k.catalogueVersion()], [JSON.stringify(doc), expectedVersion]) as [number, number];
    return { ok: ok === 1, version: Number(version) };
  }
}

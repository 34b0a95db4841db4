// One way to open a Redis connection, for the store and for BullMQ alike: a plain
// redis:// URL, or Sentinel (REDIS_SENTINELS + REDIS_SENTINEL_NAME), written as
// "redis-sentinel://host:port,host:port/masterName" so that every part of the app passes one
// string around. ioredis' own Sentinel support finds the master, follows a failover and
// reconnects to the new master by itself.
import Redis, { type RedisOptions } from 'ioredis';

export const SENTINEL_SCHEME = 'redis-sentinel:';

export interface SentinelTarget { sentinels: { host: string; port: number }[]; name: string }

/** "host:port,host:port" and a master name → the URL form; undefined when no sentinel is set. */
export function sentinelUrl(sentinels: readonly string[], name: string): string {
  return `redis-sentinel://${sentinels.join(',')}/${encodeURIComponent(name)}`;
}

export function parseSentinelUrl(url: string): SentinelTarget | undefined {
  if (!url.startsWith(`${SENTINEL_SCHEME}//`)) return undefined;
  const rest = url.slice(SENTINEL_SCHEME.length + 2);
  const slash = rest.indexOf('/');
  const hosts = (slash < 0 ? rest : rest.slice(0, slash)).split(',').filter(Boolean);
  const name = slash < 0 ? '' : decodeURIComponent(rest.slice(slash + 1));
  const sentinels = hosts.map((h) => {
    const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(h.trim());
    if (!m) throw new Error(`REDIS_SENTINELS: "${h}" is not host:port`);
    return { host: m[1], port: Number(m[2]) };
  });
  if (!sentinels.length || !name) throw new Error('REDIS_SENTINELS and REDIS_SENTINEL_NAME are both needed');
  return { sentinels, name };
}

export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  const sentinel = parseSentinelUrl(url);
  if (!sentinel) return new Redis(url, options);
  return new Redis({
    ...options,
    sentinels: sentinel.sentinels,
    name: sentinel.name,
    role: 'master',
    // Sentinel answers where the master is; after a failover the old master turns replica:
    // READONLY errors make ioredis reconnect and ask again.
    reconnectOnError: (err) => /READONLY/.test(err.message) ? 2 : false,
    sentinelRetryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

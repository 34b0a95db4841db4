// Running Lua scripts on Redis. Each port of the Redis store keeps its scripts beside its code
// and runs them through scriptRunner. A script touches only keys passed in KEYS, all sharing
// one hash tag, so the same code runs on Redis Cluster. Checks come before any write: a Lua
// error half-way would not roll back.
import type { Cluster, Redis } from 'ioredis';

export interface ScriptDef { numberOfKeys: number; lua: string }

export type RunScript<N extends string> = (name: N, keys: readonly string[], args: ReadonlyArray<string | number>) => Promise<unknown>;

/** Defines the scripts on the client (EVALSHA, falling back to EVAL once after a NOSCRIPT) and runs them by name. */
export function scriptRunner<N extends string>(redis: Redis | Cluster, scripts: Readonly<Record<N, ScriptDef>>): RunScript<N> {
  for (const [name, def] of Object.entries<ScriptDef>(scripts)) redis.defineCommand(`cx_${name}`, { numberOfKeys: def.numberOfKeys, lua: def.lua });
  const client = redis as unknown as Record<string, (...a: Array<string | number>) => Promise<unknown>>;
  return (name, keys, args) => client[`cx_${name}`].call(redis, ...keys, ...args);
}

/** Delete KEYS[1] only if it still holds ARGV[1] (hold release, lock release). */
export const compareAndDelete: ScriptDef = {
  numberOfKeys: 1,
  lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
};

/**
 * Lua that writes a booking and its three index entries: KEYS[b] set to ARGV[json], then
 * KEYS[b+1..b+3] (idx:all, idx:status, idx:personal) scored by ARGV[4] for member ARGV[ref].
 * onlyExisting (XX): entries are moved, never added (a seat following its workshop).
 */
export function writeBookingLua(b: number, json: number, ref: number, onlyExisting = false): string {
  const xx = onlyExisting ? "'XX', " : '';
  return [
    `redis.call('SET', KEYS[${b}], ARGV[${json}])`,
    ...[1, 2, 3].map((i) => `redis.call('ZADD', KEYS[${b + i}], ${xx}ARGV[4], ARGV[${ref}])`),
  ].join('\n');
}

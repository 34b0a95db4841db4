// Lua scripts of RedisStore. Each one touches only keys passed in KEYS, all sharing one hash
// tag, so the same code runs on Redis Cluster. Checks come before any write: a Lua error
// half-way would not roll back.

export interface ScriptDef { numberOfKeys: number; lua: string }

/** Delete KEYS[1] only if it still holds ARGV[1] (hold release, lock release). */
const compareAndDelete: ScriptDef = {
  numberOfKeys: 1,
  lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
};

/**
 * Hold → booking. KEYS: slot, booking, idx:all, idx:status:pending, idx:personal.
 * ARGV: holdId, ref, booking JSON, startsAt, slot expiry (epoch ms).
 */
const commit: ScriptDef = {
  numberOfKeys: 5,
  lua: `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'hold-lost' end
if redis.call('EXISTS', KEYS[2]) == 1 then return 'duplicate' end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('PEXPIREAT', KEYS[1], ARGV[5])
redis.call('SET', KEYS[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[2])
redis.call('ZADD', KEYS[5], ARGV[4], ARGV[2])
return 'ok'`,
};

/**
 * Compare-and-set of one booking, with its slot and index moves (transition, reschedule,
 * purge). KEYS: booking, old status idx, new status idx, idx:all, idx:personal, old slot,
 * new slot, workshop seat set. ARGV: expected JSON, new JSON, ref, new startsAt, freeOld (0/1),
 * takeNew (0 no, 1 the slot must be free, 2 it must hold our hold id ARGV[10]), new slot
 * expiry (epoch ms), keepPersonal (0/1), is a workshop seat (0/1), hold id.
 */
const update: ScriptDef = {
  numberOfKeys: 8,
  lua: `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'retry' end
if ARGV[6] == '1' then
  if not redis.call('SET', KEYS[7], ARGV[3], 'NX') then return 'slot-taken' end
  redis.call('PEXPIREAT', KEYS[7], ARGV[7])
elseif ARGV[6] == '2' then
  if redis.call('GET', KEYS[7]) ~= ARGV[10] then return 'slot-taken' end
  redis.call('SET', KEYS[7], ARGV[3])
  redis.call('PEXPIREAT', KEYS[7], ARGV[7])
end
if ARGV[5] == '1' and redis.call('GET', KEYS[6]) == ARGV[3] then redis.call('DEL', KEYS[6]) end
if ARGV[5] == '1' and ARGV[9] == '1' then redis.call('SREM', KEYS[8], ARGV[3]) end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[3])
if ARGV[8] == '1' then
  redis.call('ZADD', KEYS[5], 'XX', ARGV[4], ARGV[3])
else
  redis.call('ZREM', KEYS[5], ARGV[3])
end
return 'ok'`,
};

/** KEYS: owner, fence. ARGV: token, ttl ms, fence ttl ms. → fencing token, or 0 if busy. */
const lockAcquire: ScriptDef = {
  numberOfKeys: 2,
  lua: `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local f = redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  return f
end
return 0`,
};

/**
 * lockAcquire that also reads the locked document (withLockedDoc: one round trip).
 * KEYS: owner, fence, doc. ARGV: token, ttl ms, fence ttl ms. → {fencing token, v, e}, or {0}.
 */
const lockAcquireDoc: ScriptDef = {
  numberOfKeys: 3,
  lua: `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local f = redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  local d = redis.call('HMGET', KEYS[3], 'v', 'e')
  return {f, d[1], d[2]}
end
return {0}`,
};

/**
 * docWrite that also releases the lock (withLockedDoc: one round trip), refused when the lock
 * is not ours any more (fencing). A lock that lapsed while nobody took it (the event loop
 * stalled past the TTL, so the renewal could not run) still lets the write through when the
 * document is exactly as it was read: the eTag proves nobody turned meanwhile.
 * KEYS: owner, doc. ARGV: token, expected eTag, new eTag, JSON, ttl ms.
 * → 1 written, 0 eTag conflict, -1 lock lost (nothing written either way).
 */
const docWriteRelease: ScriptDef = {
  numberOfKeys: 2,
  lua: `
local holder = redis.call('GET', KEYS[1])
if holder ~= ARGV[1] then
  if holder then return -1 end
  local cur = redis.call('HGET', KEYS[2], 'e')
  if ARGV[2] == '*' then return -1 end
  if ARGV[2] == '' then
    if cur then return -1 end
  elseif cur ~= ARGV[2] then
    return -1
  end
end
if ARGV[2] ~= '' and ARGV[2] ~= '*' then
  local cur = redis.call('HGET', KEYS[2], 'e')
  if cur and cur ~= ARGV[2] then
    redis.call('DEL', KEYS[1])
    return 0
  end
end
redis.call('HSET', KEYS[2], 'v', ARGV[4], 'e', ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('DEL', KEYS[1])
return 1`,
};

/** KEYS: owner. ARGV: token, ttl ms. → 1 if still ours and extended. */
const lockExtend: ScriptDef = {
  numberOfKeys: 1,
  lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`,
};

/**
 * Document write with botbuilder's eTag rules: empty or '*' eTag, or a missing key →
 * unconditional. KEYS: doc. ARGV: expected eTag, new eTag, JSON, ttl ms. → 1 written, 0 conflict.
 */
const docWrite: ScriptDef = {
  numberOfKeys: 1,
  lua: `
if ARGV[1] ~= '' and ARGV[1] ~= '*' then
  local cur = redis.call('HGET', KEYS[1], 'e')
  if cur and cur ~= ARGV[1] then return 0 end
end
redis.call('HSET', KEYS[1], 'v', ARGV[3], 'e', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`,
};

/**
 * Catalogue compare-and-set. KEYS: doc, version. ARGV: JSON, expected version.
 * Returns {1, new version} or {0, current version}.
 */
const catalogueWrite: ScriptDef = {
  numberOfKeys: 2,
  lua: `
local v = tonumber(redis.call('GET', KEYS[2]) or '0')
if v ~= tonumber(ARGV[2]) then return {0, v} end
redis.call('SET', KEYS[1], ARGV[1])
return {1, redis.call('INCR', KEYS[2])}`,
};

export const SCRIPTS = { compareAndDelete, commit, update, lockAcquire, lockAcquireDoc, lockExtend, docWrite, docWriteRelease, catalogueWrite } as const;
export type ScriptName = keyof typeof SCRIPTS;

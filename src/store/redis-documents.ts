// Documents and locks on Redis: a document is a hash (v = JSON, e = eTag) under its own hash
// tag; a lock is an owner key with a TTL and a fencing counter beside it, renewed while its
// holder runs. withLockedDoc takes the lock and reads the document in one script, and writes
// it and releases the lock in another: two round trips per conversation turn.
import type { Cluster, Redis } from 'ioredis';
import type { DocumentsPort, LockedDoc, LockOptions } from './documents';
import { ETagConflictError, LockLostError, LockTimeoutError } from './errors';
import type { RedisKeys } from './keys';
import { compareAndDelete, scriptRunner, type RunScript, type ScriptDef } from './scripts';
import { randomToken } from './tokens';
import { DEFAULT_LOCK_TTL_MS, DEFAULT_LOCK_WAIT_MS, docTtlFor } from './ttl';

/**
 * KEYS[1] owner, KEYS[2] fence. ARGV: token, ttl ms, fence ttl ms. The lock taken, `then` runs
 * with the fencing token in `f`; busy, the script returns `busy`.
 */
const acquire = (then: string, busy: string) => `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local f = redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
  ${then}
end
return ${busy}`;

const SCRIPTS = {
  compareAndDelete,
  /** KEYS: owner, fence. → fencing token, or 0 if busy. */
  lockAcquire: { numberOfKeys: 2, lua: acquire('return f', '0') },
  /** lockAcquire that also reads the locked document. KEYS: owner, fence, doc. → {fencing token, v, e}, or {0}. */
  lockAcquireDoc: {
    numberOfKeys: 3,
    lua: acquire(`local d = redis.call('HMGET', KEYS[3], 'v', 'e')
  return {f, d[1], d[2]}`, '{0}'),
  },
  /** KEYS: owner. ARGV: token, ttl ms. → 1 if still ours and extended. */
  lockExtend: {
    numberOfKeys: 1,
    lua: `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`,
  },
  /**
   * Document write with botbuilder's eTag rules: empty or '*' eTag, or a missing key →
   * unconditional. KEYS: doc. ARGV: expected eTag, new eTag, JSON, ttl ms. → 1 written, 0 conflict.
   */
  docWrite: {
    numberOfKeys: 1,
    lua: `
if ARGV[1] ~= '' and ARGV[1] ~= '*' then
  local cur = redis.call('HGET', KEYS[1], 'e')
  if cur and cur ~= ARGV[1] then return 0 end
end
redis.call('HSET', KEYS[1], 'v', ARGV[3], 'e', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1`,
  },
  /**
   * docWrite that also releases the lock, refused when the lock is not ours any more (fencing).
   * A lock that lapsed while nobody took it (the event loop stalled past the TTL, so the renewal
   * could not run) still lets the write through when the document is exactly as it was read:
   * the eTag proves nobody turned meanwhile.
   * KEYS: owner, doc. ARGV: token, expected eTag, new eTag, JSON, ttl ms.
   * → 1 written, 0 eTag conflict, -1 lock lost (nothing written either way).
   */
  docWriteRelease: {
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
  },
} satisfies Record<string, ScriptDef>;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Held { owner: string; token: string; fence: number; reply: unknown[]; released: boolean }

export class RedisDocuments implements DocumentsPort {
  private readonly run: RunScript<keyof typeof SCRIPTS>;

  constructor(private readonly redis: Redis | Cluster, private readonly k: RedisKeys, private readonly docTtlMs: number) {
    this.run = scriptRunner(redis, SCRIPTS);
  }

  async withLock<T>(key: string, fn: (fencingToken: number) => Promise<T>, opts: LockOptions = {}): Promise<T> {
    return this.locked(key, this.k.lock(key), [this.k.lockFence(key)], opts, (held) => fn(held.fence));
  }

  async withLockedDoc<T>(key: string, fn: (turn: LockedDoc) => Promise<T>, opts: LockOptions = {}): Promise<T> {
    const doc = this.k.doc(key);
    return this.locked(key, this.k.docLock(key), [this.k.docLockFence(key), doc], opts, (held) => {
      const [, v, e] = held.reply;
      return fn({
        fencingToken: held.fence,
        doc: typeof v === 'string' && typeof e === 'string' ? { value: JSON.parse(v), eTag: e, json: v } : undefined,
        saveAndRelease: async (value, eTag, json) => {
          // The write releases the lock: the caller's finally must not release it again.
          held.released = true;
          let r: unknown;
          try {
            r = await this.run('docWriteRelease', [held.owner, doc], [held.token, eTag ?? '', randomToken(), json ?? JSON.stringify(value ?? null), docTtlFor(key, this.docTtlMs)]);
          } catch (err) {
            held.released = false; // timed out: queue a release behind it
            throw err;
          }
          if (Number(r) === -1) throw new LockLostError(key);
          if (Number(r) !== 1) throw new ETagConflictError(key);
        },
      });
    });
  }

  /**
   * Take a lock (withLock: lockAcquire; withLockedDoc: lockAcquireDoc, which also reads the
   * document), keep it while fn runs, release it after unless fn already did.
   */
  private async locked<T>(key: string, owner: string, more: readonly string[], opts: LockOptions, fn: (held: Held) => Promise<T>): Promise<T> {
    const ttlMs = Math.max(100, opts.ttlMs ?? DEFAULT_LOCK_TTL_MS);
    const waitMs = opts.waitMs ?? DEFAULT_LOCK_WAIT_MS;
    const script = more.length > 1 ? 'lockAcquireDoc' : 'lockAcquire';
    const token = randomToken();
    const deadline = Date.now() + waitMs;
    let delay = 1;
    let reply: unknown[];
    for (;;) {
      try {
        const r = await this.run(script, [owner, ...more], [token, ttlMs, docTtlFor(key, this.docTtlMs)]);
        reply = Array.isArray(r) ? r : [r];
      } catch (err) {
        // Timed out on a hung Redis, the acquire may still run once Redis answers again: queue
        // its release behind it on the same connection, or the conversation stays locked a whole TTL.
        this.run('compareAndDelete', [owner], [token]).catch(() => undefined);
        throw err;
      }
      if (Number(reply[0]) > 0) break;
      const left = deadline - Date.now();
      if (left <= 0) throw new LockTimeoutError(key, waitMs);
      // Short polling with jittered backoff: turns of one conversation are brief.
      await sleep(Math.min(left, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 25);
    }
    const held: Held = { owner, token, fence: Number(reply[0]), reply, released: false };
    // Keep the lock while fn runs; if this process dies, it expires after ttlMs.
    const keepAlive = setInterval(() => {
      this.run('lockExtend', [owner], [token, ttlMs]).catch(() => undefined);
    }, Math.floor(ttlMs / 3));
    keepAlive.unref();
    try {
      return await fn(held);
    } finally {
      clearInterval(keepAlive);
      // A failed release only delays the next turn until the TTL: never hide fn's outcome.
      if (!held.released) await this.run('compareAndDelete', [owner], [token]).catch(() => undefined);
    }
  }

  async read(keys: readonly string[]): Promise<Record<string, { value: unknown; eTag: string }>> {
    const vals = await Promise.all(keys.map((k) => this.redis.hmget(this.k.doc(k), 'v', 'e')));
    const out: Record<string, { value: unknown; eTag: string }> = {};
    keys.forEach((k, i) => {
      const [v, e] = vals[i];
      if (v !== null && e !== null) out[k] = { value: JSON.parse(v), eTag: e };
    });
    return out;
  }

  async write(changes: Record<string, { value: unknown; eTag?: string }>): Promise<void> {
    // Atomic per document (documents of different conversations live on different cluster
    // slots); a conflict on any of them rejects the call.
    const entries = Object.entries(changes);
    const results = await Promise.all(entries.map(([k, c]) => this.run('docWrite', [this.k.doc(k)],
      [c.eTag ?? '', randomToken(), JSON.stringify(c.value ?? null), docTtlFor(k, this.docTtlMs)])));
    const i = results.findIndex((r) => Number(r) !== 1);
    if (i >= 0) throw new ETagConflictError(entries[i][0]);
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length) await Promise.all(keys.map((k) => this.redis.del(this.k.doc(k))));
  }
}

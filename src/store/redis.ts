// Store on Redis (ioredis 5, a Redis or a Cluster client). Atomic steps are Lua scripts over
// keys of one hash tag (see keys.ts, scripts.ts). Cross-territory lookups (ref → territory,
// phone → refs) live in their own keys, written BEFORE the booking: a crash in between leaves
// a dangling index entry, ignored on read, and never a booking nobody can find.
import crypto from 'node:crypto';
import Redis, { type Cluster } from 'ioredis';
import { connectRedis } from './connection';
import type { Attendance, Booking, BookingStatus, Slot } from '../booking/model';
import type { BookingQuery, CommitResult, HoldResult, LockedDoc, MoveOptions, Store, TransitionResult } from './store';
import { parsePhoneMember, phoneMember, redisKeys, type RedisKeys } from './keys';
import { SCRIPTS, type ScriptName } from './scripts';
import { RedisWorkshops } from './redis-workshops';
import {
  DEFAULT_DOC_TTL_MS, DEFAULT_LOCK_TTL_MS, DEFAULT_LOCK_WAIT_MS, docTtlFor, DuplicateRefError, ETagConflictError, LockLostError, LockTimeoutError,
  anonymise, bookedSlotExpiry, byStart, hasPersonalData, matchesQuery, pageOf, planAttendance, planReschedule, planTransition,
} from './lifecycle';

export interface RedisStoreOptions {
  /** Conversation documents expire this long after their last write (default 30 days). */
  docTtlMs?: number;
  /** A command unanswered this long fails (default COMMAND_TIMEOUT_MS). */
  commandTimeoutMs?: number;
  /**
   * A booking is acknowledged only once this many replicas have it (Redis WAIT): a failover
   * right after the answer then cannot lose it. 0 (default) = the master's word is enough.
   */
  waitReplicas?: number;
  /** How long WAIT may take before the commit is reported as failed (default 1 s). */
  waitTimeoutMs?: number;
}

export class ReplicationError extends Error {
  constructor(readonly ref: string, readonly acked: number, readonly wanted: number) {
    super(`booking ${ref} reached ${acked} of ${wanted} replicas`);
    this.name = 'ReplicationError';
  }
}

/** How many times a compare-and-set on one booking is retried under contention. */
const CAS_ATTEMPTS = 20;
const PURGE_BATCH = 200;
/**
 * A command unanswered this long fails (the turn answers the polite notice; /healthz 503).
 * Generous: a process busy for a moment (CPU contention) must not fail healthy commands, and
 * an SMS turn must still answer well within Twilio's 15 s.
 */
export const COMMAND_TIMEOUT_MS = 5_000;
const REF_CACHE_MAX = 10_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
// randomUUID draws from a pooled entropy buffer; randomBytes(12) is a syscall per token (2 % of a turn).
const randomToken = () => crypto.randomUUID().replace(/-/g, '');

function parseBooking(json: string | null): Booking | null {
  if (!json) return null;
  try { return JSON.parse(json) as Booking; } catch { return null; }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it); else m.set(k, [it]);
  }
  return m;
}

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  private readonly k: RedisKeys;
  private readonly docTtlMs: number;
  /** ref → territory never changes once written (SET NX), so it can be cached. */
  private readonly refTerritory = new Map<string, string>();
  readonly workshops: RedisWorkshops;

  constructor(private readonly redis: Redis | Cluster, readonly prefix = 'cx:', private readonly opts: RedisStoreOptions = {}) {
    this.k = redisKeys(prefix);
    this.docTtlMs = opts.docTtlMs ?? DEFAULT_DOC_TTL_MS;
    // defineCommand → EVALSHA, falling back to EVAL once after a NOSCRIPT.
    for (const [name, def] of Object.entries(SCRIPTS)) {
      redis.defineCommand(`cx_${name}`, { numberOfKeys: def.numberOfKeys, lua: def.lua });
    }
    this.workshops = new RedisWorkshops(redis, this.k, (ref, t) => this.rememberRef(ref, t));
  }

  private run(name: ScriptName, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    const fn = (this.redis as unknown as Record<string, (...a: Array<string | number>) => Promise<unknown>>)[`cx_${name}`];
    return fn.call(this.redis, ...keys, ...args);
  }

  async takenAmong(slots: readonly Slot[]): Promise<Set<string>> {
    const taken = new Set<string>();
    // One MGET per territory (one hash tag each), all sent at once: one round trip.
    await Promise.all([...groupBy(slots, (s) => s.territory)].map(async ([territory, list]) => {
      const vals = await this.redis.mget(list.map((s) => this.k.slot(territory, s.id)));
      vals.forEach((v, i) => { if (v !== null) taken.add(list[i].id); });
    }));
    return taken;
  }

  async hold(slot: Slot, ttlMs: number): Promise<HoldResult> {
    const holdId = randomToken();
    const ok = await this.redis.set(this.k.slot(slot.territory, slot.id), holdId, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
    return ok === 'OK' ? { ok: true, holdId } : { ok: false };
  }

  async releaseHold(slot: Slot, holdId: string): Promise<void> {
    await this.run('compareAndDelete', [this.k.slot(slot.territory, slot.id)], [holdId]);
  }

  async commitBooking(booking: Booking, holdId: string): Promise<CommitResult> {
    const b: Booking = { ...booking, status: 'pending' };
    const t = b.territory;
    const member = phoneMember(t, b.ref);
    // Step 1: the lookups, before the booking exists.
    const [created] = await Promise.all([
      this.redis.set(this.k.ref(b.ref), t, 'NX'),
      this.redis.sadd(this.k.phone(b.beneficiary.phone), member),
      this.redis.sadd(this.k.territories(), t),
    ]);
    if (created !== 'OK') {
      const owner = await this.redis.get(this.k.ref(b.ref));
      if (owner !== t) throw new DuplicateRefError(b.ref);
    }
    // Step 2: the one atomic step that makes the booking real.
    const r = await this.run('commit',
      [this.k.slot(t, b.slotId), this.k.booking(t, b.ref), this.k.idxAll(t), this.k.idxStatus(t, 'pending'), this.k.idxPersonal(t)],
      [holdId, b.ref, JSON.stringify(b), b.startsAt, bookedSlotExpiry(b.startsAt, Date.now())]);
    if (r === 'ok') {
      this.rememberRef(b.ref, t);
      const wanted = this.opts.waitReplicas ?? 0;
      if (wanted > 0) {
        // Not acknowledged unless replicated; the person's retry finds it again (refCodeFor).
        const acked = Number(await this.redis.wait(wanted, this.opts.waitTimeoutMs ?? 1000));
        if (acked < wanted) throw new ReplicationError(b.ref, acked, wanted);
      }
      return { ok: true, booking: b };
    }
    // Lookups written in step 1 stay behind when the commit fails: harmless (ignored on read),
    // and deleting them could race with a retry of the same ref that just succeeded.
    if (r === 'duplicate') throw new DuplicateRefError(b.ref);
    return { ok: false, reason: 'hold-lost' };
  }

  private rememberRef(ref: string, territory: string): void {
    if (this.refTerritory.size >= REF_CACHE_MAX) this.refTerritory.clear();
    this.refTerritory.set(ref, territory);
  }

  /** The booking and its raw JSON (for compare-and-set), or null. */
  private async locate(ref: string): Promise<{ territory: string; json: string; booking: Booking } | null> {
    let territory = this.refTerritory.get(ref) ?? null;
    if (!territory) {
      territory = await this.redis.get(this.k.ref(ref));
      if (!territory) return null;
    }
    const json = await this.redis.get(this.k.booking(territory, ref));
    const booking = parseBooking(json);
    if (!json || !booking) return null;
    this.rememberRef(ref, territory);
    return { territory, json, booking };
  }

  async getBooking(ref: string): Promise<Booking | null> {
    return (await this.locate(ref))?.booking ?? null;
  }

  private async mgetBookings(territory: string, refs: readonly string[]): Promise<Booking[]> {
    if (refs.length === 0) return [];
    const vals = await this.redis.mget(refs.map((r) => this.k.booking(territory, r)));
    return vals.map(parseBooking).filter((b): b is Booking => b !== null);
  }

  async bookingsByPhone(phone: string): Promise<Booking[]> {
    const members = (await this.redis.smembers(this.k.phone(phone)))
      .map(parsePhoneMember).filter((m): m is { territory: string; ref: string } => m !== null);
    const groups = groupBy(members, (m) => m.territory);
    const lists = await Promise.all([...groups].map(([t, ms]) => this.mgetBookings(t, ms.map((m) => m.ref))));
    // Dangling entries (no booking, or erased data) are skipped.
    return lists.flat().filter((b) => b.beneficiary.phone === phone).sort(byStart);
  }

  async listBookings(q: BookingQuery): Promise<{ total: number; items: Booking[] }> {
    const t = q.territory;
    const idx = q.status ? this.k.idxStatus(t, q.status) : this.k.idxAll(t);
    const min = q.from !== undefined ? String(q.from) : '-inf';
    const max = q.to !== undefined ? `(${q.to}` : '+inf';
    const { offset, limit } = pageOf(q);
    if (q.siteId === undefined) {
      // The index answers the count and the page; one MGET loads the page.
      const [total, refs] = await Promise.all([
        this.redis.zcount(idx, min, max),
        limit > 0 ? this.redis.zrangebyscore(idx, min, max, 'LIMIT', offset, limit) : Promise.resolve([] as string[]),
      ]);
      const items = (await this.mgetBookings(t, refs)).filter((b) => matchesQuery(b, q));
      return { total, items };
    }
    // Site filter: few bookings per territory and status, so filter after loading.
    const refs = await this.redis.zrangebyscore(idx, min, max);
    const all = (await this.mgetBookings(t, refs)).filter((b) => matchesQuery(b, q));
    return { total: all.length, items: all.slice(offset, offset + limit) };
  }

  /** Compare-and-set of a booking with its slot and index moves. */
  /** takeNew: true = the new slot must be free; a hold id = it must be that live hold. */
  private update(cur: { territory: string; json: string; booking: Booking }, next: Booking, opts: { freeOld: boolean; takeNew: boolean | string; keepPersonal: boolean }): Promise<unknown> {
    const t = cur.territory;
    const old = cur.booking;
    return this.run('update', [
      this.k.booking(t, old.ref), this.k.idxStatus(t, old.status), this.k.idxStatus(t, next.status), this.k.idxAll(t),
      this.k.idxPersonal(t), this.k.slot(t, old.slotId), this.k.slot(t, next.slotId),
      this.k.wsSeats(t, old.workshopId ?? '-'),
    ], [
      cur.json, JSON.stringify(next), old.ref, next.startsAt, opts.freeOld ? 1 : 0, typeof opts.takeNew === 'string' ? 2 : opts.takeNew ? 1 : 0,
      bookedSlotExpiry(next.startsAt, Date.now()), opts.keepPersonal ? 1 : 0, old.kind === 'workshop' && old.workshopId ? 1 : 0,
      typeof opts.takeNew === 'string' ? opts.takeNew : '',
    ]);
  }

  async transition(ref: string, from: readonly BookingStatus[], to: BookingStatus, patch?: Partial<Booking>): Promise<TransitionResult> {
    for (let i = 0; i < CAS_ATTEMPTS; i++) {
      const cur = await this.locate(ref);
      if (!cur) return { ok: false, reason: 'not-found' };
      const plan = planTransition(cur.booking, from, to, patch, Date.now());
      if (plan.kind === 'noop') return { ok: true, booking: cur.booking, changed: false };
      if (plan.kind === 'bad-status') return { ok: false, reason: 'bad-status' };
      const r = await this.update(cur, plan.next, { freeOld: plan.freeSlot, takeNew: false, keepPersonal: true });
      if (r === 'ok') return { ok: true, booking: plan.next, changed: true };
    }
    throw new Error(`transition of ${ref}: too much contention`);
  }

  async setAttendance(ref: string, attendance: Attendance): Promise<TransitionResult> {
    for (let i = 0; i < CAS_ATTEMPTS; i++) {
      const cur = await this.locate(ref);
      if (!cur) return { ok: false, reason: 'not-found' };
      const plan = planAttendance(cur.booking, attendance, Date.now());
      if (plan.kind === 'noop') return { ok: true, booking: cur.booking, changed: false };
      if (plan.kind === 'bad-status') return { ok: false, reason: 'bad-status' };
      const r = await this.update(cur, plan.next, { freeOld: false, takeNew: false, keepPersonal: hasPersonalData(cur.booking) });
      if (r === 'ok') return { ok: true, booking: plan.next, changed: true };
    }
    throw new Error(`attendance of ${ref}: too much contention`);
  }

  async reschedule(ref: string, to: Slot, opts: MoveOptions = {}): Promise<TransitionResult> {
    for (let i = 0; i < CAS_ATTEMPTS; i++) {
      const cur = await this.locate(ref);
      if (!cur) return { ok: false, reason: 'not-found' };
      const plan = planReschedule(cur.booking, to, Date.now(), opts.status);
      if (plan.kind === 'noop') return { ok: true, booking: cur.booking, changed: false };
      if (plan.kind === 'bad-status') return { ok: false, reason: 'bad-status' };
      const r = await this.update(cur, plan.next, { freeOld: true, takeNew: opts.holdId ?? true, keepPersonal: true });
      if (r === 'ok') return { ok: true, booking: plan.next, changed: true };
      if (r === 'slot-taken') return { ok: false, reason: 'slot-taken' };
    }
    throw new Error(`reschedule of ${ref}: too much contention`);
  }

  async purgeBefore(before: number): Promise<number> {
    let n = 0;
    for (const t of await this.redis.smembers(this.k.territories())) {
      // Each pass erases what it can; a booking changed meanwhile is simply seen again.
      for (let pass = 0; pass < 1000; pass++) {
        const refs = await this.redis.zrangebyscore(this.k.idxPersonal(t), '-inf', `(${before}`, 'LIMIT', 0, PURGE_BATCH);
        if (refs.length === 0) break;
        const jsons = await this.redis.mget(refs.map((r) => this.k.booking(t, r)));
        const done = await Promise.all(refs.map(async (ref, i) => {
          const json = jsons[i];
          const booking = parseBooking(json);
          if (!json || !booking) { await this.redis.zrem(this.k.idxPersonal(t), ref); return 0; }
          const r = await this.update({ territory: t, json, booking }, anonymise(booking, Date.now()), { freeOld: false, takeNew: false, keepPersonal: false });
          if (r !== 'ok') return 0;
          // The booking no longer names the phone: its index entry can go.
          await this.redis.srem(this.k.phone(booking.beneficiary.phone), phoneMember(t, ref));
          return 1;
        }));
        n += done.reduce<number>((a, x) => a + x, 0);
      }
    }
    return n;
  }

  async eraseBooking(ref: string): Promise<boolean> {
    for (let i = 0; i < CAS_ATTEMPTS; i++) {
      const cur = await this.locate(ref);
      if (!cur || !hasPersonalData(cur.booking)) return false;
      const r = await this.update(cur, anonymise(cur.booking, Date.now()), { freeOld: false, takeNew: false, keepPersonal: false });
      if (r !== 'ok') continue;
      await this.redis.srem(this.k.phone(cur.booking.beneficiary.phone), phoneMember(cur.territory, ref));
      return true;
    }
    throw new Error(`erase of ${ref}: too much contention`);
  }

  async setOptOut(phone: string, optedOut: boolean): Promise<void> {
    if (optedOut) await this.redis.set(this.k.optOut(phone), '1');
    else await this.redis.del(this.k.optOut(phone));
  }

  async isOptedOut(phone: string): Promise<boolean> {
    return (await this.redis.exists(this.k.optOut(phone))) === 1;
  }

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

  async appendLog(key: string, entries: readonly string[], ttlMs: number): Promise<number> {
    const k = this.k.log(key);
    if (entries.length === 0) return this.redis.llen(k);
    const [[, length]] = (await this.redis.multi().rpush(k, ...entries).pexpire(k, Math.max(1, Math.ceil(ttlMs))).exec()) as [[null, number]];
    return length;
  }

  async readLog(key: string, from: number, max = 1000): Promise<string[]> {
    const start = Math.max(0, Math.floor(from));
    return this.redis.lrange(this.k.log(key), start, start + Math.max(1, max) - 1);
  }

  async withLock<T>(key: string, fn: (fencingToken: number) => Promise<T>, opts: { ttlMs?: number; waitMs?: number } = {}): Promise<T> {
    return this.locked(key, this.k.lock(key), [this.k.lockFence(key)], opts, (held) => fn(held.fence));
  }

  async withLockedDoc<T>(key: string, fn: (turn: LockedDoc) => Promise<T>, opts: { ttlMs?: number; waitMs?: number } = {}): Promise<T> {
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
  private async locked<T>(key: string, owner: string, more: readonly string[], opts: { ttlMs?: number; waitMs?: number },
    fn: (held: { owner: string; token: string; fence: number; reply: unknown[]; released: boolean }) => Promise<T>): Promise<T> {
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
    const held = { owner, token, fence: Number(reply[0]), reply, released: false };
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

  async readDocs(keys: readonly string[]): Promise<Record<string, { value: unknown; eTag: string }>> {
    const vals = await Promise.all(keys.map((k) => this.redis.hmget(this.k.doc(k), 'v', 'e')));
    const out: Record<string, { value: unknown; eTag: string }> = {};
    keys.forEach((k, i) => {
      const [v, e] = vals[i];
      if (v !== null && e !== null) out[k] = { value: JSON.parse(v), eTag: e };
    });
    return out;
  }

  async writeDocs(changes: Record<string, { value: unknown; eTag?: string }>): Promise<void> {
    // Atomic per document (documents of different conversations live on different cluster
    // slots); a conflict on any of them rejects the call.
    const entries = Object.entries(changes);
    const results = await Promise.all(entries.map(([k, c]) => this.run('docWrite', [this.k.doc(k)],
      [c.eTag ?? '', randomToken(), JSON.stringify(c.value ?? null), docTtlFor(k, this.docTtlMs)])));
    const i = results.findIndex((r) => Number(r) !== 1);
    if (i >= 0) throw new ETagConflictError(entries[i][0]);
  }

  async deleteDocs(keys: readonly string[]): Promise<void> {
    if (keys.length) await Promise.all(keys.map((k) => this.redis.del(this.k.doc(k))));
  }

  async putRecord(ns: string, id: string, value: unknown): Promise<void> {
    await this.redis.hset(this.k.records(ns), id, JSON.stringify(value ?? null));
  }

  async getRecord(ns: string, id: string): Promise<unknown | null> {
    const json = await this.redis.hget(this.k.records(ns), id);
    return json === null ? null : JSON.parse(json);
  }

  async listRecords(ns: string): Promise<Array<{ id: string; value: unknown }>> {
    const all = await this.redis.hgetall(this.k.records(ns));
    return Object.keys(all).sort().map((id) => ({ id, value: JSON.parse(all[id]) }));
  }

  async deleteRecord(ns: string, id: string): Promise<boolean> {
    return (await this.redis.hdel(this.k.records(ns), id)) === 1;
  }

  async catalogueVersion(): Promise<number> {
    return Number(await this.redis.get(this.k.catalogueVersion()) ?? 0);
  }

  async readCatalogue(): Promise<{ version: number; doc: unknown } | null> {
    // One hash tag: one MGET, and the script writes both at once, so the pair is consistent.
    const [json, version] = await this.redis.mget(this.k.catalogueDoc(), this.k.catalogueVersion());
    if (json === null || version === null) return null;
    return { version: Number(version), doc: JSON.parse(json) };
  }

  async writeCatalogue(doc: unknown, expectedVersion: number): Promise<{ ok: boolean; version: number }> {
    const [ok, version] = await this.run('catalogueWrite', [this.k.catalogueDoc(), this.k.catalogueVersion()], [JSON.stringify(doc), expectedVersion]) as [number, number];
    return { ok: ok === 1, version: Number(version) };
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

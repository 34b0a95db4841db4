// Store on Redis (ioredis 5, a Redis or a Cluster client). Atomic steps are Lua scripts over
// keys of one hash tag (see keys.ts, scripts.ts). Cross-territory lookups (ref → territory,
// phone → refs) live in their own keys, written BEFORE the booking: a crash in between leaves
// a dangling index entry, ignored on read, and never a booking nobody can find.
import Redis, { type Cluster } from 'ioredis';
import { connectRedis } from './connection';
import type { Attendance, Booking, BookingStatus, Slot } from '../booking/model';
import type { BookingQuery, CommitResult, HoldResult, MoveOptions, Store, TransitionResult } from './store';
import { ReplicationError } from './errors';
import { parsePhoneMember, phoneMember, redisKeys, type RedisKeys } from './keys';
import {
  DuplicateRefError, anonymise, byStart, hasPersonalData, matchesQuery, pageOf, planAttendance, planReschedule, planTransition,
} from './lifecycle';
import { RedisCatalogue } from './redis-catalogue';
import { RedisCounters } from './redis-counters';
import { RedisDocuments } from './redis-documents';
import { RedisLogs } from './redis-logs';
import { RedisRecords } from './redis-records';
import { RedisWorkshops } from './redis-workshops';
import { compareAndDelete, scriptRunner, type RunScript, type ScriptDef } from './scripts';
import { randomToken } from './tokens';
import { bookedSlotExpiry, DEFAULT_DOC_TTL_MS } from './ttl';

export { ReplicationError } from './errors';

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

/**
 * Hold → booking. KEYS: slot, booking, idx:all, idx:status:pending, idx:personal.
 * ARGV: holdId, ref, booking JSON, startsAt, slot expiry (epoch ms).
 */
const commit = {
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
const update = {
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

const SCRIPTS = { compareAndDelete, commit, update } satisfies Record<string, ScriptDef>;

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
  /** ref → territory never changes once written (SET NX), so it can be cached. */
  private readonly refTerritory = new Map<string, string>();
  readonly workshops: RedisWorkshops;
  readonly documents: RedisDocuments;
  readonly counters: RedisCounters;
  readonly logs: RedisLogs;
  readonly records: RedisRecords;
  readonly catalogue: RedisCatalogue;
  private readonly run: RunScript<keyof typeof SCRIPTS>;

  constructor(private readonly redis: Redis | Cluster, readonly prefix = 'cx:', private readonly opts: RedisStoreOptions = {}) {
    this.k = redisKeys(prefix);
    this.run = scriptRunner(redis, SCRIPTS);
    const docTtlMs = opts.docTtlMs ?? DEFAULT_DOC_TTL_MS;
    this.documents = new RedisDocuments(redis, this.k, docTtlMs);
    this.counters = new RedisCounters(redis, this.k);
    this.logs = new RedisLogs(redis, this.k);
    this.records = new RedisRecords(redis, this.k);
    this.catalogue = new RedisCatalogue(redis, this.k);
    this.workshops = new RedisWorkshops(redis, this.k, (ref, t) => this.rememberRef(ref, t));
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

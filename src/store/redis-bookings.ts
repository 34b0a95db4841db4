// Slots and bookings on Redis. Atomic steps are Lua scripts over keys of one territory's hash
// tag (keys.ts). Cross-territory lookups (ref → territory, phone → refs) live in their own
// keys, written BEFORE the booking: a crash in between leaves a dangling index entry, ignored
// on read, and never a booking nobody can find.
import type { Cluster, Redis } from 'ioredis';
import { planAttendance, planReschedule, planTransition, type Change } from '../booking/changes';
import { anonymise, hasPersonalData, planErasure } from '../booking/erasure';
import type { Attendance, Booking, BookingStatus, Slot } from '../booking/model';
import { DuplicateRefError } from '../booking/refcode';
import { byStart, matchesQuery, pageOf } from './booking-query';
import type { BookingQuery, BookingsPort, CommitResult, HoldResult, MoveOptions, TransitionResult } from './bookings';
import { compareAndSet, ERASE_ANSWERS, TRANSITION_ANSWERS, type Applied, type CasAnswers } from './compare-and-set';
import { ReplicationError } from './errors';
import { parsePhoneMember, phoneMember, type RedisKeys } from './keys';
import { compareAndDelete, scriptRunner, writeBookingLua, type RunScript, type ScriptDef } from './scripts';
import { randomToken } from './tokens';
import { bookedSlotExpiry } from './ttl';

const SCRIPTS = {
  compareAndDelete,
  /**
   * Hold → booking. KEYS: slot, booking, idx:all, idx:status:pending, idx:personal.
   * ARGV: holdId, ref, booking JSON, startsAt, slot expiry (epoch ms).
   */
  commit: {
    numberOfKeys: 5,
    lua: `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'hold-lost' end
if redis.call('EXISTS', KEYS[2]) == 1 then return 'duplicate' end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('PEXPIREAT', KEYS[1], ARGV[5])
${writeBookingLua(2, 3, 2)}
return 'ok'`,
  },
  /**
   * Compare-and-set of one booking, with its slot and index moves (transition, reschedule,
   * erasure). KEYS: booking, old status idx, new status idx, idx:all, idx:personal, old slot,
   * new slot, workshop seat set. ARGV: expected JSON, new JSON, ref, new startsAt, freeOld (0/1),
   * takeNew (0 no, 1 the slot must be free, 2 it must hold our hold id ARGV[10]), new slot
   * expiry (epoch ms), keepPersonal (0/1), is a workshop seat (0/1), hold id.
   */
  update: {
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
  },
} satisfies Record<string, ScriptDef>;

const PURGE_BATCH = 200;
const REF_CACHE_MAX = 10_000;

export interface RedisBookingsOptions {
  /**
   * A booking is acknowledged only once this many replicas have it (Redis WAIT): a failover
   * right after the answer then cannot lose it. 0 (default) = the master's word is enough.
   */
  waitReplicas?: number;
  /** How long WAIT may take before the commit is reported as failed (default 1 s). */
  waitTimeoutMs?: number;
}

/** A booking as read: its territory and the exact JSON the compare-and-set compares against. */
export interface StoredBooking { territory: string; json: string; booking: Booking }

/** How the booking is written by update: its slot moves and whether it keeps personal data. */
interface UpdateOptions { freeOld: boolean; takeNew: boolean | string; keepPersonal: boolean }


export function parseBooking(json: string | null): Booking | null {
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

export class RedisBookings implements BookingsPort {
  private readonly run: RunScript<keyof typeof SCRIPTS>;
  /** ref → territory never changes once written (SET NX), so it can be cached. */
  private readonly refTerritory = new Map<string, string>();

  constructor(private readonly redis: Redis | Cluster, private readonly k: RedisKeys, private readonly opts: RedisBookingsOptions = {}) {
    this.run = scriptRunner(redis, SCRIPTS);
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

  /**
   * The lookups of a new booking (ref → territory, phone, the territory's list), written before
   * it; a ref already taken by another territory is a DuplicateRefError. Workshop seats too.
   */
  async writeLookups(b: Booking): Promise<void> {
    const t = b.territory;
    const [created] = await Promise.all([
      this.redis.set(this.k.ref(b.ref), t, 'NX'),
      this.redis.sadd(this.k.phone(b.beneficiary.phone), phoneMember(t, b.ref)),
      this.redis.sadd(this.k.territories(), t),
    ]);
    if (created !== 'OK' && (await this.redis.get(this.k.ref(b.ref))) !== t) throw new DuplicateRefError(b.ref);
  }

  async commit(booking: Booking, holdId: string): Promise<CommitResult> {
    const b: Booking = { ...booking, status: 'pending' };
    const t = b.territory;
    // Step 1: the lookups, before the booking exists.
    await this.writeLookups(b);
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

  rememberRef(ref: string, territory: string): void {
    if (this.refTerritory.size >= REF_CACHE_MAX) this.refTerritory.clear();
    this.refTerritory.set(ref, territory);
  }

  /** The booking and its raw JSON (for compare-and-set), or null. */
  private async locate(ref: string): Promise<StoredBooking | null> {
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

  async get(ref: string): Promise<Booking | null> {
    return (await this.locate(ref))?.booking ?? null;
  }

  private async mget(territory: string, refs: readonly string[]): Promise<Booking[]> {
    if (refs.length === 0) return [];
    const vals = await this.redis.mget(refs.map((r) => this.k.booking(territory, r)));
    return vals.map(parseBooking).filter((b): b is Booking => b !== null);
  }

  async byPhone(phone: string): Promise<Booking[]> {
    const members = (await this.redis.smembers(this.k.phone(phone)))
      .map(parsePhoneMember).filter((m): m is { territory: string; ref: string } => m !== null);
    const groups = groupBy(members, (m) => m.territory);
    const lists = await Promise.all([...groups].map(([t, ms]) => this.mget(t, ms.map((m) => m.ref))));
    // Dangling entries (no booking, or erased data) are skipped.
    return lists.flat().filter((b) => b.beneficiary.phone === phone).sort(byStart);
  }

  async list(q: BookingQuery): Promise<{ total: number; items: Booking[] }> {
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
      const items = (await this.mget(t, refs)).filter((b) => matchesQuery(b, q));
      return { total, items };
    }
    // Site filter: few bookings per territory and status, so filter after loading.
    const refs = await this.redis.zrangebyscore(idx, min, max);
    const all = (await this.mget(t, refs)).filter((b) => matchesQuery(b, q));
    return { total: all.length, items: all.slice(offset, offset + limit) };
  }

  /** Compare-and-set of a booking with its slot and index moves (the update script). */
  private update(cur: StoredBooking, next: Booking, opts: UpdateOptions): Promise<string> {
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
    ]) as Promise<string>;
  }

  /** One change of one booking: the shared compare-and-set over locate and the update script. */
  private change<R>(what: string, ref: string, decide: (b: Booking) => Change,
    how: (cur: StoredBooking, change: Applied) => UpdateOptions, answers: CasAnswers<R>): Promise<R> {
    return compareAndSet(`${what} of ${ref}`, {
      read: () => this.locate(ref),
      decide,
      write: (cur, change) => this.update(cur, change.next, how(cur, change)),
      answers,
    });
  }

  async transition(ref: string, from: readonly BookingStatus[], to: BookingStatus, patch?: Partial<Booking>): Promise<TransitionResult> {
    return this.change('transition', ref, (b) => planTransition(b, from, to, patch, Date.now()),
      (_cur, c) => ({ freeOld: c.freeSlot, takeNew: false, keepPersonal: true }), TRANSITION_ANSWERS);
  }

  async setAttendance(ref: string, attendance: Attendance): Promise<TransitionResult> {
    return this.change('attendance', ref, (b) => planAttendance(b, attendance, Date.now()),
      (cur) => ({ freeOld: false, takeNew: false, keepPersonal: hasPersonalData(cur.booking) }), TRANSITION_ANSWERS);
  }

  async reschedule(ref: string, to: Slot, opts: MoveOptions = {}): Promise<TransitionResult> {
    return this.change('reschedule', ref, (b) => planReschedule(b, to, Date.now(), opts.status),
      () => ({ freeOld: true, takeNew: opts.holdId ?? true, keepPersonal: true }), TRANSITION_ANSWERS);
  }

  /** Writes the anonymised booking (compare-and-set); once written, its phone index entry goes. */
  private async writeErased(cur: StoredBooking, next: Booking): Promise<string> {
    const r = await this.update(cur, next, { freeOld: false, takeNew: false, keepPersonal: false });
    if (r === 'ok') await this.redis.srem(this.k.phone(cur.booking.beneficiary.phone), phoneMember(cur.territory, cur.booking.ref));
    return r;
  }

  async erase(ref: string): Promise<boolean> {
    return compareAndSet(`erase of ${ref}`, {
      read: () => this.locate(ref),
      decide: (b) => planErasure(b, Date.now()),
      write: (cur, change) => this.writeErased(cur, change.next),
      answers: ERASE_ANSWERS,
    });
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
          return (await this.writeErased({ territory: t, json, booking }, anonymise(booking, Date.now()))) === 'ok' ? 1 : 0;
        }));
        n += done.reduce<number>((a, x) => a + x, 0);
      }
    }
    return n;
  }
}

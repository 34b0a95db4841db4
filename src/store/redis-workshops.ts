// Workshops on Redis. Every key of one workshop carries the territory's hash tag (the
// territory is in the workshop id), so each atomic step is one Lua script, Cluster-safe.
// Seat counting lives in the scripts: SCARD(seats) + live offers < seats, read and written
// in the same step, so no number of processes can ever give more seats than there are.
import type { Cluster, Redis } from 'ioredis';
import type { Booking } from '../booking/model';
import { territoryOfWorkshop, type Offer, type WaitEntry, type Workshop, type WorkshopView } from '../booking/workshop';
import { planSeatMove, planSeatSwitch } from '../booking/changes';
import { DuplicateRefError } from '../booking/refcode';
import { compareAndSet, MOVE_ANSWERS, SEAT_ANSWERS } from './compare-and-set';
import type { RedisKeys } from './keys';
import { scriptRunner, writeBookingLua, type RunScript, type ScriptDef } from './scripts';
import type { ChangeResult, ClaimResult, JoinResult, SeatResult, WorkshopsPort } from './workshops';

/**
 * Shared head of takeSeat and claimOffer: KEYS[1] workshop hash; ARGV[1] now, ARGV[4] the
 * booking's startsAt, ARGV[site] its site: a booking built before a change is refused.
 */
const openCheck = (site: number) => `
local st = redis.call('HMGET', KEYS[1], 'seats', 'status', 'startsAt', 'siteId')
if not st[1] then return 'not-found' end
if st[2] ~= 'scheduled' then return 'closed' end
if tonumber(st[3]) <= tonumber(ARGV[1]) then return 'started' end
if tonumber(st[3]) ~= tonumber(ARGV[4]) or (st[4] and st[4] ~= ARGV[${site}]) then return 'changed' end
`;

/** KEYS[5..8]: booking, idx:all, idx:status, idx:personal. ARGV[2..4]: ref, JSON, startsAt. */
const WRITE_SEAT = `
redis.call('SADD', KEYS[2], ARGV[2])
${writeBookingLua(5, 3, 2)}
return 'ok'`;

const SCRIPTS = {
  /** KEYS: ws, seats, offers, wait, booking, idx all, idx status, idx personal. ARGV: now, ref, JSON, startsAt, siteId. */
  wsTake: {
    numberOfKeys: 8,
    lua: `${openCheck(5)}
if redis.call('EXISTS', KEYS[5]) == 1 then return 'duplicate' end
if redis.call('ZCARD', KEYS[4]) > 0 then return 'full' end
local live = redis.call('ZCOUNT', KEYS[3], '(' .. ARGV[1], '+inf')
if redis.call('SCARD', KEYS[2]) + live >= tonumber(st[1]) then return 'full' end
${WRITE_SEAT}`,
  },
  /** KEYS: ws, seats, offers, offer data, booking, idx all, idx status, idx personal. ARGV: now, ref, JSON, startsAt, offerId, siteId. */
  wsClaim: {
    numberOfKeys: 8,
    lua: `
local exp = redis.call('ZSCORE', KEYS[3], ARGV[5])
if not exp then return 'not-found' end
if tonumber(exp) <= tonumber(ARGV[1]) then return 'expired' end
${openCheck(6)}
if redis.call('EXISTS', KEYS[5]) == 1 then return 'duplicate' end
redis.call('ZREM', KEYS[3], ARGV[5])
redis.call('HDEL', KEYS[4], ARGV[5])
${WRITE_SEAT}`,
  },
  /**
   * The coordinator's change, against the seat scripts: seats never below those taken (seat
   * set + live offers). KEYS: ws, seats, offers, ws index. ARGV: now, JSON, seats, startsAt,
   * siteId, expected updatedAt, id. → {'ok'} or {error word, seats taken}.
   */
  wsChange: {
    numberOfKeys: 4,
    lua: `
local cur = redis.call('HMGET', KEYS[1], 'json', 'status', 'startsAt')
if not cur[1] then return {'not-found'} end
if cur[2] ~= 'scheduled' then return {'closed'} end
if tonumber(cur[3]) <= tonumber(ARGV[1]) then return {'started'} end
if cjson.decode(cur[1]).updatedAt ~= tonumber(ARGV[6]) then return {'retry'} end
local taken = redis.call('SCARD', KEYS[2]) + redis.call('ZCOUNT', KEYS[3], '(' .. ARGV[1], '+inf')
if taken > tonumber(ARGV[3]) then return {'below', taken} end
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'seats', ARGV[3], 'startsAt', ARGV[4], 'siteId', ARGV[5])
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[7])
return {'ok'}`,
  },
  /**
   * A seat booking follows its workshop (compare-and-set, index scores moved).
   * KEYS: booking, idx all, idx status, idx personal. ARGV: expected JSON, JSON, ref, startsAt.
   */
  wsMoveSeat: {
    numberOfKeys: 4,
    lua: `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'retry' end
${writeBookingLua(1, 2, 3, true)}
return 'ok'`,
  },
  /**
   * A seat moves to another workshop (the person's change), against the seat scripts.
   * KEYS: ws, seats, offers, wait (of the new workshop), booking, idx all, idx status, idx
   * personal, old seat set. ARGV: now, ref, JSON, startsAt, siteId, expected JSON.
   */
  wsSwitch: {
    numberOfKeys: 9,
    lua: `${openCheck(5)}
if redis.call('GET', KEYS[5]) ~= ARGV[6] then return 'retry' end
if redis.call('ZCARD', KEYS[4]) > 0 then return 'full' end
local live = redis.call('ZCOUNT', KEYS[3], '(' .. ARGV[1], '+inf')
if redis.call('SCARD', KEYS[2]) + live >= tonumber(st[1]) then return 'full' end
redis.call('SREM', KEYS[9], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[2])
${writeBookingLua(5, 3, 2, true)}
return 'ok'`,
  },
  /** KEYS: ws, wait, wait data, wait phones, wait seq. ARGV: id, since (unused: arrival order), JSON, phone. → position, or error word. */
  wsJoin: {
    numberOfKeys: 5,
    lua: `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 'not-found' end
if status ~= 'scheduled' then return 'closed' end
if redis.call('HSETNX', KEYS[4], ARGV[4], ARGV[1]) == 0 then return 'already' end
redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[5]), ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
return redis.call('ZRANK', KEYS[2], ARGV[1]) + 1`,
  },
  /** KEYS: wait, wait data, wait phones. ARGV: phone. */
  wsLeave: {
    numberOfKeys: 3,
    lua: `
local id = redis.call('HGET', KEYS[3], ARGV[1])
if not id then return 0 end
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[1], id)
redis.call('HDEL', KEYS[2], id)
return 1`,
  },
  /**
   * KEYS: ws, seats, offers, offer data, wait, wait data, wait phones.
   * ARGV: now, expiresAt, offerId. → the waiting entry JSON moved to an offer, or false.
   */
  wsOffer: {
    numberOfKeys: 7,
    lua: `
local st = redis.call('HMGET', KEYS[1], 'seats', 'status', 'startsAt')
if not st[1] or st[2] ~= 'scheduled' or tonumber(st[3]) <= tonumber(ARGV[1]) then return false end
local live = redis.call('ZCOUNT', KEYS[3], '(' .. ARGV[1], '+inf')
if redis.call('SCARD', KEYS[2]) + live >= tonumber(st[1]) then return false end
local first = redis.call('ZRANGE', KEYS[5], 0, 0)
if #first == 0 then return false end
local json = redis.call('HGET', KEYS[6], first[1])
redis.call('ZREM', KEYS[5], first[1])
redis.call('HDEL', KEYS[6], first[1])
if json then
  local phone = cjson.decode(json).phone
  if phone and redis.call('HGET', KEYS[7], phone) == first[1] then redis.call('HDEL', KEYS[7], phone) end
else
  return false
end
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
redis.call('HSET', KEYS[4], ARGV[3], json)
return json`,
  },
  /** KEYS: offers, offer data. ARGV: now. → flat list id, expiry, JSON of the expired offers removed. */
  wsExpire: {
    numberOfKeys: 2,
    lua: `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'WITHSCORES')
local out = {}
for i = 1, #ids, 2 do
  local json = redis.call('HGET', KEYS[2], ids[i])
  redis.call('ZREM', KEYS[1], ids[i])
  redis.call('HDEL', KEYS[2], ids[i])
  if json then table.insert(out, ids[i]); table.insert(out, ids[i + 1]); table.insert(out, json) end
end
return out`,
  },
  /** KEYS: offers, offer data. ARGV: offerId. */
  wsDrop: {
    numberOfKeys: 2,
    lua: `
local n = redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return n`,
  },
} satisfies Record<string, ScriptDef>;

function parseJson<T>(json: string | null | undefined): T | null {
  if (!json) return null;
  try { return JSON.parse(json) as T; } catch { return null; }
}

/** What the workshops need of the bookings: a seat is a booking, found by its ref like any other. */
export interface SeatBookings {
  writeLookups(b: Booking): Promise<void>;
  rememberRef(ref: string, territory: string): void;
}

export class RedisWorkshops implements WorkshopsPort {
  private readonly run: RunScript<keyof typeof SCRIPTS>;

  constructor(private readonly redis: Redis | Cluster, private readonly k: RedisKeys, private readonly bookings: SeatBookings) {
    this.run = scriptRunner(redis, SCRIPTS);
  }

  /** A seat booking as stored in the workshop's territory, with the JSON the scripts compare against. */
  private async readSeat(t: string, ref: string): Promise<{ json: string; booking: Booking } | null> {
    const json = await this.redis.get(this.k.booking(t, ref));
    const booking = parseJson<Booking>(json);
    return json && booking ? { json, booking } : null;
  }

  private terr(id: string): string {
    const t = territoryOfWorkshop(id);
    if (!t) throw new Error(`bad workshop id ${id}`);
    return t;
  }

  async saveWorkshop(w: Workshop): Promise<void> {
    const t = this.terr(w.id);
    await this.redis.multi()
      .hset(this.k.ws(t, w.id), 'json', JSON.stringify(w), 'seats', w.seats, 'status', w.status, 'startsAt', w.startsAt, 'siteId', w.siteId)
      .zadd(this.k.wsIdx(t), w.startsAt, w.id)
      .exec();
  }

  async changeWorkshop(next: Workshop, expectedUpdatedAt: number, now: number): Promise<ChangeResult> {
    const t = this.terr(next.id);
    const r = (await this.run('wsChange', [this.k.ws(t, next.id), this.k.wsSeats(t, next.id), this.k.wsOffers(t, next.id), this.k.wsIdx(t)],
      [now, JSON.stringify(next), next.seats, next.startsAt, next.siteId, expectedUpdatedAt, next.id])) as [string, number?];
    if (r[0] === 'ok') return { ok: true };
    if (r[0] === 'below') return { ok: false, reason: 'below', taken: Number(r[1]) };
    return { ok: false, reason: r[0] as 'not-found' | 'closed' | 'started' | 'retry' };
  }

  async moveSeat(ref: string, w: Workshop): Promise<{ booking: Booking; changed: boolean } | null> {
    const t = this.terr(w.id);
    return compareAndSet(`moving seat ${ref}`, {
      read: () => this.readSeat(t, ref),
      decide: (cur) => planSeatMove(cur, w, Date.now()),
      write: async ({ json, booking }, { next }) => String(await this.run('wsMoveSeat',
        [this.k.booking(t, ref), this.k.idxAll(t), this.k.idxStatus(t, booking.status), this.k.idxPersonal(t)],
        [json, JSON.stringify(next), ref, next.startsAt])),
      answers: MOVE_ANSWERS,
    });
  }

  async switchSeat(ref: string, to: Workshop, now: number): Promise<SeatResult> {
    const t = this.terr(to.id);
    return compareAndSet(`switching seat ${ref}`, {
      read: () => this.readSeat(t, ref),
      decide: (cur) => planSeatSwitch(cur, to, now),
      write: async ({ json, booking }, { next }) => String(await this.run('wsSwitch',
        [...this.seatKeys(t, to.id, booking, this.k.wsWait(t, to.id)), this.k.wsSeats(t, booking.workshopId!)],
        [now, ref, JSON.stringify(next), next.startsAt, next.siteId, json])),
      answers: SEAT_ANSWERS,
    });
  }

  private async views(t: string, ids: readonly string[]): Promise<WorkshopView[]> {
    if (ids.length === 0) return [];
    const p = this.redis.pipeline();
    for (const id of ids) {
      p.hget(this.k.ws(t, id), 'json').scard(this.k.wsSeats(t, id)).zcard(this.k.wsOffers(t, id)).zcard(this.k.wsWait(t, id));
    }
    const r = ((await p.exec()) ?? []).map(([err, v]) => { if (err) throw err; return v; });
    const out: WorkshopView[] = [];
    ids.forEach((_, i) => {
      const w = parseJson<Workshop>(r[i * 4] as string | null);
      if (w) out.push({ ...w, seatsTaken: Number(r[i * 4 + 1]), seatsOffered: Number(r[i * 4 + 2]), waiting: Number(r[i * 4 + 3]) });
    });
    return out;
  }

  async getWorkshop(id: string): Promise<WorkshopView | null> {
    const t = territoryOfWorkshop(id);
    if (!t) return null;
    return (await this.views(t, [id]))[0] ?? null;
  }

  async listWorkshops(territory: string, q: { from?: number; to?: number } = {}): Promise<WorkshopView[]> {
    const ids = await this.redis.zrangebyscore(this.k.wsIdx(territory), q.from ?? '-inf', q.to !== undefined ? `(${q.to}` : '+inf');
    return this.views(territory, ids);
  }

  private seatKeys(t: string, id: string, b: Booking, second: string): string[] {
    return [
      this.k.ws(t, id), this.k.wsSeats(t, id), this.k.wsOffers(t, id), second,
      this.k.booking(t, b.ref), this.k.idxAll(t), this.k.idxStatus(t, b.status), this.k.idxPersonal(t),
    ];
  }

  async takeSeat(booking: Booking, now: number): Promise<SeatResult> {
    const id = booking.workshopId ?? '';
    const t = territoryOfWorkshop(id);
    if (!t || t !== booking.territory) return { ok: false, reason: 'not-found' };
    await this.bookings.writeLookups(booking);
    const r = await this.run('wsTake', this.seatKeys(t, id, booking, this.k.wsWait(t, id)),
      [now, booking.ref, JSON.stringify(booking), booking.startsAt, booking.siteId]);
    if (r === 'ok') { this.bookings.rememberRef(booking.ref, t); return { ok: true, booking }; }
    if (r === 'duplicate') throw new DuplicateRefError(booking.ref);
    return { ok: false, reason: r as 'full' | 'closed' | 'started' | 'not-found' | 'changed' };
  }

  async seatRefs(workshopId: string): Promise<string[]> {
    const t = territoryOfWorkshop(workshopId);
    return t ? (await this.redis.smembers(this.k.wsSeats(t, workshopId))).sort() : [];
  }

  async joinWaitlist(workshopId: string, entry: WaitEntry): Promise<JoinResult> {
    const t = territoryOfWorkshop(workshopId);
    if (!t) return { ok: false, reason: 'not-found' };
    const r = await this.run('wsJoin',
      [this.k.ws(t, workshopId), this.k.wsWait(t, workshopId), this.k.wsWaitData(t, workshopId), this.k.wsWaitPhones(t, workshopId), this.k.wsWaitSeq(t, workshopId)],
      [entry.id, entry.since, JSON.stringify(entry), entry.phone]);
    if (typeof r === 'number') return { ok: true, position: r };
    return { ok: false, reason: r as 'already' | 'not-found' | 'closed' };
  }

  async waitlist(workshopId: string): Promise<WaitEntry[]> {
    const t = territoryOfWorkshop(workshopId);
    if (!t) return [];
    const ids = await this.redis.zrange(this.k.wsWait(t, workshopId), 0, -1);
    if (ids.length === 0) return [];
    const jsons = await this.redis.hmget(this.k.wsWaitData(t, workshopId), ...ids);
    return jsons.map((j) => parseJson<WaitEntry>(j)).filter((e): e is WaitEntry => e !== null);
  }

  async leaveWaitlist(workshopId: string, phone: string): Promise<boolean> {
    const t = territoryOfWorkshop(workshopId);
    if (!t) return false;
    const r = await this.run('wsLeave', [this.k.wsWait(t, workshopId), this.k.wsWaitData(t, workshopId), this.k.wsWaitPhones(t, workshopId)], [phone]);
    return r === 1;
  }

  async offerNext(workshopId: string, now: number, expiresAt: number, offerId: string): Promise<Offer | null> {
    const t = territoryOfWorkshop(workshopId);
    if (!t) return null;
    const r = await this.run('wsOffer', [
      this.k.ws(t, workshopId), this.k.wsSeats(t, workshopId), this.k.wsOffers(t, workshopId), this.k.wsOfferData(t, workshopId),
      this.k.wsWait(t, workshopId), this.k.wsWaitData(t, workshopId), this.k.wsWaitPhones(t, workshopId),
    ], [now, expiresAt, offerId]);
    const entry = parseJson<WaitEntry>(typeof r === 'string' ? r : null);
    return entry ? { id: offerId, workshopId, territory: t, entry, expiresAt } : null;
  }

  async offers(workshopId: string): Promise<Offer[]> {
    const t = territoryOfWorkshop(workshopId);
    if (!t) return [];
    const flat = await this.redis.zrange(this.k.wsOffers(t, workshopId), 0, -1, 'WITHSCORES');
    const ids = flat.filter((_, i) => i % 2 === 0);
    if (ids.length === 0) return [];
    const jsons = await this.redis.hmget(this.k.wsOfferData(t, workshopId), ...ids);
    const out: Offer[] = [];
    ids.forEach((id, i) => {
      const entry = parseJson<WaitEntry>(jsons[i]);
      if (entry) out.push({ id, workshopId, territory: t, entry, expiresAt: Number(flat[i * 2 + 1]) });
    });
    return out;
  }

  async expireOffers(workshopId: string, now: number): Promise<Offer[]> {
    const t = territoryOfWorkshop(workshopId);
    if (!t) return [];
    const flat = (await this.run('wsExpire', [this.k.wsOffers(t, workshopId), this.k.wsOfferData(t, workshopId)], [now])) as string[];
    const out: Offer[] = [];
    for (let i = 0; i + 2 < flat.length; i += 3) {
      const entry = parseJson<WaitEntry>(flat[i + 2]);
      if (entry) out.push({ id: flat[i], workshopId, territory: t, entry, expiresAt: Number(flat[i + 1]) });
    }
    return out;
  }

  async claimOffer(workshopId: string, offerId: string, booking: Booking, now: number): Promise<ClaimResult> {
    const t = territoryOfWorkshop(workshopId);
    if (!t || t !== booking.territory) return { ok: false, reason: 'not-found' };
    const b: Booking = { ...booking, workshopId };
    await this.bookings.writeLookups(b);
    const r = await this.run('wsClaim', this.seatKeys(t, workshopId, b, this.k.wsOfferData(t, workshopId)),
      [now, b.ref, JSON.stringify(b), b.startsAt, offerId, b.siteId]);
    if (r === 'ok') { this.bookings.rememberRef(b.ref, t); return { ok: true, booking: b }; }
    if (r === 'duplicate') throw new DuplicateRefError(b.ref);
    return { ok: false, reason: r as 'expired' | 'not-found' | 'closed' | 'started' | 'changed' };
  }

  async dropOffer(workshopId: string, offerId: string): Promise<boolean> {
    const t = territoryOfWorkshop(workshopId);
    if (!t) return false;
    return (await this.run('wsDrop', [this.k.wsOffers(t, workshopId), this.k.wsOfferData(t, workshopId)], [offerId])) === 1;
  }
}

// Key naming of the Redis store, in one place. Every key starts with the prefix.
// Hash tags ({...}) decide the Redis Cluster slot: all the keys one Lua script touches share
// one tag — one per territory for slots, bookings and their indexes; one per conversation
// key for locks and documents.
import type { BookingStatus } from '../booking/model';

/** Braces inside a free-form key would change the hash tag: escape them (and '%'). */
export function tagSafe(s: string): string {
  return s.replace(/%/g, '%25').replace(/\{/g, '%7B').replace(/\}/g, '%7D');
}

export function redisKeys(prefix: string) {
  const t = (territory: string) => `${prefix}{${tagSafe(territory)}}`;
  return {
    /** Value: a hold id (with a TTL) or the booking ref (booked). */
    slot: (territory: string, slotId: string) => `${t(territory)}:slot:${slotId}`,
    /** Booking JSON. */
    booking: (territory: string, ref: string) => `${t(territory)}:booking:${ref}`,
    /** Sorted sets of refs scored by startsAt. */
    idxAll: (territory: string) => `${t(territory)}:idx:all`,
    idxStatus: (territory: string, status: BookingStatus) => `${t(territory)}:idx:status:${status}`,
    /** Bookings still carrying personal data (what purgeBefore walks). */
    idxPersonal: (territory: string) => `${t(territory)}:idx:personal`,
    /**
     * Workshop hash (fields json, seats, status, startsAt) and its seat set, offers (zset by
     * expiry, + data hash), waiting list (zset by arrival, + data hash, + phone → entry id).
     */
    ws: (territory: string, id: string) => `${t(territory)}:ws:${id}`,
    wsSeats: (territory: string, id: string) => `${t(territory)}:ws:${id}:seats`,
    wsOffers: (territory: string, id: string) => `${t(territory)}:ws:${id}:offers`,
    wsOfferData: (territory: string, id: string) => `${t(territory)}:ws:${id}:offers:data`,
    wsWait: (territory: string, id: string) => `${t(territory)}:ws:${id}:wait`,
    wsWaitData: (territory: string, id: string) => `${t(territory)}:ws:${id}:wait:data`,
    wsWaitPhones: (territory: string, id: string) => `${t(territory)}:ws:${id}:wait:phones`,
    /** Arrival counter: the waiting list's order, even within one millisecond. */
    wsWaitSeq: (territory: string, id: string) => `${t(territory)}:ws:${id}:wait:seq`,
    /** Sorted set of workshop ids scored by startsAt. */
    wsIdx: (territory: string) => `${t(territory)}:idx:ws`,
    /** Cross-territory lookups, written before the booking itself (dangling entries are ignored). */
    ref: (ref: string) => `${prefix}ref:${ref}`,
    /** Set of `${territory}|${ref}`. */
    phone: (phone: string) => `${prefix}phone:${phone}`,
    /** Set of territories that ever had a booking (purgeBefore walks them). */
    territories: () => `${prefix}territories`,
    optOut: (phone: string) => `${prefix}optout:${phone}`,
    seen: (key: string) => `${prefix}seen:${key}`,
    hits: (key: string) => `${prefix}hits:${key}`,
    log: (key: string) => `${prefix}log:${key}`,
    lock: (key: string) => `${prefix}{lock:${tagSafe(key)}}:owner`,
    lockFence: (key: string) => `${prefix}{lock:${tagSafe(key)}}:fence`,
    doc: (key: string) => `${prefix}{doc:${tagSafe(key)}}`,
    /** withLockedDoc's lock: same hash tag as its document, so one script takes both. */
    docLock: (key: string) => `${prefix}{doc:${tagSafe(key)}}:lock`,
    docLockFence: (key: string) => `${prefix}{doc:${tagSafe(key)}}:fence`,
    /** Hash of permanent records of one namespace (field = record id, value = JSON). */
    records: (ns: string) => `${prefix}rec:${tagSafe(ns)}`,
    /** The catalogue document (JSON) and its version counter: one hash tag, one script. */
    catalogueDoc: () => `${prefix}{catalogue}:doc`,
    catalogueVersion: () => `${prefix}{catalogue}:version`,
  };
}
export type RedisKeys = ReturnType<typeof redisKeys>;

/** Member of a phone index set. */
export function phoneMember(territory: string, ref: string): string {
  return `${territory}|${ref}`;
}
export function parsePhoneMember(m: string): { territory: string; ref: string } | null {
  const i = m.lastIndexOf('|');
  return i > 0 ? { territory: m.slice(0, i), ref: m.slice(i + 1) } : null;
}

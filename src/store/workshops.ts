// Workshops, a port of the store: seats counted atomically, a waiting list, and offers that
// hold a freed seat for one waiting person. Both stores implement it (memory-workshops.ts,
// redis-workshops.ts) and pass one contract (test/store/workshop-contract.ts).
import type { Booking } from '../booking/model';
import type { Offer, WaitEntry, Workshop, WorkshopView } from '../booking/workshop';

export type SeatResult =
  | { ok: true; booking: Booking }
  /**
   * full: no seat left, or people are waiting (a freed seat goes to the waiting list first).
   * changed: the booking's start or site is no longer the workshop's (changed meanwhile).
   */
  | { ok: false; reason: 'full' | 'closed' | 'started' | 'not-found' | 'changed' };

export type ClaimResult =
  | { ok: true; booking: Booking }
  | { ok: false; reason: 'expired' | 'not-found' | 'closed' | 'started' | 'changed' };

export type ChangeResult =
  | { ok: true }
  /**
   * below: more seats taken (participants + live offers: `taken`) than the new count.
   * retry: the workshop was changed since `expectedUpdatedAt` (read it again).
   */
  | { ok: false; reason: 'not-found' | 'closed' | 'started' | 'retry' }
  | { ok: false; reason: 'below'; taken: number };

export type JoinResult = { ok: true; position: number } | { ok: false; reason: 'already' | 'not-found' | 'closed' };

export interface WorkshopsPort {
  /** Create or replace a workshop (its counts are kept). */
  saveWorkshop(w: Workshop): Promise<void>;
  /**
   * One atomic step, against the seat-taking ones: replaces a scheduled, not started workshop
   * (unchanged since `expectedUpdatedAt`) unless more seats are taken or held by an offer than
   * `next.seats`. Its seats' bookings are moved separately (moveSeat).
   */
  changeWorkshop(next: Workshop, expectedUpdatedAt: number, now: number): Promise<ChangeResult>;
  /**
   * Gives a pending or confirmed seat booking of this workshop its start, end and site (and
   * the matching slot id), with its index entries. Null when not such a seat.
   */
  moveSeat(ref: string, w: Workshop): Promise<{ booking: Booking; changed: boolean } | null>;
  /**
   * One atomic step: the seat of this booking moves to workshop `to` (takeSeat's rules for the
   * new seat: scheduled, not started, nobody waiting, a seat left); the old seat is freed by the
   * same step. not-found: no such workshop, or the booking is no active seat.
   */
  switchSeat(ref: string, to: Workshop, now: number): Promise<SeatResult>;
  getWorkshop(id: string): Promise<WorkshopView | null>;
  /** Workshops of a territory starting in [from, to), by start. */
  listWorkshops(territory: string, q?: { from?: number; to?: number }): Promise<WorkshopView[]>;
  /**
   * One atomic step: a seat for this booking (kind "workshop", status as given) if the
   * workshop is scheduled, not started, nobody waits and seats minus taken minus live offers > 0,
   * and the booking has the workshop's start and site.
   */
  takeSeat(booking: Booking, now: number): Promise<SeatResult>;
  /** Refs holding a seat. */
  seatRefs(workshopId: string): Promise<string[]>;
  /** Joins the end of the waiting list (once per phone). */
  joinWaitlist(workshopId: string, entry: WaitEntry): Promise<JoinResult>;
  waitlist(workshopId: string): Promise<WaitEntry[]>;
  /** Leaves the waiting list; true if the phone was on it. */
  leaveWaitlist(workshopId: string, phone: string): Promise<boolean>;
  /**
   * If a seat is free, the workshop scheduled and not started at `now`, moves the first waiting
   * person to an offer holding that seat until `expiresAt`. Null when nothing to offer.
   */
  offerNext(workshopId: string, now: number, expiresAt: number, offerId: string): Promise<Offer | null>;
  /** Live offers and expired ones not yet collected (expireOffers collects them). */
  offers(workshopId: string): Promise<Offer[]>;
  /** Removes offers expired at `now` and returns them (their seats are free again). */
  expireOffers(workshopId: string, now: number): Promise<Offer[]>;
  /** Turns a live offer into a seat for this booking, in one atomic step. */
  claimOffer(workshopId: string, offerId: string, booking: Booking, now: number): Promise<ClaimResult>;
  /** The person said no: the offer goes, the seat is free. */
  dropOffer(workshopId: string, offerId: string): Promise<boolean>;
}

// What a coordinator can do, independent of HTTP: the JSON API and the pages both call this.
// Every action checks the territory, goes through the store's atomic steps, and only when
// the booking really changed: audit entry, notice to the beneficiary, reminder scheduling.
import { DateTime } from 'luxon';
import type { Catalogue } from '../booking/catalogue';
import { isActive, transitionSources } from '../booking/lifecycle';
import type { Attendance, Booking, BookingStatus, Slot } from '../booking/model';
import { generateSlots, ZONE } from '../booking/slots';
import type { Logger } from '../log';
import type { NoticeEvent } from '../notices';
import type { TransitionResult } from '../store/bookings';
import type { Store } from '../store/store';
import { allPages } from '../store/paging';
import type { Account } from './accounts';
import type { AuditAction, AuditEntry, AuditTrail } from '../audit';

export interface ReminderScheduler { schedule(booking: Booking): Promise<void> }

export interface CoordinatorDeps {
  store: Pick<Store, 'bookings'>;
  catalogue: Catalogue;
  logger: Logger;
  now: () => Date;
  /** The one audit trail of the app (the person's actions and the jobs write to it too). */
  audit: AuditTrail;
  notify: (booking: Booking, event: NoticeEvent) => Promise<unknown>;
  reminders?: ReminderScheduler;
}

export type Failure =
  | { ok: false; code: 'not-found' | 'forbidden' | 'past' | 'not-started' | 'bad-slot' | 'slot-taken' }
  | { ok: false; code: 'conflict'; status: BookingStatus };
export type ActionResult = { ok: true; booking: Booking; changed: boolean } | Failure;

export const MAX_SLOTS = 200;

/** `2026-12-01` (Paris midnight) or an ISO date-time with an offset → epoch ms. */
export function parseWhen(s: string): number | null {
  const dt = DateTime.fromISO(s.trim(), { zone: ZONE });
  return dt.isValid ? dt.toMillis() : null;
}

export class CoordinatorService {
  readonly audit: AuditTrail;

  constructor(private readonly d: CoordinatorDeps) {
    this.audit = d.audit;
  }

  get catalogue(): Catalogue { return this.d.catalogue; }

  async list(account: Account, q: { status?: BookingStatus; siteId?: string; from?: number; to?: number; offset?: number; limit?: number }) {
    return this.d.store.bookings.list({ territory: account.territory, ...q });
  }

  /** Every booking of one status in the territory (the page sorts them its own way). */
  async all(account: Account, status: BookingStatus, siteId?: string): Promise<Booking[]> {
    return allPages((offset, limit) => this.d.store.bookings.list({ territory: account.territory, status, siteId, offset, limit }), 1000, 10_000);
  }

  async get(account: Account, ref: string): Promise<{ ok: true; booking: Booking } | Failure> {
    const booking = await this.d.store.bookings.get(ref);
    if (!booking) return { ok: false, code: 'not-found' };
    if (booking.territory !== account.territory) return { ok: false, code: 'forbidden' };
    return { ok: true, booking };
  }

  async history(ref: string): Promise<AuditEntry[]> {
    return this.audit.read(ref);
  }

  async confirm(account: Account, ref: string): Promise<ActionResult> {
    const cur = await this.get(account, ref);
    if (!cur.ok) return cur;
    if (cur.booking.status !== 'confirmed' && cur.booking.startsAt <= this.d.now().getTime()) return { ok: false, code: 'past' };
    const r = await this.d.store.bookings.transition(ref, transitionSources('confirmed'), 'confirmed');
    return this.after(account, cur.booking, r, 'confirm', 'confirmed');
  }

  async decline(account: Account, ref: string, reason: string): Promise<ActionResult> {
    const cur = await this.get(account, ref);
    if (!cur.ok) return cur;
    const r = await this.d.store.bookings.transition(ref, transitionSources('declined'), 'declined', { declineReason: reason });
    return this.after(account, cur.booking, r, 'decline', 'declined', reason);
  }

  /** Seen / no-show / excused, once the appointment has started (contract: 409 before). */
  async attendance(account: Account, ref: string, status: Attendance): Promise<ActionResult> {
    const cur = await this.get(account, ref);
    if (!cur.ok) return cur;
    if (cur.booking.startsAt > this.d.now().getTime()) return { ok: false, code: 'not-started' };
    const r = await this.d.store.bookings.setAttendance(ref, status);
    if (!r.ok) {
      if (r.reason === 'not-found') return { ok: false, code: 'not-found' };
      return { ok: false, code: 'conflict', status: cur.booking.status };
    }
    if (r.changed) this.d.logger.info('attendance recorded', { ref, attendance: status, coordinator: account.id });
    return { ok: true, booking: r.booking, changed: r.changed };
  }

  /** How many times this person did not come without warning, in the coordinator's territory. */
  async noShows(account: Account, phone: string): Promise<number> {
    const mine = await this.d.store.bookings.byPhone(phone);
    return mine.filter((b) => b.territory === account.territory && b.attendance === 'noshow').length;
  }

  async reschedule(account: Account, ref: string, slotId: string): Promise<ActionResult> {
    const cur = await this.get(account, ref);
    if (!cur.ok) return cur;
    const b = cur.booking;
    if (!isActive(b.status)) return { ok: false, code: 'conflict', status: b.status };
    const slot = this.candidateSlots(b.siteId, { booking: b }).find((s) => s.id === slotId);
    if (!slot) return slotId === b.slotId ? { ok: true, booking: b, changed: false } : { ok: false, code: 'bad-slot' };
    const r = await this.d.store.bookings.reschedule(ref, slot);
    if (!r.ok && r.reason === 'slot-taken') return { ok: false, code: 'slot-taken' };
    return this.after(account, b, r, 'reschedule', 'moved');
  }

  /**
   * Bookable slots of a site (free or not): what generateSlots offers from now on. A home
   * visit stays a home visit with the same volunteer (who knows the person's commune).
   */
  candidateSlots(siteId: string, opts: { from?: number; booking?: Booking } = {}): Slot[] {
    const b = opts.booking;
    return generateSlots(this.d.catalogue, {
      now: this.d.now(), siteIds: [siteId], ...(b?.mode === 'home' ? { volunteerIds: [b.volunteerId] } : {}),
    })
      .filter((s) => opts.from === undefined || s.startsAt >= opts.from)
      .map((s) => (b?.mode === 'home' ? { ...s, mode: 'home' as const } : s));
  }

  async freeSlots(siteId: string, opts: { from?: number; booking?: Booking } = {}): Promise<Slot[]> {
    const all = this.candidateSlots(siteId, opts);
    const taken = await this.d.store.bookings.takenAmong(all);
    return all.filter((s) => !taken.has(s.id)).slice(0, MAX_SLOTS);
  }

  private async after(
    account: Account, before: Booking, r: TransitionResult, action: AuditAction, event: NoticeEvent, reason?: string,
  ): Promise<ActionResult> {
    if (!r.ok) {
      if (r.reason === 'not-found') return { ok: false, code: 'not-found' };
      if (r.reason === 'slot-taken') return { ok: false, code: 'slot-taken' };
      const now = await this.d.store.bookings.get(before.ref);
      return { ok: false, code: 'conflict', status: now?.status ?? before.status };
    }
    if (!r.changed) return { ok: true, booking: r.booking, changed: false };
    const after = r.booking;
    this.d.logger.info('coordinator action', { ref: after.ref, action, coordinator: account.id, status: after.status });
    // The decision is made: what follows must not turn it into an error for the coordinator.
    await this.audit.append(before, after, action, { kind: 'coordinator', id: account.id, name: account.name }, reason)
      .catch((err) => this.d.logger.error('audit append failed', { ref: after.ref, err }));
    await this.d.notify(after, event).catch((err) => this.d.logger.error('notice failed', { ref: after.ref, event, err }));
    if (after.status === 'confirmed' && this.d.reminders) {
      await this.d.reminders.schedule(after).catch((err) => this.d.logger.error('reminder scheduling failed', { ref: after.ref, err }));
    }
    return { ok: true, booking: after, changed: true };
  }
}

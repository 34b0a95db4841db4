// What a person can do about their own bookings, independent of the channel: the twin of
// CoordinatorService. Dialogs only talk and call this; it goes through the store's atomic
// steps and the booking lifecycle, and writes the person's actions to the audit trail.
// "Who" is what the channel proved (a phone number) plus the references this conversation
// booked (web users have no phone to look up).
import type { AuditTrail } from '../audit';
import type { Catalogue } from '../booking/catalogue';
import { isUpcoming, statusAfterMove, transitionSources } from '../booking/lifecycle';
import type { Booking, Channel, Slot } from '../booking/model';
import { findProposals, type ProposalRequest, type ProposalResult } from '../booking/proposals';
import { newRefCode, refCodeFor } from '../booking/refcode';
import type { Form } from '../conversation/form';
import { bookingFromForm } from '../conversation/to-booking';
import { t } from '../i18n';
import type { Logger } from '../log';
import { DuplicateRefError } from '../booking/refcode';
import type { Store } from '../store/store';
import { seatsLeft, type WorkshopView } from '../booking/workshop';

export interface PersonDeps {
  store: Pick<Store, 'bookings' | 'workshops'>;
  catalogue: Catalogue;
  logger: Logger;
  now: () => Date;
  /** How long a chosen slot is held while the person confirms. */
  holdMinutes: number;
  /** Cancellations and erasures by the person go to the booking's audit trail (coordinators see them). */
  audit: Pick<AuditTrail, 'append'>;
  /** Told once a request is stored (the SMS to the beneficiary); a failure never undoes the booking. */
  onRequested?: (booking: Booking) => Promise<unknown>;
  /** No change by the person this close to the start (CHANGE_MIN_HOURS, default 24). */
  changeMinHours?: number;
  /**
   * Told once the person moved a booking (the SMS to the beneficiary unless the conversation
   * itself was that SMS: `toldHere`; reminders). A failure never undoes the move.
   */
  onMoved?: (before: Booking, after: Booking, toldHere: boolean) => Promise<unknown>;
}

/** The person writing, as far as the channel proved it. */
export interface Person {
  /** Proven phone number (signed SMS), never a claimed one. */
  phone?: string;
  /** References booked in this conversation. */
  refs: readonly string[];
}

/** Where a request comes from (kept on the booking: proactive messages go back there). */
export interface RequestOrigin { channel: Channel; conversationId?: string }

export type HoldOutcome = { ok: true; holdId: string } | { ok: false; code: 'slot-taken' };
export type CommitOutcome = { ok: true; booking: Booking } | { ok: false; code: 'hold-lost' };
export type CancelOutcome =
  | { ok: true; booking: Booking; changed: boolean }
  | { ok: false; code: 'not-found' | 'conflict' };
export interface EraseOutcome { bookings: number; cancelled: number }
export type Changeable = 'ok' | 'too-late';
export type MoveOutcome =
  | { ok: true; booking: Booking; before: Booking }
  | { ok: false; code: 'not-found' | 'too-late' | 'slot-taken' | 'full' };

const HOUR_MS = 3600_000;

/** Attempts at drawing a fresh reference when the random one already exists. */
const REF_ATTEMPTS = 4;

export class PersonService {
  constructor(private readonly d: PersonDeps) {}

  get catalogue(): Catalogue { return this.d.catalogue; }

  /** Up to a few free slots for the request (see findProposals). */
  proposals(request: ProposalRequest): Promise<ProposalResult> {
    return findProposals(this.d.catalogue, this.d.store.bookings, request, this.d.now());
  }

  /** Holds a proposed slot while the person confirms; another person may have just taken it. */
  async hold(slot: Slot): Promise<HoldOutcome> {
    const held = await this.d.store.bookings.hold(slot, this.d.holdMinutes * 60_000);
    return held.ok ? { ok: true, holdId: held.holdId } : { ok: false, code: 'slot-taken' };
  }

  /** Lets a held slot go (no-op when the hold is not ours any more). */
  release(slot: Slot, holdId: string): Promise<void> {
    return this.d.store.bookings.releaseHold(slot, holdId);
  }

  /** The complete request becomes a pending booking, on the slot the form holds. */
  async commit(form: Form, origin: RequestOrigin): Promise<CommitOutcome> {
    const holdId = form.chosen?.holdId;
    if (!holdId) return { ok: false, code: 'hold-lost' };
    for (let attempt = 1; ; attempt++) {
      // First the reference the hold determines: see recommitted() below.
      const ref = attempt === 1 ? refCodeFor(holdId) : newRefCode();
      const booking = bookingFromForm(form, { ...origin, ref, now: this.d.now().getTime() });
      try {
        const r = await this.d.store.bookings.commit(booking, holdId);
        if (!r.ok) {
          const prior = await this.recommitted(holdId, origin);
          return prior ? { ok: true, booking: prior } : { ok: false, code: 'hold-lost' };
        }
        this.d.logger.info('booking pending', { ref: r.booking.ref, site: r.booking.siteId, channel: r.booking.channel });
        if (this.d.onRequested) {
          await this.d.onRequested(r.booking).catch((err: unknown) => this.d.logger.warn('request notice failed', { ref: r.booking.ref, err }));
        }
        return { ok: true, booking: r.booking };
      } catch (err) {
        // One chance in a billion: the random reference exists already. Draw another.
        if (!(err instanceof DuplicateRefError) || attempt >= REF_ATTEMPTS) throw err;
      }
    }
  }

  /**
   * A commit of this very hold that already happened — the process died before the answer,
   * so the conversation is still at the recap and the person says "oui" again: they get the
   * reference of the booking they have, not a second one.
   */
  private async recommitted(holdId: string, origin: RequestOrigin): Promise<Booking | undefined> {
    const prior = await this.d.store.bookings.get(refCodeFor(holdId));
    if (!prior || prior.conversationId !== origin.conversationId || prior.channel !== origin.channel) return undefined;
    if (!isUpcoming(prior, this.d.now().getTime())) return undefined;
    this.d.logger.info('booking answer recovered after a lost turn', { ref: prior.ref });
    return prior;
  }

  /** Every booking of this person, past and upcoming, cancelled or not. */
  async all(who: Person): Promise<Booking[]> {
    const found = who.phone ? await this.d.store.bookings.byPhone(who.phone) : [];
    const known = new Set(found.map((b) => b.ref));
    for (const ref of who.refs) {
      if (known.has(ref)) continue;
      const b = await this.d.store.bookings.get(ref);
      if (b) { found.push(b); known.add(ref); }
    }
    return found;
  }

  /** "My bookings": the upcoming active ones, soonest first. */
  async upcoming(who: Person): Promise<Booking[]> {
    const now = this.d.now().getTime();
    return (await this.all(who)).filter((b) => isUpcoming(b, now)).sort((a, b) => a.startsAt - b.startsAt);
  }

  /** Cancels one of the person's upcoming bookings. */
  async cancel(who: Person, ref: string): Promise<CancelOutcome> {
    const before = (await this.upcoming(who)).find((b) => b.ref === ref);
    if (!before) return { ok: false, code: 'not-found' };
    const r = await this.d.store.bookings.transition(ref, transitionSources('cancelled'), 'cancelled');
    if (!r.ok) return { ok: false, code: r.reason === 'not-found' ? 'not-found' : 'conflict' };
    if (r.changed) {
      await this.d.audit.append(before, r.booking, 'cancel', { kind: 'beneficiary' });
      this.d.logger.info('booking cancelled by beneficiary', { ref });
    }
    return { ok: true, booking: r.booking, changed: r.changed };
  }

  // ---- changing an appointment ("déplacer") ------------------------------------------

  /** Whether the person may still move it themself (else they call the team). */
  changeable(b: Pick<Booking, 'startsAt'>): Changeable {
    return b.startsAt - this.d.now().getTime() < (this.d.changeMinHours ?? 24) * HOUR_MS ? 'too-late' : 'ok';
  }

  /** Other slots for a booking: the same search as a new request, from its place (its site first), same topic. */
  changeProposals(b: Booking, window: ProposalRequest['window'], exclude: readonly string[] = []): Promise<ProposalResult> {
    const site = this.d.catalogue.sites.get(b.siteId);
    const from = site?.location ?? { lat: 0, lon: 0 };
    return this.proposals({ topic: b.topic, from, territory: b.territory, homeVisit: b.mode === 'home', window, exclude });
  }

  /** Other sessions of the same workshop topic, with a seat left, soonest first. */
  async otherSessions(b: Booking): Promise<WorkshopView[]> {
    const now = this.d.now().getTime();
    const all = await this.d.store.workshops.listWorkshops(b.territory, { from: now + (this.d.changeMinHours ?? 24) * HOUR_MS });
    return all.filter((w) => w.id !== b.workshopId && w.topic === b.topic && w.status === 'scheduled' && seatsLeft(w) > 0 && w.waiting === 0);
  }

  /**
   * Moves one of the person's upcoming bookings onto the slot they hold (individual) or to
   * another session (workshop seat), in one atomic step of the store: the old slot is freed
   * only when the new one is taken; the reference stays; the audit trail says who moved it.
   */
  async move(who: Person, ref: string, to: { slot: Slot; holdId: string } | { workshop: WorkshopView }): Promise<MoveOutcome> {
    const before = (await this.upcoming(who)).find((b) => b.ref === ref);
    if (!before) return { ok: false, code: 'not-found' };
    if (this.changeable(before) === 'too-late') return { ok: false, code: 'too-late' };
    let after: Booking;
    if ('workshop' in to) {
      const { seatsTaken: _t, seatsOffered: _o, waiting: _w, ...w } = to.workshop;
      const r = await this.d.store.workshops.switchSeat(ref, w, this.d.now().getTime());
      if (!r.ok) return { ok: false, code: r.reason === 'not-found' ? 'not-found' : 'full' };
      after = r.booking;
    } else {
      const r = await this.d.store.bookings.reschedule(ref, to.slot, { holdId: to.holdId, status: statusAfterMove(before, 'person') });
      if (!r.ok) return { ok: false, code: r.reason === 'slot-taken' ? 'slot-taken' : 'not-found' };
      after = r.booking;
    }
    await this.d.audit.append(before, after, 'reschedule', { kind: 'beneficiary' }, t('change.auditReason'))
      .catch((err: unknown) => this.d.logger.error('audit append failed', { ref, err }));
    this.d.logger.info('booking moved by beneficiary', { ref, status: after.status });
    if (this.d.onMoved) {
      await this.d.onMoved(before, after, who.phone === after.beneficiary.phone)
        .catch((err: unknown) => this.d.logger.warn('move notice failed', { ref, err }));
    }
    return { ok: true, booking: after, before };
  }

  /** SUPPRIMER: upcoming bookings are cancelled, then the person's data is erased from every booking. */
  async erase(who: Person): Promise<EraseOutcome> {
    const bookings = await this.all(who);
    const now = this.d.now().getTime();
    let cancelled = 0;
    for (const b of bookings) {
      if (isUpcoming(b, now)) {
        const r = await this.d.store.bookings.transition(b.ref, transitionSources('cancelled'), 'cancelled');
        if (r.ok && r.changed) {
          cancelled += 1;
          await this.d.audit.append(b, r.booking, 'cancel', { kind: 'beneficiary' }, t('erase.auditReason'));
        }
      }
      await this.d.store.bookings.erase(b.ref);
    }
    this.d.logger.info('personal data erased on request', { bookings: bookings.length, cancelled });
    return { bookings: bookings.length, cancelled };
  }
}

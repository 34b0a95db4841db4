// What a person can do about their own bookings, independent of the channel: the twin of
// CoordinatorService. Dialogs only talk and call this; it goes through the store's atomic
// steps and the booking lifecycle, and writes the person's actions to the audit trail.
// "Who" is what the channel proved (a phone number) plus the references this conversation
// booked (web users have no phone to look up).
import type { AuditTrail } from '../audit';
import type { Catalog } from '../booking/catalog';
import { isUpcoming, transitionSources } from '../booking/lifecycle';
import type { Booking, Channel, Slot } from '../booking/model';
import { findProposals, type ProposalRequest, type ProposalResult } from '../booking/proposals';
import { newRefCode, refCodeFor } from '../booking/refcode';
import type { Form } from '../conversation/form';
import { bookingFromForm } from '../conversation/to-booking';
import { t } from '../i18n';
import type { Logger } from '../log';
import { DuplicateRefError } from '../store/lifecycle';
import type { Store } from '../store/store';

export interface PersonDeps {
  store: Store;
  catalog: Catalog;
  logger: Logger;
  now: () => Date;
  /** How long a chosen slot is held while the person confirms. */
  holdMinutes: number;
  /** Cancellations and erasures by the person go to the booking's audit trail (coordinators see them). */
  audit: Pick<AuditTrail, 'append'>;
  /** Told once a request is stored (the SMS to the beneficiary); a failure never undoes the booking. */
  onRequested?: (booking: Booking) => Promise<unknown>;
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

/** Attempts at drawing a fresh reference when the random one already exists. */
const REF_ATTEMPTS = 4;

export class PersonService {
  constructor(private readonly d: PersonDeps) {}

  get catalog(): Catalog { return this.d.catalog; }

  /** Up to a few free slots for the request (see findProposals). */
  proposals(request: ProposalRequest): Promise<ProposalResult> {
    return findProposals(this.d.catalog, this.d.store, request, this.d.now());
  }

  /** Holds a proposed slot while the person confirms; another person may have just taken it. */
  async hold(slot: Slot): Promise<HoldOutcome> {
    const held = await this.d.store.hold(slot, this.d.holdMinutes * 60_000);
    return held.ok ? { ok: true, holdId: held.holdId } : { ok: false, code: 'slot-taken' };
  }

  /** Lets a held slot go (no-op when the hold is not ours any more). */
  release(slot: Slot, holdId: string): Promise<void> {
    return this.d.store.releaseHold(slot, holdId);
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
        const r = await this.d.store.commitBooking(booking, holdId);
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
    const prior = await this.d.store.getBooking(refCodeFor(holdId));
    if (!prior || prior.conversationId !== origin.conversationId || prior.channel !== origin.channel) return undefined;
    if (!isUpcoming(prior, this.d.now().getTime())) return undefined;
    this.d.logger.info('booking answer recovered after a lost turn', { ref: prior.ref });
    return prior;
  }

  /** Every booking of this person, past and upcoming, cancelled or not. */
  async all(who: Person): Promise<Booking[]> {
    const found = who.phone ? await this.d.store.bookingsByPhone(who.phone) : [];
    const known = new Set(found.map((b) => b.ref));
    for (const ref of who.refs) {
      if (known.has(ref)) continue;
      const b = await this.d.store.getBooking(ref);
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
    const r = await this.d.store.transition(ref, transitionSources('cancelled'), 'cancelled');
    if (!r.ok) return { ok: false, code: r.reason === 'not-found' ? 'not-found' : 'conflict' };
    if (r.changed) {
      await this.d.audit.append(before, r.booking, 'cancel', { kind: 'beneficiary' });
      this.d.logger.info('booking cancelled by beneficiary', { ref });
    }
    return { ok: true, booking: r.booking, changed: r.changed };
  }

  /** SUPPRIMER: upcoming bookings are cancelled, then the person's data is erased from every booking. */
  async erase(who: Person): Promise<EraseOutcome> {
    const bookings = await this.all(who);
    const now = this.d.now().getTime();
    let cancelled = 0;
    for (const b of bookings) {
      if (isUpcoming(b, now)) {
        const r = await this.d.store.transition(b.ref, transitionSources('cancelled'), 'cancelled');
        if (r.ok && r.changed) {
          cancelled += 1;
          await this.d.audit.append(b, r.booking, 'cancel', { kind: 'beneficiary' }, t('erase.auditReason'));
        }
      }
      await this.d.store.eraseBooking(b.ref);
    }
    this.d.logger.info('personal data erased on request', { bookings: bookings.length, cancelled });
    return { bookings: bookings.length, cancelled };
  }
}

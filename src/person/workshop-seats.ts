// The person's seat at a workshop (the person's side, as PersonService is for appointments):
// upcoming workshops of a topic, taking a seat, joining the waiting list, answering an offer.
import type { Catalogue } from '../booking/catalogue';
import type { Booking, Channel, TopicId } from '../booking/model';
import { newRefCode } from '../booking/refcode';
import { endOf, randomId, seatSlotId, type Offer, type WaitEntry, type Workshop, type WorkshopView } from '../booking/workshop';
import { DuplicateRefError } from '../booking/refcode';
import { CHANGE_ATTEMPTS, type WorkshopDeps } from '../workshops/deps';
import type { WorkshopMessages } from '../workshops/messages';
import { offerDoc, type WaitingListOffers } from '../workshops/offers';
import { proposeWorkshops, type Near } from '../workshops/rules';

export interface SeatHolder {
  name: string; phone: string; requestedBy: 'self' | 'relative'; channel: Channel; conversationId?: string; smsConsent?: boolean;
}

export type SeatOutcome =
  | { ok: true; booking: Booking }
  | { ok: false; reason: 'full' | 'closed' | 'started' | 'not-found' | 'already'; booking?: Booking };

export class WorkshopSeats {
  constructor(
    private readonly d: WorkshopDeps, private readonly offers: WaitingListOffers, private readonly m: WorkshopMessages,
    /** After a NON to an offer: the waiting list moves on at once (the job's tick). */
    private readonly afterDecline: () => Promise<unknown>,
  ) {}

  get catalogue(): Catalogue { return this.d.catalogue; }
  private now(): number { return this.d.now().getTime(); }

  /** Upcoming workshops of a topic, nearest and soonest first, across territories. */
  async upcoming(topic: TopicId | null, near?: Near, max?: number): Promise<WorkshopView[]> {
    const now = this.now();
    const all = (await Promise.all([...this.d.catalogue.territories.keys()].map((t) => this.d.store.workshops.listWorkshops(t, { from: now }))))
      .flat();
    return proposeWorkshops(all, this.d.catalogue, { topic, near, now, max });
  }

  async get(id: string): Promise<WorkshopView | null> {
    return this.d.store.workshops.getWorkshop(id);
  }

  private seatBooking(w: Workshop, p: SeatHolder, ref: string): Booking {
    const now = this.now();
    return {
      ref, status: 'confirmed', kind: 'workshop', workshopId: w.id, territory: w.territory, topic: w.topic,
      slotId: seatSlotId(w.id, w.start), siteId: w.siteId, volunteerId: w.volunteerIds[0] ?? '',
      start: w.start, end: endOf(w.start, w.durationMinutes), startsAt: w.startsAt, mode: 'site',
      beneficiary: { name: p.name.trim().replace(/\s+/g, ' '), phone: p.phone }, requestedBy: p.requestedBy, channel: p.channel,
      ...(p.conversationId ? { conversationId: p.conversationId } : {}), smsConsent: p.smsConsent ?? true,
      createdAt: now, updatedAt: now,
    };
  }

  /** The person's active seat at this workshop, if any. */
  private async existingSeat(workshopId: string, phone: string): Promise<Booking | undefined> {
    return (await this.d.store.bookings.byPhone(phone))
      .find((b) => b.workshopId === workshopId && (b.status === 'pending' || b.status === 'confirmed'));
  }

  async takeSeat(workshopId: string, p: SeatHolder): Promise<SeatOutcome> {
    let w = await this.get(workshopId);
    const mine = w ? await this.existingSeat(workshopId, p.phone) : undefined;
    if (mine) return { ok: false, reason: 'already', booking: mine };
    for (let i = 0; i < 5; i++) {
      if (!w) return { ok: false, reason: 'not-found' };
      try {
        const r = await this.d.store.workshops.takeSeat(this.seatBooking(w, p, newRefCode()), this.now());
        if (r.ok) {
          await this.afterSeat(r.booking, w);
          return r;
        }
        if (r.reason !== 'changed') return { ok: false, reason: r.reason };
        // A coordinator changed the start or the place meanwhile: the seat is for the new one.
        w = await this.get(workshopId);
      } catch (err) {
        if (!(err instanceof DuplicateRefError)) throw err;
      }
    }
    throw new Error('no free reference code');
  }

  private async afterSeat(b: Booking, w: Workshop): Promise<void> {
    this.d.logger.info('workshop seat taken', { ref: b.ref, workshop: w.id });
    await this.d.reminders?.schedule(b).catch((err) => this.d.logger.error('reminder scheduling failed', { ref: b.ref, err }));
    await this.m.booked(b, w).catch((err) => this.d.logger.error('workshop notice failed', { ref: b.ref, err }));
  }

  async joinWaitlist(workshopId: string, p: SeatHolder): Promise<{ ok: true; position: number } | { ok: false; reason: 'already' | 'not-found' | 'closed' }> {
    const entry: WaitEntry = {
      id: randomId(12), name: p.name.trim().replace(/\s+/g, ' '), phone: p.phone, requestedBy: p.requestedBy, channel: p.channel,
      ...(p.conversationId ? { conversationId: p.conversationId } : {}), smsConsent: p.smsConsent ?? true, since: this.now(),
    };
    const r = await this.d.store.workshops.joinWaitlist(workshopId, entry);
    if (r.ok) this.d.logger.info('workshop waiting list joined', { workshop: workshopId, position: r.position });
    return r;
  }

  /** The live offer made to this phone, if any. */
  offerFor(phone: string): Promise<{ offer: Offer; workshop: WorkshopView; sentAt: number } | null> {
    return this.offers.offerFor(phone);
  }

  /** OUI / NON to an offer. */
  async answerOffer(phone: string, yes: boolean): Promise<{ kind: 'none' } | { kind: 'declined'; workshop: WorkshopView } | { kind: 'taken'; booking: Booking; workshop: WorkshopView } | { kind: 'lost'; workshop: WorkshopView }> {
    const found = await this.offers.offerFor(phone);
    if (!found) return { kind: 'none' };
    const { offer, workshop } = found;
    await this.d.store.documents.delete([offerDoc(phone)]);
    if (!yes) {
      await this.d.store.workshops.dropOffer(workshop.id, offer.id);
      await this.afterDecline();
      return { kind: 'declined', workshop };
    }
    let w: WorkshopView | null = workshop;
    for (let i = 0; i < CHANGE_ATTEMPTS && w; i++) {
      const r = await this.d.store.workshops.claimOffer(w.id, offer.id, this.seatBooking(w, { ...offer.entry }, newRefCode()), this.now());
      if (!r.ok && r.reason === 'changed') { w = await this.get(w.id); continue; }
      if (!r.ok) return { kind: 'lost', workshop: w };
      await this.afterSeat(r.booking, w);
      return { kind: 'taken', booking: r.booking, workshop: w };
    }
    return { kind: 'lost', workshop };
  }
}

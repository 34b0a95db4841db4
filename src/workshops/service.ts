// Workshops, independent of HTTP and dialogs: coordinators create, list and cancel them;
// people take a seat or join the waiting list; the waiting-list tick offers freed seats.
// Every change goes through the store's atomic steps; messages only after a real change.
import type { Activity } from 'botbuilder';
import type { Catalog } from '../booking/catalog';
import { WEB_CHANNELS, type Booking, type Channel, type TopicId } from '../booking/model';
import { newRefCode } from '../booking/refcode';
import { localToEpoch } from '../booking/slots';
import type { Logger } from '../log';
import type { OutboundSms } from '../notify';
import { DuplicateRefError, hasPersonalData } from '../store/lifecycle';
import type { Store } from '../store/store';
import type { Account } from '../coordinator/accounts';
import type { AuditTrail } from '../audit';
import {
  endOf, newWorkshopId, randomId, seatSlotId, seatsLeft, territoryOfWorkshop,
  WorkshopSchema, type Offer, type WaitEntry, type Workshop, type WorkshopView,
} from './model';
import { inSendWindow, offerExpiry, proposeWorkshops, type Near } from './rules';
import { seatText, type WorkshopEvent } from './texts';

export const DEFAULT_OFFER_HOURS = 12;
const DAY_MS = 24 * 3600_000;

export interface WorkshopDeps {
  store: Store;
  catalog: Catalog;
  logger: Logger;
  now: () => Date;
  outbound: Pick<OutboundSms, 'send'>;
  postToConversation?: (conversationId: string, activity: Partial<Activity>) => Promise<string>;
  /** WAITLIST_OFFER_HOURS. */
  offerHours: number;
  reminders?: { schedule(b: Booking): Promise<void> };
  /** The app's audit trail: a coordinator's change of a workshop is written on every seat it moves. */
  audit?: Pick<AuditTrail, 'append' | 'appendWorkshop'>;
}

export interface NewWorkshopInput {
  siteId: string; topic: TopicId; title: string; start: string; durationMinutes: number; seats: number; volunteerIds?: string[];
}

/** What a coordinator may change (every field optional). */
export type WorkshopChange = Partial<NewWorkshopInput>;

export type WorkshopFailure =
  | { ok: false; code: 'not-found' | 'forbidden' | 'past' | 'cancelled' }
  | { ok: false; code: 'bad-input'; field: string; message: string }
  /** Fewer seats asked than taken (participants + seats held by a waiting-list offer). */
  | { ok: false; code: 'seats-taken'; taken: number };

const CHANGE_ATTEMPTS = 5;

export interface Participant { ref: string; name: string; phone: string; status: string; requestedBy: string; channel: string; attendance: string | null }

export interface SeatHolder {
  name: string; phone: string; requestedBy: 'self' | 'relative'; channel: Channel; conversationId?: string; smsConsent?: boolean;
}

export type SeatOutcome =
  | { ok: true; booking: Booking }
  | { ok: false; reason: 'full' | 'closed' | 'started' | 'not-found' | 'already'; booking?: Booking };

/** What an offer lookup by phone keeps (a document: it expires by itself). sentAt: app clock. */
interface OfferPointer { workshopId: string; offerId: string; expiresAt: number; sentAt?: number }
const offerDoc = (phone: string) => `wsoffer:${phone}`;

export class WorkshopService {
  constructor(private readonly d: WorkshopDeps) {}

  get catalog(): Catalog { return this.d.catalog; }
  /** The app's clock (epoch ms). */
  now(): number { return this.d.now().getTime(); }

  // ---- coordinators -------------------------------------------------------------------

  /** Site of the territory, start in the future, known volunteers: the startsAt, or why not. */
  private checkInput(account: Account, input: WorkshopChange): { ok: true; startsAt?: number } | WorkshopFailure {
    if (input.siteId !== undefined) {
      const site = this.d.catalog.sites.get(input.siteId);
      if (!site) return { ok: false, code: 'bad-input', field: 'siteId', message: 'unknown site' };
      if (site.territory !== account.territory) return { ok: false, code: 'forbidden' };
    }
    let startsAt: number | undefined;
    if (input.start !== undefined) {
      const at = localToEpoch(input.start);
      if (at === null) return { ok: false, code: 'bad-input', field: 'start', message: 'not a Paris time that exists' };
      if (at <= this.now()) return { ok: false, code: 'bad-input', field: 'start', message: 'must be in the future' };
      startsAt = at;
    }
    for (const v of input.volunteerIds ?? []) {
      if (!this.d.catalog.volunteers.has(v)) return { ok: false, code: 'bad-input', field: 'volunteerIds', message: `unknown volunteer ${v}` };
    }
    return { ok: true, startsAt };
  }

  async create(account: Account, input: NewWorkshopInput): Promise<{ ok: true; workshop: WorkshopView } | WorkshopFailure> {
    const checked = this.checkInput(account, input);
    if (!checked.ok) return checked;
    const site = this.d.catalog.sites.get(input.siteId)!;
    const startsAt = checked.startsAt!;
    const now = this.now();
    const w = WorkshopSchema.parse({
      id: newWorkshopId(account.territory), territory: account.territory, siteId: site.id, topic: input.topic,
      title: input.title, start: input.start, startsAt, durationMinutes: input.durationMinutes, seats: input.seats,
      volunteerIds: input.volunteerIds ?? [], status: 'scheduled', createdAt: now, updatedAt: now,
    });
    await this.d.store.workshops.saveWorkshop(w);
    this.d.logger.info('workshop created', { id: w.id, coordinator: account.id, seats: w.seats });
    return { ok: true, workshop: (await this.d.store.workshops.getWorkshop(w.id))! };
  }

  async list(account: Account, q: { from?: number; to?: number } = {}): Promise<WorkshopView[]> {
    return this.d.store.workshops.listWorkshops(account.territory, q);
  }

  private async own(account: Account, id: string): Promise<{ ok: true; workshop: WorkshopView } | WorkshopFailure> {
    const t = territoryOfWorkshop(id);
    if (!t) return { ok: false, code: 'not-found' };
    const w = await this.d.store.workshops.getWorkshop(id);
    if (!w) return { ok: false, code: 'not-found' };
    if (w.territory !== account.territory) return { ok: false, code: 'forbidden' };
    return { ok: true, workshop: w };
  }

  async detail(account: Account, id: string): Promise<{ ok: true; workshop: WorkshopView; participants: Participant[]; waitingList: Array<{ name: string; phone: string; since: string }>; offers: Array<{ name: string; phone: string; expiresAt: string }> } | WorkshopFailure> {
    const r = await this.own(account, id);
    if (!r.ok) return r;
    const participants = (await this.seatBookings(id)).map((b) => ({
      ref: b.ref, name: b.beneficiary.name, phone: b.beneficiary.phone, status: b.status, requestedBy: b.requestedBy, channel: b.channel,
      attendance: b.attendance ?? null,
    }));
    const waitingList = (await this.d.store.workshops.waitlist(id)).map((e) => ({ name: e.name, phone: e.phone, since: new Date(e.since).toISOString() }));
    const now = this.now();
    const offers = (await this.d.store.workshops.offers(id)).filter((o) => o.expiresAt > now)
      .map((o) => ({ name: o.entry.name, phone: o.entry.phone, expiresAt: new Date(o.expiresAt).toISOString() }));
    return { ok: true, workshop: r.workshop, participants, waitingList, offers };
  }

  async seatBookings(id: string): Promise<Booking[]> {
    const refs = await this.d.store.workshops.seatRefs(id);
    const all = await Promise.all(refs.map((ref) => this.d.store.getBooking(ref)));
    return all.filter((b): b is Booking => b !== null).sort((a, b) => a.createdAt - b.createdAt || (a.ref < b.ref ? -1 : 1));
  }

  /** Cancels the workshop and every seat; each participant is told, with the reason. */
  async cancel(account: Account, id: string, reason: string): Promise<{ ok: true; workshop: WorkshopView; told: number; changed: boolean } | WorkshopFailure> {
    const r = await this.own(account, id);
    if (!r.ok) return r;
    const w = r.workshop;
    if (w.status === 'cancelled') return { ok: true, workshop: w, told: 0, changed: false };
    if (w.startsAt <= this.now()) return { ok: false, code: 'past' };
    const { seatsTaken: _a, seatsOffered: _b, waiting: _c, ...plain } = w;
    const next: Workshop = { ...plain, status: 'cancelled', cancelReason: reason, updatedAt: Math.max(this.now(), w.updatedAt) };
    // Closed first: nobody takes a seat while the others are being cancelled.
    await this.d.store.workshops.saveWorkshop(next);
    let told = 0;
    for (const b of await this.seatBookings(id)) {
      const tr = await this.d.store.transition(b.ref, ['pending', 'confirmed'], 'cancelled', { declineReason: reason });
      if (tr.ok && tr.changed) {
        await this.tell(tr.booking, next, 'cancelled').then(() => { told++; }, (err) => this.d.logger.error('workshop notice failed', { ref: b.ref, err }));
      }
    }
    const people = [...(await this.d.store.workshops.waitlist(id)).map((e) => e), ...(await this.d.store.workshops.offers(id)).map((o) => o.entry)];
    for (const e of people) await this.tellEntry(e, next, 'cancelled', { reason }).catch(() => undefined);
    this.d.logger.info('workshop cancelled', { id, coordinator: account.id, told });
    return { ok: true, workshop: (await this.d.store.workshops.getWorkshop(id))!, told, changed: true };
  }

  /**
   * Changes a scheduled workshop that has not started. The seat count is changed in one atomic
   * step of the store (never below the seats taken); a new start or site moves every seat and
   * tells each participant once; more seats are offered to the waiting list at once.
   */
  async change(account: Account, id: string, asked: WorkshopChange): Promise<{ ok: true; workshop: WorkshopView; changed: boolean; told: number } | WorkshopFailure> {
    // A field given as undefined (a form without it) is a field not changed.
    const input = Object.fromEntries(Object.entries(asked).filter(([, v]) => v !== undefined)) as WorkshopChange;
    const checked = this.checkInput(account, input);
    for (let attempt = 0; attempt < CHANGE_ATTEMPTS; attempt++) {
      const r = await this.own(account, id);
      if (!r.ok) return r;
      const w = r.workshop;
      if (w.status === 'cancelled') return { ok: false, code: 'cancelled' };
      if (w.startsAt <= this.now()) return { ok: false, code: 'past' };
      if (!checked.ok) return checked;
      const { seatsTaken: _a, seatsOffered: _b, waiting: _c, ...before } = w;
      const next: Workshop = WorkshopSchema.parse({
        ...before, ...input, ...(checked.startsAt !== undefined ? { startsAt: checked.startsAt } : {}),
        updatedAt: Math.max(this.now(), w.updatedAt + 1),
      });
      const fields = ['title', 'topic', 'start', 'durationMinutes', 'seats', 'siteId', 'volunteerIds'] as const;
      const changedFields = fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(next[f]));
      if (changedFields.length === 0) return { ok: true, workshop: w, changed: false, told: 0 };
      const done = await this.d.store.workshops.changeWorkshop(next, w.updatedAt, this.now());
      if (!done.ok) {
        if (done.reason === 'retry') continue;
        if (done.reason === 'below') return { ok: false, code: 'seats-taken', taken: done.taken };
        return { ok: false, code: done.reason === 'closed' ? 'cancelled' : done.reason === 'started' ? 'past' : 'not-found' };
      }
      const actor = { kind: 'coordinator' as const, id: account.id, name: account.name };
      await this.d.audit?.appendWorkshop(next, actor, Object.fromEntries(changedFields.map((f) => [f, { before: before[f], after: next[f] }])))
        .catch((err) => this.d.logger.error('audit append failed', { workshop: id, err }));
      const told = await this.moveSeats(next, actor);
      if (next.start !== w.start || next.siteId !== w.siteId) await this.offerAgain(next);
      this.d.logger.info('workshop changed', { id, coordinator: account.id, fields: changedFields, told });
      if (next.seats > w.seats) await this.offerSeats((await this.get(id))!, this.now());
      return { ok: true, workshop: (await this.get(id))!, changed: true, told };
    }
    throw new Error(`change of workshop ${id}: too much contention`);
  }

  /** Every seat follows the workshop; a participant whose date or place changed is told once. */
  private async moveSeats(w: Workshop, actor: { kind: 'coordinator'; id: string; name: string }): Promise<number> {
    let told = 0;
    for (const before of await this.seatBookings(w.id)) {
      const moved = await this.d.store.workshops.moveSeat(before.ref, w);
      if (!moved?.changed) continue;
      const after = moved.booking;
      await this.d.audit?.append(before, after, 'reschedule', actor).catch((err) => this.d.logger.error('audit append failed', { ref: after.ref, err }));
      await this.d.reminders?.schedule(after).catch((err) => this.d.logger.error('reminder scheduling failed', { ref: after.ref, err }));
      if (before.start === after.start && before.siteId === after.siteId) continue; // only the end moved
      await this.tell(after, w, 'changed', `${after.start}:${after.siteId}`).then(() => { told++; }, (err) => this.d.logger.error('workshop notice failed', { ref: after.ref, err }));
    }
    return told;
  }

  /** People holding an offer had it with the old date or place: the same offer, said again (9:00–19:00). */
  private async offerAgain(w: Workshop): Promise<void> {
    const now = this.now();
    if (!inSendWindow(now)) return; // their OUI is answered with the new date and place anyway
    for (const o of await this.d.store.workshops.offers(w.id)) {
      if (o.expiresAt <= now) continue;
      await this.sendOffer(o, w, `wsoffer:${o.id}:${w.start}:${w.siteId}`)
        .catch((err) => this.d.logger.error('workshop notice failed', { workshop: w.id, err }));
    }
  }

  // ---- people -------------------------------------------------------------------------

  /** Upcoming workshops of a topic, nearest and soonest first, across territories. */
  async upcoming(topic: TopicId | null, near?: Near, max?: number): Promise<WorkshopView[]> {
    const now = this.now();
    const all = (await Promise.all([...this.d.catalog.territories.keys()].map((t) => this.d.store.workshops.listWorkshops(t, { from: now }))))
      .flat();
    return proposeWorkshops(all, this.d.catalog, { topic, near, now, max });
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
    return (await this.d.store.bookingsByPhone(phone))
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
    // Someone booking for themself by SMS has the answer on their phone already.
    if (b.channel !== 'sms' || b.requestedBy === 'relative') {
      await this.tell(b, w, 'booked').catch((err) => this.d.logger.error('workshop notice failed', { ref: b.ref, err }));
    }
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
  async offerFor(phone: string): Promise<{ offer: Offer; workshop: WorkshopView; sentAt: number } | null> {
    const doc = (await this.d.store.readDocs([offerDoc(phone)]))[offerDoc(phone)]?.value as OfferPointer | undefined;
    if (!doc || doc.expiresAt <= this.now()) return null;
    const offer = (await this.d.store.workshops.offers(doc.workshopId)).find((o) => o.id === doc.offerId);
    const workshop = await this.get(doc.workshopId);
    if (!offer || !workshop || offer.expiresAt <= this.now()) return null;
    // An offer written before sentAt was kept counts as old (a pending question comes first).
    return { offer, workshop, sentAt: doc.sentAt ?? 0 };
  }

  /** OUI / NON to an offer. */
  async answerOffer(phone: string, yes: boolean): Promise<{ kind: 'none' } | { kind: 'declined'; workshop: WorkshopView } | { kind: 'taken'; booking: Booking; workshop: WorkshopView } | { kind: 'lost'; workshop: WorkshopView }> {
    const found = await this.offerFor(phone);
    if (!found) return { kind: 'none' };
    const { offer, workshop } = found;
    await this.d.store.deleteDocs([offerDoc(phone)]);
    if (!yes) {
      await this.d.store.workshops.dropOffer(workshop.id, offer.id);
      await this.tick();
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

  // ---- waiting-list tick (a job, every minute, on any process) ------------------------

  /** Collects expired offers, then offers free seats to the next people (9:00–19:00 only). */
  async tick(): Promise<{ offered: number; expired: number }> {
    const now = this.now();
    let offered = 0;
    let expired = 0;
    for (const territory of this.d.catalog.territories.keys()) {
      for (const w of await this.d.store.workshops.listWorkshops(territory, { from: now - DAY_MS })) {
        if (w.waiting === 0 && w.seatsOffered === 0 && (await this.d.store.workshops.offers(w.id)).length === 0) continue;
        const gone = await this.d.store.workshops.expireOffers(w.id, now);
        expired += gone.length;
        for (const o of gone) await this.d.store.deleteDocs([offerDoc(o.entry.phone)]).catch(() => undefined);
        offered += await this.offerSeats(w, now);
      }
    }
    if (offered || expired) this.d.logger.info('waiting list tick', { offered, expired });
    return { offered, expired };
  }

  /** Free seats of one workshop go to the first people waiting (9:00–19:00, before the start). */
  private async offerSeats(w: Workshop, now: number): Promise<number> {
    if (w.status !== 'scheduled' || w.startsAt <= now || !inSendWindow(now)) return 0;
    let offered = 0;
    for (;;) {
      const o = await this.d.store.workshops.offerNext(w.id, now, offerExpiry(now, this.d.offerHours, w.startsAt), randomId(12));
      if (!o) return offered;
      offered++;
      await this.sendOffer(o, w);
    }
  }

  private async sendOffer(o: Offer, w: Workshop, key = `wsoffer:${o.id}`): Promise<void> {
    await this.d.store.writeDocs({ [offerDoc(o.entry.phone)]: { value: { workshopId: w.id, offerId: o.id, expiresAt: o.expiresAt, sentAt: this.now() } satisfies OfferPointer, eTag: '*' } });
    const hours = String(Math.max(1, Math.round((o.expiresAt - this.now()) / 3600_000)));
    await this.tellEntry(o.entry, w, 'offer', { hours }, key);
  }

  // ---- messages -----------------------------------------------------------------------

  /** A message about a seat booking: SMS (consent, opt-out) and the web conversation if any. */
  async tell(b: Booking, w: Workshop, event: WorkshopEvent, keySuffix?: string): Promise<void> {
    const text = seatText(event, w, b, this.d.catalog);
    // One message per event and seat; a change is told once per new date and place.
    const key = `wsnotice:${event}:${b.ref}${keySuffix ? `:${keySuffix}` : ''}`;
    if (hasPersonalData(b) && b.smsConsent && !(await this.d.store.isOptedOut(b.beneficiary.phone))) {
      await this.d.outbound.send(b.beneficiary.phone, text, { key, kind: `workshop-${event}` });
    }
    if (b.conversationId && WEB_CHANNELS.has(b.channel) && this.d.postToConversation && (await this.d.store.firstSeen(`${key}:web`, 30 * DAY_MS))) {
      await this.d.postToConversation(b.conversationId, { type: 'message', text }).catch(() => undefined);
    }
  }

  private async tellEntry(e: WaitEntry, w: Workshop, event: WorkshopEvent, extra: Record<string, string>, key = `wsnotice:${event}:${w.id}:${e.id}`): Promise<void> {
    const text = seatText(event, w, null, this.d.catalog, extra);
    if (e.smsConsent && !(await this.d.store.isOptedOut(e.phone))) {
      await this.d.outbound.send(e.phone, text, { key, kind: `workshop-${event}` });
    }
    if (e.conversationId && WEB_CHANNELS.has(e.channel) && this.d.postToConversation && (await this.d.store.firstSeen(`${key}:web`, 30 * DAY_MS))) {
      await this.d.postToConversation(e.conversationId, { type: 'message', text }).catch(() => undefined);
    }
  }

  /** Reminder the day before, and the other booking notices, for a seat booking. */
  async notice(b: Booking, event: 'reminder' | 'reminderEarly' | 'cancelledSeat'): Promise<void> {
    const w = b.workshopId ? await this.get(b.workshopId) : null;
    if (w) await this.tell(b, w, event);
  }
}

export { seatsLeft };

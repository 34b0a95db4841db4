// Coordinators' administration of workshops: create, list, look at, change and cancel them
// in their own territory. Every change goes through the store's atomic steps; messages only
// after a real change.
import type { Catalogue } from '../booking/catalogue';
import type { Booking, TopicId } from '../booking/model';
import { localToEpoch } from '../booking/slots';
import { newWorkshopId, territoryOfWorkshop, WorkshopSchema, type Workshop, type WorkshopView } from '../booking/workshop';
import type { Account } from './accounts';
import { CHANGE_ATTEMPTS, type WorkshopDeps } from '../workshops/deps';
import type { WorkshopMessages } from '../workshops/messages';
import type { WaitingListOffers } from '../workshops/offers';

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


export interface Participant { ref: string; name: string; phone: string; status: string; requestedBy: string; channel: string; attendance: string | null }

export class WorkshopAdmin {
  constructor(private readonly d: WorkshopDeps, private readonly offers: WaitingListOffers, private readonly m: WorkshopMessages) {}

  get catalogue(): Catalogue { return this.d.catalogue; }
  /** The app's clock (epoch ms). */
  now(): number { return this.d.now().getTime(); }
  private get(id: string): Promise<WorkshopView | null> { return this.d.store.workshops.getWorkshop(id); }

  /** Site of the territory, start in the future, known volunteers: the startsAt, or why not. */
  private checkInput(account: Account, input: WorkshopChange): { ok: true; startsAt?: number } | WorkshopFailure {
    if (input.siteId !== undefined) {
      const site = this.d.catalogue.sites.get(input.siteId);
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
      if (!this.d.catalogue.volunteers.has(v)) return { ok: false, code: 'bad-input', field: 'volunteerIds', message: `unknown volunteer ${v}` };
    }
    return { ok: true, startsAt };
  }

  async create(account: Account, input: NewWorkshopInput): Promise<{ ok: true; workshop: WorkshopView } | WorkshopFailure> {
    const checked = this.checkInput(account, input);
    if (!checked.ok) return checked;
    const site = this.d.catalogue.sites.get(input.siteId)!;
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
    const all = await Promise.all(refs.map((ref) => this.d.store.bookings.get(ref)));
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
      const tr = await this.d.store.bookings.transition(b.ref, ['pending', 'confirmed'], 'cancelled', { declineReason: reason });
      if (tr.ok && tr.changed) {
        await this.m.tell(tr.booking, next, 'cancelled').then(() => { told++; }, (err) => this.d.logger.error('workshop notice failed', { ref: b.ref, err }));
      }
    }
    const people = [...(await this.d.store.workshops.waitlist(id)).map((e) => e), ...(await this.d.store.workshops.offers(id)).map((o) => o.entry)];
    for (const e of people) await this.m.tellEntry(e, next, 'cancelled', { reason }).catch(() => undefined);
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
      if (next.start !== w.start || next.siteId !== w.siteId) await this.offers.offerAgain(next);
      this.d.logger.info('workshop changed', { id, coordinator: account.id, fields: changedFields, told });
      if (next.seats > w.seats) await this.offers.offerSeats((await this.get(id))!, this.now());
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
      await this.m.tell(after, w, 'changed', `${after.start}:${after.siteId}`).then(() => { told++; }, (err) => this.d.logger.error('workshop notice failed', { ref: after.ref, err }));
    }
    return told;
  }

}

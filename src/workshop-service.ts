// Workshops, by actor: the coordinators' administration (src/coordinator/workshop-admin.ts),
// the person's seat (src/person/workshop-seats.ts) and the waiting-list job
// (src/jobs/waitlist.ts), over the same offers and messages. This class only builds the
// three and keeps the one handle the app, the dialogs and the coordinator pages are given.
import type { Catalogue } from './booking/catalogue';
import { WorkshopAdmin } from './coordinator/workshop-admin';
import { WaitlistJob } from './jobs/waitlist';
import { WorkshopSeats } from './person/workshop-seats';
import type { WorkshopDeps } from './workshops/deps';
import { WorkshopMessages } from './workshops/messages';
import { WaitingListOffers } from './workshops/offers';

export { DEFAULT_OFFER_HOURS, type WorkshopDeps } from './workshops/deps';
export type { NewWorkshopInput, WorkshopChange, WorkshopFailure, Participant } from './coordinator/workshop-admin';
export type { SeatHolder, SeatOutcome } from './person/workshop-seats';
export { seatsLeft } from './booking/workshop';

export class WorkshopService {
  readonly admin: WorkshopAdmin;
  readonly seats: WorkshopSeats;
  readonly waitlist: WaitlistJob;

  constructor(private readonly d: WorkshopDeps) {
    const messages = new WorkshopMessages(d);
    const offers = new WaitingListOffers(d, messages);
    this.waitlist = new WaitlistJob(d, offers);
    this.admin = new WorkshopAdmin(d, offers, messages);
    this.seats = new WorkshopSeats(d, offers, messages, () => this.waitlist.tick());
  }

  get catalogue(): Catalogue { return this.d.catalogue; }
  /** The app's clock (epoch ms). */
  now(): number { return this.d.now().getTime(); }

  // The person's side (the dialogs call these).
  readonly upcoming: WorkshopSeats['upcoming'] = (...a) => this.seats.upcoming(...a);
  readonly get: WorkshopSeats['get'] = (id) => this.seats.get(id);
  readonly takeSeat: WorkshopSeats['takeSeat'] = (...a) => this.seats.takeSeat(...a);
  readonly joinWaitlist: WorkshopSeats['joinWaitlist'] = (...a) => this.seats.joinWaitlist(...a);
  readonly offerFor: WorkshopSeats['offerFor'] = (phone) => this.seats.offerFor(phone);
  readonly answerOffer: WorkshopSeats['answerOffer'] = (...a) => this.seats.answerOffer(...a);

  // The coordinators' side.
  readonly create: WorkshopAdmin['create'] = (...a) => this.admin.create(...a);
  readonly list: WorkshopAdmin['list'] = (...a) => this.admin.list(...a);
  readonly detail: WorkshopAdmin['detail'] = (...a) => this.admin.detail(...a);
  readonly change: WorkshopAdmin['change'] = (...a) => this.admin.change(...a);
  readonly cancel: WorkshopAdmin['cancel'] = (...a) => this.admin.cancel(...a);
  readonly seatBookings: WorkshopAdmin['seatBookings'] = (id) => this.admin.seatBookings(id);

  /** The waiting-list job's run. */
  tick(): ReturnType<WaitlistJob['tick']> { return this.waitlist.tick(); }
}

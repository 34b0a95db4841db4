// Waiting-list offers: a freed seat is held for the first person waiting and told by SMS
// (9:00–19:00, before the start); a pointer per phone finds the live offer when they answer.
import type { Offer, Workshop, WorkshopView } from '../booking/workshop';
import { randomId } from '../booking/workshop';
import type { WorkshopDeps } from './deps';
import type { WorkshopMessages } from './messages';
import { inSendWindow, offerExpiry } from './rules';

/** What an offer lookup by phone keeps (a document: it expires by itself). sentAt: app clock. */
interface OfferPointer { workshopId: string; offerId: string; expiresAt: number; sentAt?: number }
export const offerDoc = (phone: string): string => `wsoffer:${phone}`;

export class WaitingListOffers {
  constructor(private readonly d: WorkshopDeps, private readonly m: WorkshopMessages) {}

  private now(): number { return this.d.now().getTime(); }

  /** The live offer made to this phone, if any. */
  async offerFor(phone: string): Promise<{ offer: Offer; workshop: WorkshopView; sentAt: number } | null> {
    const doc = (await this.d.store.documents.read([offerDoc(phone)]))[offerDoc(phone)]?.value as OfferPointer | undefined;
    if (!doc || doc.expiresAt <= this.now()) return null;
    const offer = (await this.d.store.workshops.offers(doc.workshopId)).find((o) => o.id === doc.offerId);
    const workshop = await this.d.store.workshops.getWorkshop(doc.workshopId);
    if (!offer || !workshop || offer.expiresAt <= this.now()) return null;
    // An offer written before sentAt was kept counts as old (a pending question comes first).
    return { offer, workshop, sentAt: doc.sentAt ?? 0 };
  }


  /** Free seats of one workshop go to the first people waiting (9:00–19:00, before the start). */
  async offerSeats(w: Workshop, now: number): Promise<number> {
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
    await this.d.store.documents.write({ [offerDoc(o.entry.phone)]: { value: { workshopId: w.id, offerId: o.id, expiresAt: o.expiresAt, sentAt: this.now() } satisfies OfferPointer, eTag: '*' } });
    const hours = String(Math.max(1, Math.round((o.expiresAt - this.now()) / 3600_000)));
    await this.m.tellEntry(o.entry, w, 'offer', { hours }, key);
  }

  /** People holding an offer had it with the old date or place: the same offer, said again (9:00–19:00). */
  async offerAgain(w: Workshop): Promise<void> {
    const now = this.now();
    if (!inSendWindow(now)) return; // their OUI is answered with the new date and place anyway
    for (const o of await this.d.store.workshops.offers(w.id)) {
      if (o.expiresAt <= now) continue;
      await this.sendOffer(o, w, `wsoffer:${o.id}:${w.start}:${w.siteId}`)
        .catch((err) => this.d.logger.error('workshop notice failed', { workshop: w.id, err }));
    }
  }
}

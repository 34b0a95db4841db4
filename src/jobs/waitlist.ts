// The waiting-list job (every minute, on any process): expired offers are collected and free
// seats offered to the next people waiting.
import { DAY_MS, type WorkshopDeps } from '../workshops/deps';
import { offerDoc, type WaitingListOffers } from '../workshops/offers';

export class WaitlistJob {
  constructor(private readonly d: WorkshopDeps, private readonly offers: WaitingListOffers) {}

  /** Collects expired offers, then offers free seats to the next people (9:00–19:00 only). */
  async tick(): Promise<{ offered: number; expired: number }> {
    const now = this.d.now().getTime();
    let offered = 0;
    let expired = 0;
    for (const territory of this.d.catalogue.territories.keys()) {
      for (const w of await this.d.store.workshops.listWorkshops(territory, { from: now - DAY_MS })) {
        if (w.waiting === 0 && w.seatsOffered === 0 && (await this.d.store.workshops.offers(w.id)).length === 0) continue;
        const gone = await this.d.store.workshops.expireOffers(w.id, now);
        expired += gone.length;
        for (const o of gone) await this.d.store.documents.delete([offerDoc(o.entry.phone)]).catch(() => undefined);
        offered += await this.offers.offerSeats(w, now);
      }
    }
    if (offered || expired) this.d.logger.info('waiting list tick', { offered, expired });
    return { offered, expired };
  }
}

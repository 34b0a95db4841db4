// "Tell me if an earlier appointment frees up" (after RDV Service Public's earlier-appointment
// offer). A person with an upcoming individual appointment asks once; every
// tick looks for a slot of the same topic, at their site or one nearby, earlier than theirs,
// that has become free since they asked; it is held for them and offered by SMS (at most 3
// offers, none in the last 2 days before the appointment, 9:00-19:00 Paris). "OUI" moves the
// booking in one atomic step of the store: the held slot becomes the booking's, the old one is
// freed by the same step.
import type { Catalogue } from '../booking/catalogue';
import { formatShortFr } from '../booking/format';
import { distanceKm } from '../booking/geo';
import { isUpcoming } from '../booking/lifecycle';
import type { Booking, Slot } from '../booking/model';
import { volunteersFor } from '../booking/nearest';
import { generateSlots } from '../booking/slots';
import { t } from '../i18n';
import type { Logger } from '../log';
import { EarlierSlotOffer } from '../notices/earlier-notice';
import { Notifier } from '../notices/notifier';
import type { OutboundSms } from '../notify';
import { hasPersonalData } from '../booking/erasure';
import type { Store } from '../store/store';
import { inSendWindow } from '../workshops/rules';

export const MAX_EARLIER_OFFERS = 3;
/** No offer once the appointment is this close: moving it then helps nobody. */
export const LAST_DAYS_MS = 2 * 24 * 3600_000;
/** Sites this close to the booked one count as "near them". */
export const NEAR_KM = 10;
const WATCHES = 'earlier-watch';
const offerDoc = (phone: string) => `earlier-offer:${phone}`;

/** One person waiting for an earlier slot (a permanent record, deleted when done). */
export interface Watch { ref: string; phone: string; since: number; offers: number; known: string[] }
/** sentAt: app clock (absent on offers made before it was kept). */
interface OfferDoc { ref: string; slot: Slot; holdId: string; expiresAt: number; sentAt?: number }

export interface EarlierDeps {
  store: Pick<Store, 'bookings' | 'counters' | 'documents' | 'records'>; catalogue: Catalogue; logger: Logger; now: () => Date;
  outbound: Pick<OutboundSms, 'send'>;
  /** How long an offered slot is held (WAITLIST_OFFER_HOURS, capped at 2 h: slots are short). */
  offerHours: number;
  /** A booking moved: reminders, coordinator notice… (optional). */
  moved?: (before: Booking, after: Booking) => Promise<void>;
}

export class EarlierService {
  private readonly notifier: Notifier;

  constructor(private readonly d: EarlierDeps) {
    this.notifier = new Notifier({ counters: d.store.counters, outbound: d.outbound, logger: d.logger });
  }

  private now(): number { return this.d.now().getTime(); }

  /** Free slots that could replace this booking, earliest first. */
  async candidates(b: Booking): Promise<Slot[]> {
    const site = this.d.catalogue.sites.get(b.siteId);
    if (!site) return [];
    const siteIds = b.mode === 'home' ? [b.siteId] : this.d.catalogue.sitesOfTerritory(b.territory)
      .filter((s) => s.id === site.id || distanceKm(s.location, site.location) <= NEAR_KM).map((s) => s.id);
    const now = this.now();
    const all = generateSlots(this.d.catalogue, { now: this.d.now(), siteIds, ...(b.mode === 'home' ? { volunteerIds: [b.volunteerId] } : {}) })
      .filter((s) => s.startsAt < b.startsAt && s.startsAt > now)
      .filter((s) => volunteersFor(this.d.catalogue, s.siteId, b.topic).some((v) => v.id === s.volunteerId))
      .map((s) => (b.mode === 'home' ? { ...s, mode: 'home' as const } : s));
    const taken = await this.d.store.bookings.takenAmong(all);
    return all.filter((s) => !taken.has(s.id)).sort((a, c) => a.startsAt - c.startsAt);
  }

  /** The person asks to be told. Slots already free now are not "freed": they could pick them. */
  async watch(b: Booking): Promise<'ok' | 'too-late' | 'not-eligible'> {
    if (b.kind === 'workshop' || !isUpcoming(b, this.now())) return 'not-eligible';
    if (b.startsAt - this.now() <= LAST_DAYS_MS) return 'too-late';
    const known = (await this.candidates(b)).map((s) => s.id);
    const w: Watch = { ref: b.ref, phone: b.beneficiary.phone, since: this.now(), offers: 0, known };
    await this.d.store.records.put(WATCHES, b.ref, w);
    this.d.logger.info('earlier slot wanted', { ref: b.ref });
    return 'ok';
  }

  async watching(ref: string): Promise<boolean> {
    return (await this.d.store.records.get(WATCHES, ref)) !== null;
  }

  /** Offers newly freed earlier slots (one live offer per person). */
  async tick(): Promise<{ offered: number; dropped: number }> {
    const now = this.now();
    let offered = 0;
    let dropped = 0;
    for (const { id, value } of await this.d.store.records.list(WATCHES)) {
      const w = value as Watch;
      const b = await this.d.store.bookings.get(id);
      // An erased booking (SUPPRIMER) keeps no watch: nobody is left to offer a slot to.
      if (!b || !hasPersonalData(b) || !isUpcoming(b, now) || b.startsAt - now <= LAST_DAYS_MS || w.offers >= MAX_EARLIER_OFFERS) {
        await this.d.store.records.delete(WATCHES, id);
        dropped++;
        continue;
      }
      if (!inSendWindow(now)) continue;
      const live = (await this.d.store.documents.read([offerDoc(w.phone)]))[offerDoc(w.phone)]?.value as OfferDoc | undefined;
      if (live && live.expiresAt > now) continue;
      const known = new Set(w.known);
      for (const slot of await this.candidates(b)) {
        if (known.has(slot.id)) continue;
        const expiresAt = Math.min(now + Math.min(this.d.offerHours, 2) * 3600_000, slot.startsAt);
        const h = await this.d.store.bookings.hold(slot, expiresAt - now);
        if (!h.ok) continue;
        const doc: OfferDoc = { ref: b.ref, slot, holdId: h.holdId, expiresAt, sentAt: now };
        await this.d.store.documents.write({ [offerDoc(w.phone)]: { value: doc, eTag: '*' } });
        await this.d.store.records.put(WATCHES, id, { ...w, offers: w.offers + 1, known: [...w.known, slot.id] } satisfies Watch);
        await this.notifier.send(new EarlierSlotOffer(b, w.phone, t('earlier.offer', {
          date: formatShortFr(slot.start), place: this.placeOf(slot), old: formatShortFr(b.start),
        }), slot.id));
        offered++;
        break;
      }
    }
    if (offered || dropped) this.d.logger.info('earlier slots tick', { offered, dropped });
    return { offered, dropped };
  }

  private placeOf(slot: Slot): string {
    return slot.mode === 'home' ? t('earlier.home') : this.d.catalogue.sites.get(slot.siteId)?.name ?? '';
  }

  /** When the live offer to this phone was sent (null: none). */
  async offerSentAt(phone: string): Promise<number | null> {
    const doc = (await this.d.store.documents.read([offerDoc(phone)]))[offerDoc(phone)]?.value as OfferDoc | undefined;
    return doc && doc.expiresAt > this.now() ? doc.sentAt ?? 0 : null;
  }

  /** OUI / NON to an earlier-slot offer sent to this phone. */
  async answer(phone: string, yes: boolean): Promise<{ kind: 'none' } | { kind: 'declined' } | { kind: 'moved'; booking: Booking } | { kind: 'lost' }> {
    const doc = (await this.d.store.documents.read([offerDoc(phone)]))[offerDoc(phone)]?.value as OfferDoc | undefined;
    if (!doc || doc.expiresAt <= this.now()) return { kind: 'none' };
    await this.d.store.documents.delete([offerDoc(phone)]);
    if (!yes) {
      await this.d.store.bookings.releaseHold(doc.slot, doc.holdId);
      return { kind: 'declined' };
    }
    const before = await this.d.store.bookings.get(doc.ref);
    // The hold kept the slot for this person: the move turns it into the booking's slot and
    // frees the old one in the same atomic step (as the person's own change does).
    const r = await this.d.store.bookings.reschedule(doc.ref, doc.slot, { holdId: doc.holdId });
    if (!r.ok) await this.d.store.bookings.releaseHold(doc.slot, doc.holdId);
    if (!r.ok || !before) return { kind: 'lost' };
    await this.d.store.records.delete(WATCHES, doc.ref);
    this.d.logger.info('booking moved earlier', { ref: doc.ref });
    await this.d.moved?.(before, r.booking).catch((err) => this.d.logger.error('after move failed', { ref: doc.ref, err }));
    return { kind: 'moved', booking: r.booking };
  }
}

// Telling people about a workshop seat or a waiting-list entry: SMS (consent, opt-out, erased
// data) and the web conversation, each (event, seat) once.
import type { Booking } from '../booking/model';
import { WEB_CHANNELS } from '../booking/model';
import type { WaitEntry, Workshop } from '../booking/workshop';
import { hasPersonalData } from '../store/lifecycle';
import { DAY_MS, type WorkshopDeps } from './deps';
import { seatText, type WorkshopEvent } from './texts';

export class WorkshopMessages {
  constructor(private readonly d: WorkshopDeps) {}

  /** A message about a seat booking: SMS (consent, opt-out) and the web conversation if any. */
  async tell(b: Booking, w: Workshop, event: WorkshopEvent, keySuffix?: string): Promise<void> {
    const text = seatText(event, w, b, this.d.catalog);
    // One message per event and seat; a change is told once per new date and place.
    const key = `wsnotice:${event}:${b.ref}${keySuffix ? `:${keySuffix}` : ''}`;
    if (hasPersonalData(b) && b.smsConsent && !(await this.d.store.isOptedOut(b.beneficiary.phone))) {
      await this.d.outbound.send(b.beneficiary.phone, text, { key, kind: `workshop-${event}` });
    }
    if (b.conversationId && WEB_CHANNELS.has(b.channel) && this.d.web && (await this.d.store.firstSeen(`${key}:web`, 30 * DAY_MS))) {
      await this.d.web.say(b.conversationId, text).catch(() => undefined);
    }
  }

  async tellEntry(e: WaitEntry, w: Workshop, event: WorkshopEvent, extra: Record<string, string>, key = `wsnotice:${event}:${w.id}:${e.id}`): Promise<void> {
    const text = seatText(event, w, null, this.d.catalog, extra);
    if (e.smsConsent && !(await this.d.store.isOptedOut(e.phone))) {
      await this.d.outbound.send(e.phone, text, { key, kind: `workshop-${event}` });
    }
    if (e.conversationId && WEB_CHANNELS.has(e.channel) && this.d.web && (await this.d.store.firstSeen(`${key}:web`, 30 * DAY_MS))) {
      await this.d.web.say(e.conversationId, text).catch(() => undefined);
    }
  }

  /** Reminder the day before, and the other booking notices, for a seat booking. */
  async notice(b: Booking, event: 'reminder' | 'reminderEarly' | 'cancelledSeat'): Promise<void> {
    const w = b.workshopId ? await this.d.store.workshops.getWorkshop(b.workshopId) : null;
    if (w) await this.tell(b, w, event);
  }
}

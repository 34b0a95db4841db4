// Telling people about a workshop seat or a waiting-list entry, through the one Notifier
// (consent, STOP, erased data, the web conversation once).
import type { Booking } from '../booking/model';
import type { WaitEntry, Workshop } from '../booking/workshop';
import { Notifier } from '../notices/notifier';
import { SeatBooked, SeatNotice, WaitlistNotice } from '../notices/workshop-notices';
import type { WorkshopDeps } from './deps';
import type { WorkshopEvent } from '../notices/workshop-texts';

export class WorkshopMessages {
  private readonly notifier: Notifier;

  constructor(private readonly d: WorkshopDeps) {
    this.notifier = new Notifier({ counters: d.store.counters, outbound: d.outbound, web: d.web, logger: d.logger });
  }

  /** A message about a seat booking; a change is told once per new date and place (keySuffix). */
  async tell(b: Booking, w: Workshop, event: WorkshopEvent, keySuffix?: string): Promise<void> {
    await this.notifier.send(new SeatNotice(b, w, event, this.d.catalogue, keySuffix));
  }

  /** A seat just taken. */
  async booked(b: Booking, w: Workshop): Promise<void> {
    await this.notifier.send(new SeatBooked(b, w, this.d.catalogue));
  }

  async tellEntry(e: WaitEntry, w: Workshop, event: WorkshopEvent, extra: Record<string, string>, key?: string): Promise<void> {
    await this.notifier.send(new WaitlistNotice(e, w, event, this.d.catalogue, extra, key));
  }
}

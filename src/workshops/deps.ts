// What the workshop modules share: their dependencies and a few constants. Coordinators'
// administration (src/coordinator/workshop-admin.ts), the person's seat
// (src/person/workshop-seats.ts) and the waiting-list job (src/jobs/waitlist.ts) each take these.
import type { Catalogue } from '../booking/catalogue';
import type { Booking } from '../booking/model';
import type { Logger } from '../log';
import type { OutboundSms } from '../notify';
import type { Store } from '../store/store';
import type { AuditTrail } from '../audit';
import type { WebConversations } from '../notices/web';

export const DEFAULT_OFFER_HOURS = 12;
export const DAY_MS = 24 * 3600_000;
/** Compare-and-set attempts when a coordinator's change races another. */
export const CHANGE_ATTEMPTS = 5;

export interface WorkshopDeps {
  store: Pick<Store, 'bookings' | 'counters' | 'documents' | 'workshops'>;
  catalogue: Catalogue;
  logger: Logger;
  now: () => Date;
  outbound: Pick<OutboundSms, 'send'>;
  /** The web chat, for seats and entries made there. */
  web?: WebConversations;
  /** WAITLIST_OFFER_HOURS. */
  offerHours: number;
  reminders?: { schedule(b: Booking): Promise<void> };
  /** The app's audit trail: a coordinator's change of a workshop is written on every seat it moves. */
  audit?: Pick<AuditTrail, 'append' | 'appendWorkshop'>;
}

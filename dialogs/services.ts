// What dialogs need from the rest of the app, passed in once (no globals: tests build their own).
import type { Catalogue } from '../src/booking/catalogue';
import type { Store } from '../src/store/store';
import type { Logger } from '../src/log';
import type { Person, PersonService } from '../src/person/service';
import type { WorkshopService } from '../src/workshop-service';
import type { EarlierService } from '../src/earlier/service';
import { senderNumber } from './say';
import type { Turn } from './turn';

export type { Profile } from './turn';

export interface Services {
  catalogue: Catalogue;
  /** The bot's turn plumbing (locks, opt-outs); dialogs act through `person`. */
  store: Store;
  now: () => Date;
  logger: Logger;
  /** Everything the person can do about their own bookings: dialogs only talk and call it. */
  person: PersonService;
  /** Collective workshops (seats, waiting lists, offers); absent: the bot offers none. */
  workshops?: WorkshopService;
  /** "Tell me if something earlier frees up" (absent: not offered). */
  earlier?: EarlierService;
}

/** The person writing this turn: the number the channel proved and this conversation's references. */
export function personOf(turn: Turn): Person {
  return { phone: senderNumber(turn.ctx), refs: turn.profile.refs };
}

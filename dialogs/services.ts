// What dialogs need from the rest of the app, passed in once (no globals: tests build their own).
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Catalogue } from '../src/booking/catalogue';
import type { Store } from '../src/store/store';
import type { Logger } from '../src/log';
import type { Person, PersonService } from '../src/person/service';
import type { WorkshopService } from '../src/workshop-service';
import type { EarlierService } from '../src/earlier/service';
import { senderNumber } from './say';

export interface Profile {
  /** Reference codes booked in this conversation (web users have no phone to look up). */
  refs: string[];
  /** Territory learnt from the place, for the right helpline. */
  territory?: string;
  /** An offer made in the last answer that a bare "1" or "oui" takes ("Répondez 1 pour en prendre un"). */
  offer?: 'book';
  /** When the last turn ended (app clock): a question still pending was asked then. */
  lastTurnAt?: number;
  /** When the team's number was last given as a fallback (app clock): once an hour at most. */
  helplineAt?: number;
  /** Messages in a row the router did not understand (a question, then the menu, then the number). */
  misses?: number;
}

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
  profile: StatePropertyAccessor<Profile>;
}

export async function getProfile(services: Services, ctx: TurnContext): Promise<Profile> {
  return services.profile.get(ctx, { refs: [] });
}

/** The person writing this turn: the number the channel proved and this conversation's references. */
export async function personOf(services: Services, ctx: TurnContext): Promise<Person> {
  return { phone: senderNumber(ctx), refs: (await getProfile(services, ctx)).refs };
}

/** Waterfall step values, typed loosely on purpose: each dialog casts what it stored. */
export function vals(step: { values: object }): Record<string, unknown> {
  return step.values as Record<string, unknown>;
}

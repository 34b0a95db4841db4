// What dialogs need from the rest of the app, passed in once (no globals: tests build their own).
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Catalog } from '../src/booking/catalog';
import type { Store } from '../src/store/store';
import type { Logger } from '../src/log';
import type { AuditTrail } from '../src/coordinator/audit';

export interface Profile {
  /** Reference codes booked in this conversation (web users have no phone to look up). */
  refs: string[];
  /** Territory learnt from the place, for the right helpline. */
  territory?: string;
}

export interface Services {
  catalog: Catalog;
  store: Store;
  now: () => Date;
  holdMinutes: number;
  logger: Logger;
  /** Cancellations and erasures by the person go to the booking's audit trail (coordinators see them). */
  audit: Pick<AuditTrail, 'append'>;
  profile: StatePropertyAccessor<Profile>;
}

export async function getProfile(services: Services, ctx: TurnContext): Promise<Profile> {
  return services.profile.get(ctx, { refs: [] });
}

/** Waterfall step values, typed loosely on purpose: each dialog casts what it stored. */
export function vals(step: { values: object }): Record<string, unknown> {
  return step.values as Record<string, unknown>;
}

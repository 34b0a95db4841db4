// Outbound SMS from the configuration: BullMQ when Redis is configured, else in-process.
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store/store';
import { BullOutbound } from './bullmq-queue';
import { MemoryOutbound } from './memory-queue';
import { DEFAULT_OUTBOUND, type OutboundOptions, type OutboundSms, type SendDeps } from './outbound';
import type { SmsProviderName } from './providers/port';
import type { Catalogue } from '../booking/catalogue';
import type { Booking } from '../booking/model';

export type { OutboundSms, OutboundMeta, OutboundOptions } from './outbound';
export { DEFAULT_OUTBOUND } from './outbound';

export interface CreateOutboundDeps {
  config: Pick<Config, 'redisUrl' | 'redisPrefix' | 'twilio'> & Partial<Pick<Config, 'smsfactor' | 'smsProviderDefault'>>;
  store: Store;
  logger: Logger;
  /** The live catalogue: each territory's `smsProvider`. */
  catalogue?: Pick<Catalogue, 'territories'>;
  onSent?: SendDeps['onSent'];
  options?: Partial<OutboundOptions>;
  fetchImpl?: typeof fetch;
}

/** The territory of a phone number's latest booking (whose programme that person is in). */
export async function latestTerritory(store: Pick<Store, 'bookings'>, phone: string): Promise<string | undefined> {
  const latest = (await store.bookings.byPhone(phone)).reduce<Booking | undefined>((a, b) => (!a || b.createdAt > a.createdAt ? b : a), undefined);
  return latest?.territory;
}

/**
 * The provider of a recipient: their territory's (the territory of their latest booking),
 * else the default. Read when a message is queued, so a catalogue change applies at once.
 */
export function providerResolver(store: Pick<Store, 'bookings' | 'kind'>, catalogue: Pick<Catalogue, 'territories'> | undefined, fallback: SmsProviderName): NonNullable<SendDeps['providerFor']> {
  return async (to) => {
    const territory = await latestTerritory(store, to);
    return { provider: (territory && catalogue?.territories.get(territory)?.smsProvider) || fallback, territory };
  };
}

export function createOutboundSms(deps: CreateOutboundDeps): OutboundSms {
  const options = { ...DEFAULT_OUTBOUND, ...deps.options };
  const fallback = deps.config.smsProviderDefault ?? 'twilio';
  const sendDeps: SendDeps = {
    store: deps.store, logger: deps.logger, twilio: deps.config.twilio, smsfactor: deps.config.smsfactor, options, fetchImpl: deps.fetchImpl,
    providerFor: providerResolver(deps.store, deps.catalogue, fallback), onSent: deps.onSent,
  };
  const used = new Set<SmsProviderName>([fallback, ...[...(deps.catalogue?.territories.values() ?? [])].flatMap((t) => (t.smsProvider ? [t.smsProvider] : []))]);
  if (used.has('twilio') && !deps.config.twilio.accountSid) deps.logger.warn('TWILIO_ACCOUNT_SID is not set: outbound SMS (confirmations, reminders) cannot be sent');
  if (used.has('smsfactor') && !deps.config.smsfactor?.token) deps.logger.warn('SMSFACTOR_TOKEN is not set: outbound SMS of the territories on SMSFactor cannot be sent');
  if (deps.config.redisUrl && deps.store.kind === 'redis') {
    return new BullOutbound(sendDeps, { redisUrl: deps.config.redisUrl, prefix: deps.config.redisPrefix });
  }
  return new MemoryOutbound(sendDeps);
}

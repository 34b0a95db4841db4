// Outbound SMS from the configuration: BullMQ when Redis is configured, else in-process.
import type { Activity, ConversationReference } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Store } from '../store/store';
import { BullOutbound } from './bullmq-queue';
import { MemoryOutbound } from './memory-queue';
import { DEFAULT_OUTBOUND, type OutboundOptions, type OutboundSms } from './outbound';

export type { OutboundSms, OutboundMeta, OutboundOptions } from './outbound';
export { DEFAULT_OUTBOUND } from './outbound';

export interface CreateOutboundDeps {
  config: Pick<Config, 'redisUrl' | 'redisPrefix' | 'twilio'>;
  store: Store;
  logger: Logger;
  options?: Partial<OutboundOptions>;
  fetchImpl?: typeof fetch;
}

export function createOutboundSms(deps: CreateOutboundDeps): OutboundSms {
  const options = { ...DEFAULT_OUTBOUND, ...deps.options };
  const sendDeps = { store: deps.store, logger: deps.logger, twilio: deps.config.twilio, options, fetchImpl: deps.fetchImpl };
  if (!deps.config.twilio.accountSid) deps.logger.warn('TWILIO_ACCOUNT_SID is not set: outbound SMS (confirmations, reminders) cannot be sent');
  if (deps.config.redisUrl && deps.store.kind === 'redis') {
    return new BullOutbound(sendDeps, { redisUrl: deps.config.redisUrl, prefix: deps.config.redisPrefix });
  }
  return new MemoryOutbound(sendDeps);
}

/**
 * LocalAdapter `deliver` for proactive turns on channel 'sms': the replies of one turn go
 * out as one queued message (split only past 3 segments), keyed by their activity ids.
 */
export function smsDeliver(outbound: OutboundSms) {
  return async (reference: Partial<ConversationReference>, activities: Partial<Activity>[]): Promise<void> => {
    const to = reference.conversation?.id ?? reference.user?.id;
    const messages = activities.filter((a) => a.type === 'message' && a.text);
    if (!to || !messages.length) return;
    const body = messages.map((a) => a.text).join('\n');
    await outbound.send(to, body, { key: `proactive:${messages.map((a) => a.id).join(',')}`, kind: 'proactive' });
  };
}

// Counting what the channels cost, in one place: every SMS (per provider and direction, with
// its billed segments) and every finished call go to /metrics and to the territory's usage
// (the coordinator statistics). Never in the way of a turn: the usage write runs after it,
// and a failure there is logged, not felt.
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { SmsProviderName } from '../notify/providers/port';
import type { UsageCounter } from '../stats/usage';
import { segments } from './gsm7';

export interface ChannelMeter {
  /** SMS to or from `phone`; `territory` when the caller knows it, else the phone's latest booking's. */
  sms(provider: SmsProviderName, direction: 'in' | 'out', phone: string, bodies: readonly string[], territory?: string): void;
  /** A finished call (Twilio's status callback), of a territory when the call learnt it. */
  call(territory: string | undefined, seconds: number): void;
}

export function channelMeter(d: { metrics: Metrics; usage: UsageCounter; territoryOf: (phone: string) => Promise<string | undefined>; logger: Logger }): ChannelMeter {
  const later = (what: string, fn: () => Promise<void>) => {
    setImmediate(() => { fn().catch((err) => d.logger.warn('usage not recorded', { what, err })); });
  };
  return {
    sms(provider, direction, phone, bodies, territory) {
      const segs = bodies.map((b) => segments(b || ' '));
      for (const n of segs) {
        d.metrics.smsMessages.inc({ provider, direction });
        d.metrics.smsSegments.inc({ provider, direction }, n);
      }
      if (!segs.length) return;
      later('sms', async () => {
        const t = territory ?? await d.territoryOf(phone);
        if (t) for (const n of segs) await d.usage.sms(t, provider, direction, n);
      });
    },
    call(territory, seconds) {
      d.metrics.callSeconds.inc(seconds);
      if (territory) later('call', () => d.usage.call(territory, seconds));
    },
  };
}

// Counting what the channels cost, in one place: every SMS (per provider and direction, with
// its billed segments) and every finished call go to /metrics and to the territory's usage
// (the coordinator statistics). Never in the way of a turn: the usage write runs after it,
// costs no lookup, and a failure there is logged, not felt.
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { SmsProviderName } from '../notify/providers/port';
import type { UsageCounter } from '../stats/usage';
import { segments } from '../sms-text/gsm7';

export interface ChannelMeter {
  /**
   * SMS to or from a person; counted under `territory` when known (the conversation's, or the
   * recipient's latest booking's for a notice). The first turns of a person's very first
   * conversation, before their commune is known, are in /metrics only.
   */
  sms(provider: SmsProviderName, direction: 'in' | 'out', bodies: readonly string[], territory?: string): void;
  /** A finished call (Twilio's status callback), of a territory when the call learnt it. */
  call(territory: string | undefined, seconds: number): void;
}

export function channelMeter(d: { metrics: Metrics; usage: UsageCounter; logger: Logger }): ChannelMeter {
  const later = (what: string, fn: () => Promise<void>) => {
    setImmediate(() => { fn().catch((err) => d.logger.warn('usage not recorded', { what, err })); });
  };
  return {
    sms(provider, direction, bodies, territory) {
      const segs = bodies.map((b) => segments(b || ' '));
      for (const n of segs) {
        d.metrics.smsMessages.inc({ provider, direction });
        d.metrics.smsSegments.inc({ provider, direction }, n);
      }
      if (!segs.length || !territory) return;
      later('sms', async () => {
        for (const n of segs) await d.usage.sms(territory, provider, direction, n);
      });
    },
    call(territory, seconds) {
      d.metrics.callSeconds.inc(seconds);
      if (territory) later('call', () => d.usage.call(territory, seconds));
    },
  };
}

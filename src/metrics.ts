// Prometheus metrics (prom-client: the standard exposition format, histograms done right).
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The only values the `channel` label takes: a caller picks its channelId freely, and every
 * new value would be a new series kept forever (issue 9).
 */
export const CHANNEL_LABELS = ['sms', 'voice', 'webchat', 'directline', 'emulator', 'msteams', 'other'] as const;
export type ChannelLabel = (typeof CHANNEL_LABELS)[number];

export function channelLabel(channelId: unknown): ChannelLabel {
  return (CHANNEL_LABELS as readonly unknown[]).includes(channelId) ? channelId as ChannelLabel : 'other';
}

export interface Metrics {
  registry: Registry;
  turns: Counter<'channel'>;
  turnErrors: Counter<'channel'>;
  turnSeconds: Histogram<'channel'>;
  bookings: Counter<'event'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    turns: new Counter({ name: 'cx_turns_total', help: 'Conversation turns processed', labelNames: ['channel'], registers: [registry] }),
    turnErrors: new Counter({ name: 'cx_turn_errors_total', help: 'Turns that failed', labelNames: ['channel'], registers: [registry] }),
    turnSeconds: new Histogram({ name: 'cx_turn_seconds', help: 'Turn processing time', labelNames: ['channel'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry] }),
    bookings: new Counter({ name: 'cx_bookings_total', help: 'Booking lifecycle events', labelNames: ['event'], registers: [registry] }),
  };
}

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
  /** SMS per provider and direction (in: received, out: accepted by the provider): what is paid for. */
  smsMessages: Counter<'provider' | 'direction'>;
  smsSegments: Counter<'provider' | 'direction'>;
  /** Delivery reports, bounded to delivered / pending / failed. */
  smsDelivery: Counter<'provider' | 'status'>;
  /** Phone calls answered, and their minutes (from Twilio's call-status callback). */
  calls: Counter;
  callSeconds: Counter;
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
    smsMessages: new Counter({ name: 'cx_sms_messages_total', help: 'SMS messages by provider and direction', labelNames: ['provider', 'direction'], registers: [registry] }),
    smsSegments: new Counter({ name: 'cx_sms_segments_total', help: 'SMS segments (billed units) by provider and direction', labelNames: ['provider', 'direction'], registers: [registry] }),
    smsDelivery: new Counter({ name: 'cx_sms_delivery_reports_total', help: 'SMS delivery reports by provider and status', labelNames: ['provider', 'status'], registers: [registry] }),
    calls: new Counter({ name: 'cx_calls_total', help: 'Phone calls started', registers: [registry] }),
    callSeconds: new Counter({ name: 'cx_call_seconds_total', help: 'Duration of finished phone calls', registers: [registry] }),
  };
}

// Outbound SMS: callers enqueue, a worker sends through Twilio with retries. Two queues
// share these semantics: BullMQ on Redis (every process can work it, nothing lost on a
// restart) and an in-process one for the in-memory store.
import crypto from 'node:crypto';
import { smsBodies } from '../sms-text/fit';
import type { Logger } from '../log';
import type { Store } from '../store/store';
import type { TwilioTarget } from './providers/twilio-rest';
import type { SendOutcome, SmsPort, SmsProviderName } from './providers/port';
import { twilioPort } from './providers/twilio';
import { smsFactorPort, type SmsFactorTarget } from './providers/smsfactor';

export interface OutboundMeta {
  /**
   * Idempotency key (e.g. `confirm:K7P-42Q`): a message with a key already enqueued
   * (within `dedupMs`) is not enqueued again. Without one, every call is a new message.
   */
  key?: string;
  /** What the message is for, for the logs only (never its text). */
  kind?: string;
  /** Who carries it (e.g. the answer to a message that came through that provider); absent: see SendDeps.providerFor. */
  provider?: SmsProviderName;
  /** Whose costs these are, when the caller knows better than the recipient's latest booking. */
  territory?: string;
  /**
   * The answer to the message that opted this number out (the global.stop acknowledgement):
   * sent although the number is now opted out. A webhook that cannot answer inline (SMSFactor)
   * needs it; Twilio's TwiML answer never goes through the queue.
   */
  optOutAck?: boolean;
}

export interface OutboundSms {
  /** Enqueue one SMS (GSM-7, split so that no message exceeds 3 segments). Resolves once queued. */
  send(to: string, body: string, meta?: OutboundMeta): Promise<void>;
  /** Messages queued, being sent or waiting for a retry. */
  pending(): Promise<number>;
  close(): Promise<void>;
}

export interface OutboundOptions {
  /** Tries per message, the first included. */
  attempts: number;
  /** First retry delay; each next one doubles (exponential backoff). */
  backoffMs: number;
  /** Timeout of one call to Twilio. */
  requestTimeoutMs: number;
  /** How long an idempotency key is remembered. */
  dedupMs: number;
  /** Messages sent at the same time by one process. */
  concurrency: number;
}

// 8 tries, 5 s doubling: the last try comes about 10 minutes after the first.
export const DEFAULT_OUTBOUND: OutboundOptions = {
  attempts: 8, backoffMs: 5_000, requestTimeoutMs: 10_000, dedupMs: 7 * 24 * 3600_000, concurrency: 4,
};

/** What a queued message carries: its parts and how many of them already went out. */
export interface SmsJob {
  to: string;
  parts: string[];
  /** Index of the next part to send (parts before it were accepted by Twilio). */
  next: number;
  /** Set when the last try of part `next` got no answer (epoch ms of that try). */
  uncertainSince?: number;
  kind: string;
  /** Absent (jobs queued before providers existed): Twilio. */
  provider?: SmsProviderName;
  /** The recipient's territory when known (whose costs these are). */
  territory?: string;
  /** See OutboundMeta.optOutAck. */
  optOutAck?: true;
}

export interface SendDeps {
  store: Pick<Store, 'counters'>;
  logger: Logger;
  twilio: TwilioTarget;
  smsfactor?: SmsFactorTarget;
  /** The recipient's territory and its provider (the default when the territory names none). */
  providerFor?: (to: string) => Promise<{ provider: SmsProviderName; territory?: string }>;
  /** Each message part a provider accepted (metrics: messages and segments per provider). */
  onSent?: (provider: SmsProviderName, body: string, job: Pick<SmsJob, 'to' | 'territory'>) => void;
  options: OutboundOptions;
  fetchImpl?: typeof fetch;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** Checks and prepares a message; throws on a caller's mistake (not an E.164 number). */
export function prepareJob(to: string, body: string, meta: OutboundMeta = {}): { job: SmsJob; key: string } | null {
  if (!E164.test(to)) throw new Error('outbound SMS: recipient must be an E.164 number');
  const parts = smsBodies([body]);
  if (!parts.length) return null;
  return { job: { to, parts, next: 0, kind: meta.kind ?? 'sms', ...(meta.optOutAck ? { optOutAck: true as const } : {}) }, key: meta.key ?? crypto.randomUUID() };
}

/** prepareJob with the provider chosen: the caller's, else the recipient's. */
export async function prepareFor(deps: SendDeps, to: string, body: string, meta: OutboundMeta = {}): Promise<{ job: SmsJob; key: string } | null> {
  const prepared = prepareJob(to, body, meta);
  if (!prepared) return null;
  const resolved = await deps.providerFor?.(to);
  prepared.job.provider = meta.provider ?? resolved?.provider ?? 'twilio';
  const territory = meta.territory ?? resolved?.territory;
  if (territory) prepared.job.territory = territory;
  return prepared;
}

function portOf(job: SmsJob, deps: SendDeps): SmsPort {
  return job.provider === 'smsfactor' ? smsFactorPort(deps.smsfactor ?? { apiUrl: '', token: '' }) : twilioPort(deps.twilio);
}

/** A queue-safe id for an idempotency key (BullMQ ids may not contain ':'). */
export function jobIdFor(key: string): string {
  return `sms-${crypto.createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

export class SendFailure extends Error {
  constructor(readonly outcome: Extract<SendOutcome, { ok: false }>) {
    super(`outbound SMS failed: ${outcome.reason}`);
  }
  get final(): boolean { return !this.outcome.retry; }
}

/** Clock skew and second-rounded Twilio dates: how far back a lookup accepts a message. */
const LOOKUP_MARGIN_MS = 60_000;

/**
 * Sends the parts still due, recording progress after each one so that a retry never
 * sends a part twice. The opt-out is checked right before each part: a STOP received
 * while a message waited for a retry still wins. A try that got no answer may have been
 * accepted: before trying again, Twilio's list of sent messages is checked.
 */
export async function sendJob(job: SmsJob, deps: SendDeps, progress: (patch: Partial<SmsJob>) => Promise<void>): Promise<'sent' | 'opted-out'> {
  const { options, fetchImpl } = deps;
  const port = portOf(job, deps);
  for (let i = job.next; i < job.parts.length; i++) {
    if (!job.optOutAck && (await deps.store.counters.isOptedOut(job.to))) {
      deps.logger.info('outbound SMS dropped: opted out', { to: job.to, kind: job.kind });
      return 'opted-out';
    }
    if (job.uncertainSince !== undefined) {
      const seen = await port.findSent(job.to, job.parts[i], job.uncertainSince - LOOKUP_MARGIN_MS, options.requestTimeoutMs, fetchImpl);
      if (seen === 'unknown') throw new SendFailure({ ok: false, retry: true, reason: 'lookup of an unanswered try failed' });
      if (seen === 'found') {
        await progress({ next: i + 1, uncertainSince: undefined });
        continue;
      }
    }
    const startedAt = Date.now();
    const outcome = await port.post(job.to, job.parts[i], options.requestTimeoutMs, fetchImpl);
    if (!outcome.ok) {
      if (outcome.ambiguous) await progress({ uncertainSince: job.uncertainSince ?? startedAt });
      throw new SendFailure(outcome);
    }
    deps.onSent?.(port.name, job.parts[i], job);
    await progress({ next: i + 1, uncertainSince: undefined });
  }
  deps.logger.debug('outbound SMS sent', { to: job.to, kind: job.kind, parts: job.parts.length, provider: port.name });
  return 'sent';
}

/** Delay before retry number `attempt` (1 = the first retry). */
export function backoffDelay(options: OutboundOptions, attempt: number): number {
  return options.backoffMs * 2 ** (attempt - 1);
}

// The SMS provider port: how one message goes out through one provider's REST API. The queue
// (../outbound.ts) does retries, idempotency and opt-outs the same way whoever carries it.
import type { SendOutcome } from './twilio-rest';

export const SMS_PROVIDERS = ['twilio', 'smsfactor'] as const;
export type SmsProviderName = (typeof SMS_PROVIDERS)[number];

export interface SmsPort {
  readonly name: SmsProviderName;
  configured(): boolean;
  post(to: string, body: string, timeoutMs: number, fetchImpl?: typeof fetch): Promise<SendOutcome>;
  /**
   * After a try that got no answer: did the provider accept that message anyway? A provider
   * without a way to look answers 'absent' — sending again beats a confirmation never sent.
   */
  findSent(to: string, body: string, sinceMs: number, timeoutMs: number, fetchImpl?: typeof fetch): Promise<'found' | 'absent' | 'unknown'>;
}

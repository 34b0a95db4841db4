// The SMS provider port: how one message goes out through one provider's REST API. The queue
// (../outbound.ts) does retries, idempotency and opt-outs the same way whoever carries it.

/** One try of one message, classified for the queue: sent, retry later, or give up. */
export type SendOutcome =
  | { ok: true; sid: string }
  /** ambiguous: no answer (timeout, dropped connection) — the provider may have accepted it. */
  | { ok: false; retry: boolean; ambiguous?: boolean; status?: number; reason: string };

/** Whether an HTTP status is worth another try later. */
export function retryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** A provider's answer to a POST: the response and its JSON body (`{}` when it has none). */
export interface Posted<P> { res: Response; payload: Partial<P> }

/**
 * One POST to a provider's API, the part every provider shares: a timeout, and a request that
 * got no answer told apart from a refusal (`ambiguous`: the message may have gone, so the
 * queue looks before it sends again). The caller reads the answer its provider's own way.
 */
export async function postToProvider<P>(
  url: string, init: { headers: Record<string, string>; body: string }, timeoutMs: number, fetchImpl: typeof fetch,
): Promise<Posted<P> | { unanswered: SendOutcome }> {
  let res: Response;
  try {
    res = await fetchImpl(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const name = (err as Error).name;
    return { unanswered: { ok: false, retry: true, ambiguous: true, reason: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network' } };
  }
  let payload: Partial<P> = {};
  try { payload = (await res.json()) as Partial<P>; } catch { /* an empty or non-JSON body */ }
  return { res, payload };
}

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

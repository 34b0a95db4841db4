// How long what the store keeps lives: storage decisions, the same for both stores.

/** How long a booked slot key lives: past the appointment nobody can book it again anyway. */
export const BOOKED_SLOT_GRACE_MS = 7 * 24 * 3600 * 1000;
export function bookedSlotExpiry(startsAt: number, now: number): number {
  return Math.max(startsAt, now) + BOOKED_SLOT_GRACE_MS;
}

export const DEFAULT_DOC_TTL_MS = 30 * 24 * 3600 * 1000;
/** Conversation state of anonymous /api/messages callers (issue 9): nobody comes back to it. */
export const ANON_DOC_TTL_MS = 2 * 3600 * 1000;
/** Web chat state: long enough for the widget's next-day resume, not a month. */
export const WEB_DOC_TTL_MS = 3 * 24 * 3600 * 1000;

/**
 * How long an idle document lives. Documents are named by their owners; the bot names
 * conversation state "state:<scope>" (src/bot/state.ts), anonymous scopes start with "anon/".
 */
export function docTtlFor(key: string, fallbackMs = DEFAULT_DOC_TTL_MS): number {
  if (key.startsWith('state:anon/')) return Math.min(ANON_DOC_TTL_MS, fallbackMs);
  if (key.startsWith('state:webchat/')) return Math.min(WEB_DOC_TTL_MS, fallbackMs);
  return fallbackMs;
}
/**
 * Short on purpose (issue 9): the holder renews it every third of it while its turn runs, so
 * a live turn keeps it as long as it needs, and a dead process (kill -9) gives it up in seconds.
 */
export const DEFAULT_LOCK_TTL_MS = 5_000;
export const DEFAULT_LOCK_WAIT_MS = 10_000;

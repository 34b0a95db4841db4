// The last resort after repeated misunderstandings: the team's number. A way out, never a
// wall: the caller ends the request so that the next message starts afresh, and the number is
// given at most once an hour per conversation (after that, how to start again).
import { helplineNumber, sayKey } from './say';
import type { Services } from './services';
import type { Turn } from './turn';

export const HELPLINE_EVERY_MS = 3600_000;

export async function sayFallback(s: Services, turn: Turn, territory?: string): Promise<void> {
  const profile = turn.profile;
  const now = s.now().getTime();
  profile.misses = 0;
  if (profile.helplineAt !== undefined && now - profile.helplineAt < HELPLINE_EVERY_MS) {
    await sayKey(turn.ctx, 'fallback.again');
    return;
  }
  profile.helplineAt = now;
  await sayKey(turn.ctx, 'fallback.helpline', { helpline: helplineNumber(s.catalogue, territory ?? profile.territory) });
}

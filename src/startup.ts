// What a developer sees when the server starts: where to open the web chat and the
// coordinators' page, and, with the in-memory store, how to sign in as a coordinator.
import type { Catalogue } from './booking/catalogue';
import { Accounts } from './coordinator/accounts';
import type { Store } from './store/store';

/** The addresses to open, one per line. */
export function startupLines(base: string): string[] {
  return [`web chat:     ${base}/widget`, `coordinators: ${base}/coordinator`, `home:         ${base}/`];
}

/**
 * With the in-memory store (no REDIS_URL) nothing outside this process can add a coordinator
 * (`npm run coordinator` needs the server's Redis), and everything is lost on restart anyway:
 * one demo account per territory is created at start-up and its token printed once.
 * Never with Redis (accounts are real there) and never in production.
 */
export async function demoCoordinators(
  store: Pick<Store, 'kind' | 'records'>, catalogue: Pick<Catalogue, 'territories'>, nodeEnv: string, now: () => number = Date.now,
): Promise<Array<{ territory: string; id: string; token: string }>> {
  if (store.kind !== 'memory' || nodeEnv === 'production') return [];
  const accounts = new Accounts(store.records, now);
  const out: Array<{ territory: string; id: string; token: string }> = [];
  for (const t of catalogue.territories.values()) {
    const { account, token } = await accounts.add({ name: `Demo ${t.name}`, territory: t.id });
    out.push({ territory: t.id, id: account.id, token });
  }
  return out;
}

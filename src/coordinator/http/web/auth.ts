// Bearer authentication of the JSON API. Failures are counted per client address — the
// proxy-aware one (TRUST_PROXY), never the socket's: behind a proxy every coordinator shares
// the socket address, and a few bad tokens from one client would lock all of them out.
import type { Request, Response } from 'restify';
import type { ClientAddress } from '../../../client-address';
import type { Store } from '../../../store/store';
import type { Account, Accounts } from '../../accounts';
import { apiError } from './errors';

export const AUTH_FAILURES = { max: 20, windowMs: 15 * 60_000 };

export type Authenticate = (req: Request, res: Response) => Promise<Account | null>;

export interface BearerDeps { accounts: Accounts; store: Pick<Store, 'counters'>; clientAddress: ClientAddress }

/** The signed-in account, or null once the answer (401/429) is sent. */
export function bearerAuth(d: BearerDeps): Authenticate {
  return async (req, res) => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
    const account = m ? await d.accounts.byToken(m[1]) : null;
    if (account) return account;
    res.setHeader('WWW-Authenticate', 'Bearer realm="coordinator"');
    if (m) {
      const failures = await d.store.counters.countHit(`coord:authfail:${d.clientAddress(req)}`, AUTH_FAILURES.windowMs);
      if (failures > AUTH_FAILURES.max) {
        res.setHeader('Retry-After', String(Math.ceil(AUTH_FAILURES.windowMs / 1000)));
        apiError(res, 429, 'TooManyRequests', 'too many failed authentications');
        return null;
      }
    }
    apiError(res, 401, 'Unauthorized', m ? 'unknown or revoked token' : 'Authorization: Bearer <token> required');
    return null;
  };
}

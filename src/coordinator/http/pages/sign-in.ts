// Signing in (token, or account id + password) → a session cookie; signing out ends it.
// Failures only are counted, per client (behind TRUST_PROXY, the real one) and per account tried.
import type { Request, Response, Server } from 'restify';
import type { ClientAddress } from '../../../client-address';
import { t } from '../../../i18n';
import type { Store } from '../../../store/store';
import type { Accounts } from '../../accounts';
import { form } from '../web/body';
import { sameOriginPost, type PageGuards } from '../web/guards';
import { redirect, sendHtml, signInPage } from '../web/render';
import { SESSION_MS, sessionCookie } from '../web/session';

export const LOGIN_LIMIT = { max: 10, windowMs: 15 * 60_000 };

export interface SignInDeps {
  guards: PageGuards; accounts: Accounts; store: Pick<Store, 'counters'>; clientAddress: ClientAddress;
  /** Our own origin for the sign-in form's Origin check (else the Host the browser used). */
  publicBaseUrl?: string;
}

export function registerSignIn(server: Server, d: SignInDeps): void {
  const { guards, accounts, store } = d;

  server.post('/coordinator/login', async (req: Request, res: Response) => {
    // Login CSRF: a browser always says where a cross-site form comes from.
    if (!sameOriginPost(req, d.publicBaseUrl)) return sendHtml(res, 403, signInPage(t('coordinator.error.csrf')));
    const f = form(req);
    // One noisy address cannot lock every coordinator out, nor a signed-in one itself.
    const byToken = Boolean(f.token?.trim());
    const keys = [`coord:loginfail:ip:${d.clientAddress(req)}`];
    if (!byToken && f.account) keys.push(`coord:loginfail:acct:${f.account.trim().toLowerCase().slice(0, 80)}`);
    const counts = await Promise.all(keys.map((k) => store.counters.hitCount(k)));
    if (counts.some((n) => n >= LOGIN_LIMIT.max)) return sendHtml(res, 429, signInPage(t('coordinator.signIn.tooMany')), { 'Retry-After': String(LOGIN_LIMIT.windowMs / 1000) });
    const account = byToken
      ? await accounts.byToken(f.token!.trim())
      : await accounts.byPassword(f.account ?? '', f.password ?? '');
    if (!account) {
      await Promise.all(keys.map((k) => store.counters.countHit(k, LOGIN_LIMIT.windowMs)));
      return sendHtml(res, 401, signInPage(t('coordinator.signIn.failed')));
    }
    const s = await guards.sessions.create(account.id);
    redirect(res, '/coordinator', { 'Set-Cookie': sessionCookie(s.id, { secure: guards.secureCookies, maxAgeS: SESSION_MS / 1000 }) });
  });

  server.post('/coordinator/logout', guards.action(async (_req, res, g) => {
    await guards.sessions.destroy(g.session.id);
    redirect(res, '/coordinator', guards.clearCookie());
  }));
}

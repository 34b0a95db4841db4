// Session and CSRF guards of the coordinator pages, written once: a page is shown to a signed-in
// account (else back to the sign-in page); a state-changing POST also needs the session's CSRF
// token. A session whose account was revoked is destroyed on first sight.
import type { Request, Response } from 'restify';
import { t } from '../../../i18n';
import type { Account, Accounts } from '../../accounts';
import { form } from './body';
import { errorPage, redirect, sendHtml, signInPage } from './render';
import { parseCookies, sameSecret, SESSION_COOKIE, sessionCookie, type Session, type Sessions } from './session';

export interface Me { account: Account; session: Session }
/** A guarded POST: the session and the posted form's fields. */
export interface Posted extends Me { f: Record<string, string> }

export type PageHandler = (req: Request, res: Response) => Promise<void>;

export interface PageGuards {
  sessions: Sessions;
  secureCookies: boolean;
  /** The signed-in account of this request, or null. */
  current(req: Request): Promise<Me | null>;
  /** A GET page: runs signed in, else redirects to the sign-in page. */
  view(handler: (req: Request, res: Response, me: Me) => Promise<void>): PageHandler;
  /** A state-changing POST: runs with a valid session and CSRF token, else answers 403. */
  action(handler: (req: Request, res: Response, g: Posted) => Promise<void>): PageHandler;
  /** The Set-Cookie header that ends the browser's session. */
  clearCookie(): Record<string, string>;
}

export function pageGuards(d: { accounts: Accounts; sessions: Sessions; secureCookies: boolean }): PageGuards {
  const { accounts, sessions, secureCookies } = d;

  async function current(req: Request): Promise<Me | null> {
    const session = await sessions.get(parseCookies(req.header('cookie'))[SESSION_COOKIE]);
    if (!session) return null;
    const account = await accounts.active(session.accountId);
    if (!account) { await sessions.destroy(session.id); return null; }
    return { account, session };
  }

  const clearCookie = () => ({ 'Set-Cookie': sessionCookie('', { secure: secureCookies, maxAgeS: 0 }) });

  return {
    sessions, secureCookies, current, clearCookie,
    view: (handler) => async (req, res) => {
      const me = await current(req);
      if (!me) return redirect(res, '/coordinator');
      await handler(req, res, me);
    },
    action: (handler) => async (req, res) => {
      const me = await current(req);
      const f = form(req);
      if (!me) return sendHtml(res, 403, signInPage(t('coordinator.error.csrf')), clearCookie());
      if (!sameSecret(f._csrf, me.session.csrf)) {
        return sendHtml(res, 403, errorPage(t('coordinator.error.csrf'), { href: '/coordinator', label: t('coordinator.booking.back') }, { account: me.account, csrf: me.session.csrf, title: t('coordinator.title') }));
      }
      await handler(req, res, { ...me, f });
    },
  };
}

/**
 * A form POST that a browser sent from one of our pages. Browsers send Origin (and
 * Sec-Fetch-Site) on every cross-site POST; scripts and curl send neither and are no CSRF
 * victims, so their absence is fine — a foreign value is not.
 */
export function sameOriginPost(req: Request, publicBaseUrl?: string): boolean {
  const site = req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.header('origin');
  if (!origin) return true;
  const own = publicBaseUrl ? new URL(publicBaseUrl).origin : `${req.isSecure() ? 'https' : 'http'}://${req.headers.host ?? ''}`;
  return origin === own;
}

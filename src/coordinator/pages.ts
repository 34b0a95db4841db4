// The coordinator pages under /coordinator: sign-in (token, or account id + password) →
// session cookie; a list with pending requests first (oldest request first) and the
// history; a page per booking with its audit trail. Every POST carries the session's CSRF
// token (403 without it); actions answer with a 303 back to the page (post/redirect/get).
import type { Request, Response, Server } from 'restify';
import { BOOKING_STATUSES, type Booking, type BookingStatus } from '../booking/model';
import { isActive } from '../booking/lifecycle';
import { isRefCode } from '../booking/refcode';
import { t } from '../i18n';
import { isReasonCode } from '../notices/compose';
import type { Store } from '../store/store';
import type { Account, Accounts } from './accounts';
import { sendCsv } from './api';
import type { ClientAddress } from '../client-address';
import { actions, auditTable, card, details, flash, html, page, signInPage, type Html } from './html';
import type { CatalogueService } from './catalogue-service';
import { attendanceBlock, nav, registerProgrammePages } from './programme-pages';
import type { StatsService } from '../stats/service';
import type { ActionResult, CoordinatorService } from './service';
import { parseCookies, sameSecret, SESSION_COOKIE, SESSION_MS, sessionCookie, Sessions, type Session } from './session';

export const LOGIN_LIMIT = { max: 10, windowMs: 15 * 60_000 };
const HISTORY_MAX = 50;

export interface PagesDeps {
  service: CoordinatorService; accounts: Accounts; sessions: Sessions; store: Store; secureCookies: boolean;
  /** The client's address (TRUST_PROXY-aware): sign-in failures are counted per address. */
  clientAddress?: ClientAddress;
  /** Our own origin for the sign-in form's Origin check (else the Host the browser used). */
  publicBaseUrl?: string;
  /** The programme pages (catalogue, absences, agenda, statistics) need these. */
  programme?: { catalogue: CatalogueService; stats: StatsService; now: () => Date };
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Frame-Options': 'DENY',
};

export function sendHtml(res: Response, status: number, body: string, extra: Record<string, string> = {}): void {
  res.sendRaw(status, body, { 'Content-Type': 'text/html; charset=utf-8', ...SECURITY_HEADERS, ...extra });
}

export function redirect(res: Response, location: string, extra: Record<string, string> = {}): void {
  res.sendRaw(303, '', { Location: location, ...SECURITY_HEADERS, ...extra });
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

export function form(req: Request): Record<string, string> {
  const b = req.body as unknown;
  if (!b || typeof b !== 'object' || Array.isArray(b)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(b)) if (typeof v === 'string') out[k] = v;
  return out;
}

const DONE: Record<string, string> = { confirm: 'confirmed', decline: 'declined', reschedule: 'moved' };

export function registerCoordinatorPages(server: Server, deps: PagesDeps): void {
  const { service, accounts, sessions, store, secureCookies } = deps;
  const clientAddress = deps.clientAddress ?? ((req: Request) => req.socket.remoteAddress ?? 'unknown');

  async function current(req: Request): Promise<{ account: Account; session: Session } | null> {
    const session = await sessions.get(parseCookies(req.header('cookie'))[SESSION_COOKIE]);
    if (!session) return null;
    const account = await accounts.active(session.accountId);
    if (!account) { await sessions.destroy(session.id); return null; }
    return { account, session };
  }

  const clearCookie = () => ({ 'Set-Cookie': sessionCookie('', { secure: secureCookies, maxAgeS: 0 }) });

  server.get('/coordinator', async (req: Request, res: Response) => {
    const me = await current(req);
    if (!me) return sendHtml(res, 200, signInPage());
    sendHtml(res, 200, await listPage(service, me.account, me.session, req.query as Record<string, unknown>, deps.programme));
  });

  server.post('/coordinator/login', async (req: Request, res: Response) => {
    // Login CSRF: a browser always says where a cross-site form comes from.
    if (!sameOriginPost(req, deps.publicBaseUrl)) return sendHtml(res, 403, signInPage(t('coordinator.error.csrf')));
    const f = form(req);
    // Failures only, keyed on the client (behind TRUST_PROXY, the real one) and on the account
    // tried: one noisy address cannot lock every coordinator out, nor a signed-in one itself.
    const byToken = Boolean(f.token?.trim());
    const keys = [`coord:loginfail:ip:${clientAddress(req)}`];
    if (!byToken && f.account) keys.push(`coord:loginfail:acct:${f.account.trim().toLowerCase().slice(0, 80)}`);
    const counts = await Promise.all(keys.map((k) => store.hitCount(k)));
    if (counts.some((n) => n >= LOGIN_LIMIT.max)) return sendHtml(res, 429, signInPage(t('coordinator.signIn.tooMany')), { 'Retry-After': String(LOGIN_LIMIT.windowMs / 1000) });
    const account = byToken
      ? await accounts.byToken(f.token!.trim())
      : await accounts.byPassword(f.account ?? '', f.password ?? '');
    if (!account) {
      await Promise.all(keys.map((k) => store.countHit(k, LOGIN_LIMIT.windowMs)));
      return sendHtml(res, 401, signInPage(t('coordinator.signIn.failed')));
    }
    const s = await sessions.create(account.id);
    redirect(res, '/coordinator', { 'Set-Cookie': sessionCookie(s.id, { secure: secureCookies, maxAgeS: SESSION_MS / 1000 }) });
  });

  /** The session of a state-changing POST with a valid CSRF token; else the answer is sent. */
  async function guarded(req: Request, res: Response): Promise<{ account: Account; session: Session; f: Record<string, string> } | null> {
    const me = await current(req);
    const f = form(req);
    if (!me) { sendHtml(res, 403, signInPage(t('coordinator.error.csrf')), clearCookie()); return null; }
    if (!sameSecret(f._csrf, me.session.csrf)) {
      sendHtml(res, 403, page(t('coordinator.title'), html`${flash(t('coordinator.error.csrf'), true)}<p><a href="/coordinator">${t('coordinator.booking.back')}</a></p>`, { account: me.account, csrf: me.session.csrf }));
      return null;
    }
    return { ...me, f };
  }

  server.post('/coordinator/logout', async (req: Request, res: Response) => {
    const g = await guarded(req, res);
    if (!g) return;
    await sessions.destroy(g.session.id);
    redirect(res, '/coordinator', clearCookie());
  });

  server.get('/coordinator/export.csv', async (req: Request, res: Response) => {
    const me = await current(req);
    if (!me) return redirect(res, '/coordinator');
    await sendCsv(res, service, me.account);
  });

  server.get('/coordinator/bookings/:id', async (req: Request, res: Response) => {
    const me = await current(req);
    if (!me) return redirect(res, '/coordinator');
    const ref = String(req.params?.id ?? '').toUpperCase();
    const r = await service.get(me.account, ref);
    if (!r.ok) {
      const msg = t(r.code === 'forbidden' ? 'coordinator.error.forbidden' : 'coordinator.error.notFound');
      return sendHtml(res, r.code === 'forbidden' ? 403 : 404, page(msg, html`${flash(msg, true)}<p><a href="/coordinator">${t('coordinator.booking.back')}</a></p>`, { account: me.account, csrf: me.session.csrf }));
    }
    sendHtml(res, 200, await bookingPage(service, r.booking, me, req.query as Record<string, unknown>, deps.programme));
  });

  for (const action of ['confirm', 'decline', 'reschedule'] as const) {
    server.post(`/coordinator/bookings/:id/${action}`, async (req: Request, res: Response) => {
      const g = await guarded(req, res);
      if (!g) return;
      const ref = String(req.params?.id ?? '').toUpperCase();
      const back = g.f.back === 'booking' ? `/coordinator/bookings/${encodeURIComponent(ref)}` : '/coordinator';
      const r = await act(service, g.account, action, ref, g.f);
      if (r === 'no-reason') return redirect(res, `${back}?error=reason`);
      if (r.ok) return redirect(res, `${back}?done=${r.changed ? DONE[action] : 'already'}&ref=${encodeURIComponent(ref)}`);
      const error = r.code === 'slot-taken' ? 'slotTaken' : r.code === 'bad-slot' ? 'badSlot' : r.code === 'not-found' ? 'notFound' : r.code;
      redirect(res, `${back}?error=${error}${r.code === 'conflict' ? `&status=${r.status}` : ''}`);
    });
  }

  if (deps.programme) {
    registerProgrammePages(server, {
      service, ...deps.programme, store, current, guarded,
      sendHtml: (res, status, body) => sendHtml(res, status, body), redirect: (res, location) => redirect(res, location),
    });
  }
}

/** The message of a redirect after an action (fixed sentences only; the ref is escaped). */
function notice(q: Record<string, unknown>): Html {
  const ref = isRefCode(q.ref) ? q.ref : '';
  if (typeof q.done === 'string' && ['confirmed', 'declined', 'moved', 'already'].includes(q.done)) return flash(t(`coordinator.done.${q.done}`, { ref }));
  if (typeof q.error === 'string' && ['conflict', 'slotTaken', 'badSlot', 'reason', 'notFound', 'forbidden', 'past'].includes(q.error)) {
    const status = BOOKING_STATUSES.includes(q.status as BookingStatus) ? t(`coordinator.status.${q.status as BookingStatus}`) : '';
    return flash(t(`coordinator.error.${q.error}`, { status }), true);
  }
  return html``;
}

/** The list: pending requests first, then the history (or one status, with the filters). */
async function listPage(
  service: CoordinatorService, account: Account, session: Session, q: Record<string, unknown>, programme: PagesDeps['programme'],
): Promise<string> {
  const catalog = service.catalog;
  const sites = catalog.sitesOfTerritory(account.territory);
  const siteId = typeof q.site === 'string' && sites.some((s) => s.id === q.site) ? q.site : undefined;
  const status = BOOKING_STATUSES.includes(q.status as BookingStatus) ? (q.status as BookingStatus) : undefined;
  const csrf = session.csrf;
  const cards = (list: readonly Booking[], none: string) => (list.length ? list.map((b) => card(b, catalog, csrf)) : html`<p>${none}</p>`);
  const filters = html`
<form method="get" action="/coordinator" class="filters" aria-label="${t('coordinator.filters.legend')}">
  <div><label for="f-site">${t('coordinator.filters.site')}</label>
  <select id="f-site" name="site"><option value="">${t('coordinator.filters.all')}</option>
  ${sites.map((s) => html`<option value="${s.id}"${s.id === siteId ? html` selected` : ''}>${s.name}</option>`)}</select></div>
  <div><label for="f-status">${t('coordinator.filters.status')}</label>
  <select id="f-status" name="status"><option value="">${t('coordinator.filters.all')}</option>
  ${BOOKING_STATUSES.map((s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${t(`coordinator.status.${s}`)}</option>`)}</select></div>
  <div><button type="submit">${t('coordinator.filters.apply')}</button></div>
</form>`;
  let body: Html;
  if (status) {
    const list = sortFor(status, await service.all(account, status, siteId));
    body = html`<section aria-labelledby="h-list"><h2 id="h-list">${t(`coordinator.status.${status}`)} (${list.length})</h2>${cards(list.slice(0, 200), t('coordinator.list.none'))}</section>`;
  } else {
    const pending = sortFor('pending', await service.all(account, 'pending', siteId));
    const past = (await Promise.all((['confirmed', 'declined', 'cancelled'] as const).map((s) => service.all(account, s, siteId))))
      .flat().sort((a, b) => b.updatedAt - a.updatedAt || (a.ref < b.ref ? -1 : 1)).slice(0, HISTORY_MAX);
    body = html`
<section aria-labelledby="h-pending"><h2 id="h-pending">${t('coordinator.pending.heading')} (${pending.length})</h2>${cards(pending, t('coordinator.pending.none'))}</section>
<section aria-labelledby="h-history" id="historique"><h2 id="h-history">${t('coordinator.history.heading')}</h2>${cards(past, t('coordinator.history.none'))}</section>`;
  }
  return page(t('coordinator.title'), html`${programme ? nav('bookings') : ''}${notice(q)}${filters}${body}
<p><a href="/coordinator/workshops">${t('workshop.coord.link')}</a></p>
<p><a href="/coordinator/export.csv">${t('coordinator.export')}</a></p>`, { account, csrf });
}

/** One booking: details, the actions its status allows, and its audit trail. */
async function bookingPage(
  service: CoordinatorService, b: Booking, me: { account: Account; session: Session }, q: Record<string, unknown>, programme: PagesDeps['programme'],
): Promise<string> {
  const catalog = service.catalog;
  const active = isActive(b.status);
  const slots = active ? await service.freeSlots(b.siteId, { booking: b }) : undefined;
  const entries = await service.history(b.ref);
  const cancelledUnlogged = b.status === 'cancelled' && !entries.some((e) => e.after.status === 'cancelled');
  const title = t('coordinator.booking.heading', { ref: b.ref });
  return page(title, html`${programme ? nav('bookings') : ''}
<p><a href="/coordinator">${t('coordinator.booking.back')}</a></p>
${notice(q)}
<h2>${title}</h2>
<div class="card">${details(b, catalog)}${actions(b, me.session.csrf, 'booking', slots, catalog)}</div>
${attendanceBlock(b, me.session.csrf, await service.noShows(me.account, b.beneficiary.phone), (programme?.now() ?? new Date()).getTime(), q)}
<h2>${t('coordinator.booking.audit')}</h2>
${auditTable(entries, catalog)}
${cancelledUnlogged ? html`<p>${t('coordinator.booking.cancelledByBeneficiary')}</p>` : ''}`, { account: me.account, csrf: me.session.csrf });
}

/** Runs a form's action; 'no-reason' when a decline names no reason. */
async function act(
  service: CoordinatorService, account: Account, action: 'confirm' | 'decline' | 'reschedule', ref: string, f: Record<string, string>,
): Promise<ActionResult | 'no-reason'> {
  if (action === 'confirm') return service.confirm(account, ref);
  if (action === 'decline') {
    const text = (f.text ?? '').trim().slice(0, 300);
    const code = f.reason ?? '';
    // A free text wins (it is what the person will read); else the chosen reason.
    const reason = text || (isReasonCode(code) ? code : '');
    if (!reason) return 'no-reason';
    return service.decline(account, ref, reason);
  }
  return service.reschedule(account, ref, f.slotId ?? '');
}

/** Pending: the oldest request first. Others: the latest change first. */
function sortFor(status: BookingStatus, list: Booking[]): Booking[] {
  return status === 'pending'
    ? list.sort((a, b) => a.createdAt - b.createdAt || a.startsAt - b.startsAt)
    : list.sort((a, b) => b.updatedAt - a.updatedAt);
}


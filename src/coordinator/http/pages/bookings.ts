// GET /coordinator: the sign-in page, or once signed in the list — pending requests first
// (oldest request first) and the history, or one status with the filters — and the CSV export.
import type { Request, Response, Server } from 'restify';
import { BOOKING_STATUSES, type Booking, type BookingStatus } from '../../../booking/model';
import { t } from '../../../i18n';
import { sendCsv } from '../../csv';
import type { Me } from '../web/guards';
import { html, page, sendHtml, signInPage, type Html } from '../web/render';
import type { CoordinatorService } from '../../service';
import { actionNotice, card } from './booking-views';
import type { PageContext } from './context';
import { nav } from './nav';

const HISTORY_MAX = 50;

export function registerBookingsPage(server: Server, c: PageContext): void {
  server.get('/coordinator', async (req: Request, res: Response) => {
    const me = await c.guards.current(req);
    if (!me) return sendHtml(res, 200, signInPage());
    sendHtml(res, 200, await listPage(c.service, me, req.query as Record<string, unknown>));
  });

  server.get('/coordinator/export.csv', c.guards.view(async (_req, res, me) => {
    await sendCsv(res, c.service, me.account);
  }));
}

async function listPage(service: CoordinatorService, me: Me, q: Record<string, unknown>): Promise<string> {
  const { account, session: { csrf } } = me;
  const catalogue = service.catalogue;
  const sites = catalogue.sitesOfTerritory(account.territory);
  const siteId = typeof q.site === 'string' && sites.some((s) => s.id === q.site) ? q.site : undefined;
  const status = BOOKING_STATUSES.includes(q.status as BookingStatus) ? (q.status as BookingStatus) : undefined;
  const cards = (list: readonly Booking[], none: string) => (list.length ? list.map((b) => card(b, catalogue, csrf)) : html`<p>${none}</p>`);
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
  return page(t('coordinator.title'), html`${nav('bookings')}${actionNotice(q)}${filters}${body}
<p><a href="/coordinator/workshops">${t('workshop.coord.link')}</a></p>
<p><a href="/coordinator/export.csv">${t('coordinator.export')}</a></p>`, { account, csrf });
}

/** Pending: the oldest request first. Others: the latest change first. */
function sortFor(status: BookingStatus, list: Booking[]): Booking[] {
  return status === 'pending'
    ? list.sort((a, b) => a.createdAt - b.createdAt || a.startsAt - b.startsAt)
    : list.sort((a, b) => b.updatedAt - a.updatedAt);
}

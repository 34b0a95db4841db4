// JSON API of bookings under /api/coordinator (contract): Bearer token, territory-scoped.
// Invalid input → 400 naming the field; acting twice → 200 with changed=false, or 409 when the
// booking has moved on; unknown/revoked token → 401 (429 after too many failures from one client).
import type { Server } from 'restify';
import type { Booking } from '../../../booking/model';
import type { ActionResult, CoordinatorService } from '../../service';
import { sendCsv } from '../../csv';
import { API_BASE, bookingFailure, type ApiFailure } from '../web/errors';
import { idParam, type ApiRoute } from '../web/route';
import { AttendanceBody, DeclineBody, epochOf, isRefParam, ListQuery, RangeQuery, RescheduleBody } from '../web/schemas';
import type { Response } from 'restify';

/** How a booking is shown to programs (GET /bookings, the catalogue API's absences). */
export function bookingView(service: CoordinatorService) {
  const catalogue = service.catalogue;
  return (b: Booking) => ({ ...b, siteName: catalogue.sites.get(b.siteId)?.name ?? null, topicLabel: catalogue.topicLabel(b.topic) });
}

const ref = idParam(isRefParam, { status: 404, code: 'NotFound', message: 'no such booking' }, (s) => s.toUpperCase());

export function registerBookingsApi(server: Server, route: ApiRoute, service: CoordinatorService): void {
  const catalogue = service.catalogue;
  const view = bookingView(service);

  const answer = (res: Response, r: ActionResult): ApiFailure | void => {
    if (!r.ok) return bookingFailure(r);
    res.json({ booking: view(r.booking), changed: r.changed });
  };

  server.get(`${API_BASE}/bookings`, route({ query: ListQuery }, async ({ res, account, query: q }) => {
    const page = await service.list(account, {
      status: q.status, siteId: q.site, offset: q.offset, limit: q.limit, from: epochOf(q.from), to: epochOf(q.to),
    });
    res.json({ total: page.total, offset: q.offset, limit: q.limit, items: page.items.map(view) });
  }));

  server.get(`${API_BASE}/bookings/:id`, route({ id: ref }, async ({ res, account, id }) => {
    const r = await service.get(account, id);
    if (!r.ok) return bookingFailure(r);
    res.json({ booking: view(r.booking), audit: await service.history(id), noShows: await service.noShows(account, r.booking.beneficiary.phone) });
  }));

  server.post(`${API_BASE}/bookings/:id/attendance`, route({ body: AttendanceBody, id: ref }, async ({ res, account, body, id }) =>
    answer(res, await service.attendance(account, id, body.status))));

  server.post(`${API_BASE}/bookings/:id/confirm`, route({ id: ref }, async ({ res, account, id }) =>
    answer(res, await service.confirm(account, id))));

  server.post(`${API_BASE}/bookings/:id/decline`, route({ body: DeclineBody, id: ref }, async ({ res, account, body, id }) =>
    answer(res, await service.decline(account, id, body.reason))));

  server.post(`${API_BASE}/bookings/:id/reschedule`, route({ body: RescheduleBody, id: ref }, async ({ res, account, body, id }) =>
    answer(res, await service.reschedule(account, id, body.slotId))));

  server.get(`${API_BASE}/sites/:id/slots`, route({ query: RangeQuery }, async ({ req, res, account, query: q }) => {
    const site = catalogue.sites.get(String(req.params?.id ?? ''));
    if (!site) return { status: 404, code: 'NotFound', message: 'no such site' };
    if (site.territory !== account.territory) return { status: 403, code: 'Forbidden', message: 'site outside your territory' };
    const slots = await service.freeSlots(site.id, { from: epochOf(q.from) });
    res.json({ site: { id: site.id, name: site.name }, slots });
  }));

  server.get(`${API_BASE}/export.csv`, route({ query: RangeQuery }, async ({ res, account, query: q }) => {
    await sendCsv(res, service, account, epochOf(q.from), epochOf(q.to));
  }));
}

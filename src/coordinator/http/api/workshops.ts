// Coordinator JSON API of workshops (contract): under /api/coordinator, Bearer token, own
// territory only (403 outside), 400 naming the field on bad input.
import type { Server } from 'restify';
import { seatsLeft, WORKSHOP_ID, type WorkshopView } from '../../../booking/workshop';
import type { WorkshopAdmin } from '../../workshop-admin';
import { API_BASE, workshopFailure } from '../web/errors';
import { idParam, type ApiRoute } from '../web/route';
import { CancelWorkshopBody, ChangeWorkshopBody, CreateWorkshopBody, epochOf, RangeQuery } from '../web/schemas';

export function workshopJson(w: WorkshopView, service: WorkshopAdmin) {
  return {
    ...w,
    seatsLeft: seatsLeft(w),
    siteName: service.catalogue.sites.get(w.siteId)?.name ?? null,
    topicLabel: service.catalogue.topicLabel(w.topic),
  };
}

const workshopId = idParam((id) => WORKSHOP_ID.test(id), { status: 404, code: 'NotFound', message: 'no such workshop' });

export function registerWorkshopApi(server: Server, route: ApiRoute, service: WorkshopAdmin): void {
  const json = (w: WorkshopView) => workshopJson(w, service);

  server.post(`${API_BASE}/workshops`, route({ body: CreateWorkshopBody }, async ({ res, account, body }) => {
    const r = await service.create(account, body);
    if (!r.ok) return workshopFailure(r);
    res.status(201);
    res.json({ workshop: json(r.workshop) });
  }));

  server.get(`${API_BASE}/workshops`, route({ query: RangeQuery }, async ({ res, account, query: q }) => {
    const items = await service.list(account, { from: epochOf(q.from), to: epochOf(q.to) });
    res.json({ items: items.map(json) });
  }));

  server.get(`${API_BASE}/workshops/:id`, route({ id: workshopId }, async ({ res, account, id }) => {
    const r = await service.detail(account, id);
    if (!r.ok) return workshopFailure(r);
    res.json({ workshop: json(r.workshop), participants: r.participants, waitingList: r.waitingList, offers: r.offers });
  }));

  server.patch(`${API_BASE}/workshops/:id`, route({ body: ChangeWorkshopBody, id: workshopId }, async ({ res, account, body, id }) => {
    const r = await service.change(account, id, body);
    if (!r.ok) return workshopFailure(r);
    res.json({ workshop: json(r.workshop), changed: r.changed, told: r.told });
  }));

  server.post(`${API_BASE}/workshops/:id/cancel`, route({ body: CancelWorkshopBody, id: workshopId }, async ({ res, account, body, id }) => {
    const r = await service.cancel(account, id, body.reason);
    if (!r.ok) return workshopFailure(r);
    res.json({ workshop: json(r.workshop), changed: r.changed, told: r.told });
  }));
}

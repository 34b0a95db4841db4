// Coordinator JSON API of workshops (contract): under /api/coordinator, Bearer token, own
// territory only (403 outside), 400 naming the field on bad input.
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { TopicIdSchema } from '../booking/model';
import { API_BASE, apiError, authenticateBearer, parseOr400 } from '../coordinator/api';
import type { Accounts } from '../coordinator/accounts';
import { parseWhen } from '../coordinator/service';
import type { Store } from '../store/store';
import { LOCAL_MINUTE, MAX_SEATS, WORKSHOP_ID, seatsLeft, type WorkshopView } from './model';
import type { WorkshopFailure, WorkshopService } from './service';

export const CreateWorkshopBody = z.object({
  siteId: z.string().min(1).max(80),
  topic: TopicIdSchema,
  title: z.string().trim().min(1).max(120),
  start: z.string().regex(LOCAL_MINUTE, 'expected YYYY-MM-DDTHH:MM (Paris time)'),
  durationMinutes: z.number().int().min(15).max(480),
  seats: z.number().int().min(1).max(MAX_SEATS),
  volunteerIds: z.array(z.string().max(80)).max(10).optional(),
});
/** PATCH: any of the fields of a new workshop; unknown fields are refused (400). */
export const ChangeWorkshopBody = CreateWorkshopBody.partial().strict();
const CancelBody = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(300) });
const when = z.string().max(40).refine((s) => parseWhen(s) !== null, 'expected a date (YYYY-MM-DD) or an ISO date-time');
const RangeQuery = z.object({ from: when.optional(), to: when.optional() });

export interface WorkshopApiDeps { service: WorkshopService; accounts: Accounts; store: Store }

export function workshopJson(w: WorkshopView, service: WorkshopService) {
  return {
    ...w,
    seatsLeft: seatsLeft(w),
    siteName: service.catalog.sites.get(w.siteId)?.name ?? null,
    topicLabel: service.catalog.topicLabel(w.topic),
  };
}

function fail(res: Response, f: WorkshopFailure): void {
  switch (f.code) {
    case 'not-found': apiError(res, 404, 'NotFound', 'no such workshop'); return;
    case 'forbidden': apiError(res, 403, 'Forbidden', 'workshop outside your territory'); return;
    case 'past': apiError(res, 409, 'Past', 'the workshop has already started'); return;
    case 'cancelled': apiError(res, 409, 'Conflict', 'workshop is cancelled'); return;
    case 'bad-input': apiError(res, 400, 'BadRequest', `${f.field}: ${f.message}`, f.field); return;
    case 'seats-taken':
      apiError(res, 409, 'SeatsTaken', `seats: ${f.taken} seats are taken or held for the waiting list; cannot go below ${f.taken}`, 'seats'); return;
  }
}

export function registerWorkshopApi(server: Server, deps: WorkshopApiDeps): void {
  const { service, accounts, store } = deps;
  const auth = (req: Request, res: Response) => authenticateBearer(req, res, accounts, store);
  const idOf = (req: Request, res: Response): string | null => {
    const id = String(req.params?.id ?? '');
    if (WORKSHOP_ID.test(id)) return id;
    apiError(res, 404, 'NotFound', 'no such workshop');
    return null;
  };

  server.post(`${API_BASE}/workshops`, async (req: Request, res: Response) => {
    const account = await auth(req, res);
    if (!account) return;
    const body = parseOr400(CreateWorkshopBody, req.body, res);
    if (!body) return;
    const r = await service.create(account, body);
    if (!r.ok) { fail(res, r); return; }
    res.status(201);
    res.json({ workshop: workshopJson(r.workshop, service) });
  });

  server.get(`${API_BASE}/workshops`, async (req: Request, res: Response) => {
    const account = await auth(req, res);
    if (!account) return;
    const q = parseOr400(RangeQuery, req.query, res);
    if (!q) return;
    const items = await service.list(account, { from: q.from ? parseWhen(q.from)! : undefined, to: q.to ? parseWhen(q.to)! : undefined });
    res.json({ items: items.map((w) => workshopJson(w, service)) });
  });

  server.get(`${API_BASE}/workshops/:id`, async (req: Request, res: Response) => {
    const account = await auth(req, res);
    if (!account) return;
    const id = idOf(req, res);
    if (!id) return;
    const r = await service.detail(account, id);
    if (!r.ok) { fail(res, r); return; }
    res.json({ workshop: workshopJson(r.workshop, service), participants: r.participants, waitingList: r.waitingList, offers: r.offers });
  });

  server.patch(`${API_BASE}/workshops/:id`, async (req: Request, res: Response) => {
    const account = await auth(req, res);
    if (!account) return;
    const body = parseOr400(ChangeWorkshopBody, req.body, res);
    if (!body) return;
    const id = idOf(req, res);
    if (!id) return;
    const r = await service.change(account, id, body);
    if (!r.ok) { fail(res, r); return; }
    res.json({ workshop: workshopJson(r.workshop, service), changed: r.changed, told: r.told });
  });

  server.post(`${API_BASE}/workshops/:id/cancel`, async (req: Request, res: Response) => {
    const account = await auth(req, res);
    if (!account) return;
    const body = parseOr400(CancelBody, req.body, res);
    if (!body) return;
    const id = idOf(req, res);
    if (!id) return;
    const r = await service.cancel(account, id, body.reason);
    if (!r.ok) { fail(res, r); return; }
    res.json({ workshop: workshopJson(r.workshop, service), changed: r.changed, told: r.told });
  });
}

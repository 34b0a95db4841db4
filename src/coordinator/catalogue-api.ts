// Coordinator catalogue API (contract), own territory only: GET /catalogue, PUT /sites/:id,
// PUT /volunteers/:id, POST /absences, DELETE /absences/:id. 401 without a valid token, 403
// outside the territory, 400 naming the bad field (zod for the shape, the catalogue's own
// cross-checks for the rest: overlapping hours, a range shorter than one appointment...).
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { SiteSchema, VolunteerSchema, type Booking } from '../booking/model';
import { StatsQuery, type StatsService } from '../stats/service';
import type { Account } from './accounts';
import { API_BASE, apiError, parseOr400 as parse } from './api';
import type { CatalogueFailure, CatalogueService } from './catalogue-service';

const IdParam = z.string().regex(/^[a-z0-9-]{1,80}$/);
// `id` may be sent back as read (GET, change, PUT); it must then be the one of the path.
export const SiteBody = SiteSchema.omit({ id: true, territory: true }).extend({ id: z.string().optional(), territory: z.string().optional() }).strict();
export const VolunteerBody = VolunteerSchema.omit({ id: true }).extend({ id: z.string().optional() }).strict();
const Bound = z.string().regex(/^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d)?$/, 'expected YYYY-MM-DD or YYYY-MM-DDTHH:MM');
export const AbsenceBody = z.object({
  volunteerId: z.string().max(80).optional(),
  siteId: z.string().max(80).optional(),
  from: Bound,
  to: Bound,
  reason: z.string().trim().min(1, 'a reason is required').max(300),
}).strict().refine((a) => Boolean(a.volunteerId) !== Boolean(a.siteId), { message: 'give volunteerId or siteId (one of them)', path: ['volunteerId'] });

export interface CatalogueApiDeps {
  catalogue: CatalogueService;
  stats: StatsService;
  authenticate: (req: Request, res: Response) => Promise<Account | null>;
  /** How bookings are shown (the same view as GET /bookings). */
  view: (b: Booking) => unknown;
}

function fail(res: Response, f: CatalogueFailure): void {
  if (f.code === 'forbidden') apiError(res, 403, 'Forbidden', f.message);
  else if (f.code === 'not-found') apiError(res, 404, 'NotFound', f.message);
  else apiError(res, 400, 'BadRequest', f.message, 'field' in f ? f.field : undefined);
}

function idOf(req: Request, res: Response, what: string): string | null {
  const r = IdParam.safeParse(String(req.params?.id ?? ''));
  if (r.success) return r.data;
  apiError(res, 400, 'BadRequest', `id: ${what} ids are lowercase letters, digits and "-"`, 'id');
  return null;
}

export function registerCatalogueApi(server: Server, d: CatalogueApiDeps): void {
  const { catalogue, authenticate } = d;

  server.get(`${API_BASE}/stats`, async (req: Request, res: Response) => {
    const account = await authenticate(req, res);
    if (!account) return;
    const q = parse(StatsQuery, req.query, res);
    if (!q) return;
    res.json(await d.stats.stats(account.territory, q));
  });

  server.get(`${API_BASE}/catalogue`, async (req: Request, res: Response) => {
    const account = await authenticate(req, res);
    if (!account) return;
    res.json(catalogue.view(account));
  });

  server.put(`${API_BASE}/sites/:id`, async (req: Request, res: Response) => {
    const account = await authenticate(req, res);
    if (!account) return;
    const id = idOf(req, res, 'site');
    if (!id) return;
    const body = parse(SiteBody, req.body, res);
    if (!body) return;
    if (body.id !== undefined && body.id !== id) { apiError(res, 400, 'BadRequest', 'id: differs from the path', 'id'); return; }
    const { id: _id, ...site } = body;
    const r = await catalogue.putSite(account, id, site);
    if (!r.ok) { fail(res, r); return; }
    res.status(r.created ? 201 : 200);
    res.json({ site: r.site, created: r.created, version: r.version });
  });

  server.put(`${API_BASE}/volunteers/:id`, async (req: Request, res: Response) => {
    const account = await authenticate(req, res);
    if (!account) return;
    const id = idOf(req, res, 'volunteer');
    if (!id) return;
    const body = parse(VolunteerBody, req.body, res);
    if (!body) return;
    if (body.id !== undefined && body.id !== id) { apiError(res, 400, 'BadRequest', 'id: differs from the path', 'id'); return; }
    const { id: _id, ...volunteer } = body;
    const r = await catalogue.putVolunteer(account, id, volunteer);
    if (!r.ok) { fail(res, r); return; }
    res.status(r.created ? 201 : 200);
    res.json({ volunteer: r.volunteer, created: r.created, version: r.version });
  });

  server.post(`${API_BASE}/absences`, async (req: Request, res: Response) => {
    const account = await authenticate(req, res);
    if (!account) return;
    const body = parse(AbsenceBody, req.body, res);
    if (!body) return;
    const r = await catalogue.addAbsence(account, body, account.id);
    if (!r.ok) { fail(res, r); return; }
    res.status(201);
    // The bookings already made inside it: move (reschedule) or decline them, as usual.
    res.json({ absence: r.absence, bookings: r.bookings.map(d.view), version: r.version });
  });

  server.del(`${API_BASE}/absences/:id`, async (req: Request, res: Response) => {
    const account = await authenticate(req, res);
    if (!account) return;
    const id = String(req.params?.id ?? '');
    if (!/^ab-[a-z0-9]{6,20}$/.test(id)) { apiError(res, 404, 'NotFound', 'no such absence'); return; }
    const r = await catalogue.deleteAbsence(account, id);
    if (!r.ok) { fail(res, r); return; }
    res.json({ deleted: true, version: r.version });
  });
}

// JSON API under /api/coordinator (contract): Bearer token, territory-scoped. Invalid input
// → 400 naming the field; acting twice → 200 with changed=false, or 409 when the booking
// has moved on; unknown/revoked token → 401 (429 after too many failures from one address).
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { AttendanceSchema, BOOKING_STATUSES, type Booking } from '../booking/model';
import { REF_CODE } from '../booking/refcode';
import type { Accounts, Account } from './accounts';
import { registerCatalogueApi } from './catalogue-api';
import type { CatalogueService } from './catalogue-service';
import type { StatsService } from '../stats/service';
import { exportCsv } from './csv';
import { parseWhen, type ActionResult, type CoordinatorService, type Failure } from './service';
import type { Store } from '../store/store';
import type { ClientAddress } from '../client-address';
import { allPages } from '../store/paging';
import { apiRoute } from './route';

export const API_BASE = '/api/coordinator';
export const AUTH_FAILURES = { max: 20, windowMs: 15 * 60_000 };
const MAX_PAGE = 200;

export function apiError(res: Response, status: number, code: string, message: string, field?: string): void {
  res.status(status);
  res.json({ error: { code, message, ...(field ? { field } : {}) } });
}

export function clientIp(req: Request): string {
  return (req.socket?.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
}

const when = z.string().max(40).refine((s) => parseWhen(s) !== null, 'expected a date (YYYY-MM-DD) or an ISO date-time');
const ListQuery = z.object({
  status: z.enum(BOOKING_STATUSES).optional(),
  site: z.string().max(80).optional(),
  from: when.optional(),
  to: when.optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(50),
});
const RangeQuery = z.object({ from: when.optional(), to: when.optional() });
export const DeclineBody = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(300) });
export const AttendanceBody = z.object({ status: AttendanceSchema });
export const RescheduleBody = z.object({ slotId: z.string().min(3).max(120) });
const RefParam = z.string().regex(REF_CODE);

/** The signed-in account, or null once the answer (401/429) is sent. */
export async function authenticateBearer(req: Request, res: Response, accounts: Accounts, store: Store): Promise<Account | null> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '');
  const account = m ? await accounts.byToken(m[1]) : null;
  if (account) return account;
  res.setHeader('WWW-Authenticate', 'Bearer realm="coordinator"');
  if (m) {
    const failures = await store.countHit(`coord:authfail:${clientIp(req)}`, AUTH_FAILURES.windowMs);
    if (failures > AUTH_FAILURES.max) {
      res.setHeader('Retry-After', String(Math.ceil(AUTH_FAILURES.windowMs / 1000)));
      apiError(res, 429, 'TooManyRequests', 'too many failed authentications');
      return null;
    }
  }
  apiError(res, 401, 'Unauthorized', m ? 'unknown or revoked token' : 'Authorization: Bearer <token> required');
  return null;
}

/** Parses, or answers 400 naming the first bad field and returns null. */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, res: Response): T | null {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.map(String).join('.') || 'body';
  apiError(res, 400, 'BadRequest', `${field}: ${issue.message}`, field);
  return null;
}

export function failureStatus(f: Failure): { status: number; code: string; message: string } {
  switch (f.code) {
    case 'not-found': return { status: 404, code: 'NotFound', message: 'no such booking' };
    case 'forbidden': return { status: 403, code: 'Forbidden', message: 'booking outside your territory' };
    case 'past': return { status: 409, code: 'Past', message: 'the appointment has already started' };
    case 'not-started': return { status: 409, code: 'NotStarted', message: 'the appointment has not started yet' };
    case 'bad-slot': return { status: 400, code: 'BadRequest', message: 'slotId: not a bookable slot of this site' };
    case 'slot-taken': return { status: 409, code: 'SlotTaken', message: 'slot no longer free' };
    case 'conflict': return { status: 409, code: 'Conflict', message: `booking is ${f.status}` };
  }
}

export interface ApiDeps {
  service: CoordinatorService; accounts: Accounts; store: Store; catalogue?: CatalogueService; stats?: StatsService;
  /** The client's address (TRUST_PROXY-aware); the socket's by default. */
  clientAddress?: ClientAddress;
}

export function registerCoordinatorApi(server: Server, deps: ApiDeps): void {
  const { service, accounts, store } = deps;
  const catalog = service.catalog;

  const authenticate = (req: Request, res: Response) => authenticateBearer(req, res, accounts, store);

  const view = (b: Booking) => ({
    ...b,
    siteName: catalog.sites.get(b.siteId)?.name ?? null,
    topicLabel: catalog.topicLabel(b.topic),
  });

  if (deps.catalogue && deps.stats) registerCatalogueApi(server, { catalogue: deps.catalogue, stats: deps.stats, authenticate, view });

  function answer(res: Response, r: ActionResult): void {
    if (r.ok) { res.json({ booking: view(r.booking), changed: r.changed }); return; }
    const f = failureStatus(r);
    apiError(res, f.status, f.code, f.message, r.code === 'bad-slot' ? 'slotId' : undefined);
  }

  function ref(req: Request, res: Response): string | null {
    const id = String(req.params?.id ?? '').toUpperCase();
    if (RefParam.safeParse(id).success) return id;
    apiError(res, 404, 'NotFound', 'no such booking');
    return null;
  }

  const route = apiRoute(authenticate, parseOr400);
  const when = (s: string | undefined) => (s ? parseWhen(s)! : undefined);

  server.get(`${API_BASE}/bookings`, route({ query: ListQuery }, async ({ res, account, query: q }) => {
    const page = await service.list(account, {
      status: q.status, siteId: q.site, offset: q.offset, limit: q.limit, from: when(q.from), to: when(q.to),
    });
    res.json({ total: page.total, offset: q.offset, limit: q.limit, items: page.items.map(view) });
  }));

  server.get(`${API_BASE}/bookings/:id`, route({ id: ref }, async ({ res, account, id }) => {
    const r = await service.get(account, id);
    if (!r.ok) { const f = failureStatus(r); apiError(res, f.status, f.code, f.message); return; }
    res.json({ booking: view(r.booking), audit: await service.history(id), noShows: await service.noShows(account, r.booking.beneficiary.phone) });
  }));

  server.post(`${API_BASE}/bookings/:id/attendance`, route({ body: AttendanceBody, id: ref }, async ({ res, account, body, id }) => {
    answer(res, await service.attendance(account, id, body.status));
  }));

  server.post(`${API_BASE}/bookings/:id/confirm`, route({ id: ref }, async ({ res, account, id }) => {
    answer(res, await service.confirm(account, id));
  }));

  server.post(`${API_BASE}/bookings/:id/decline`, route({ body: DeclineBody, id: ref }, async ({ res, account, body, id }) => {
    answer(res, await service.decline(account, id, body.reason));
  }));

  server.post(`${API_BASE}/bookings/:id/reschedule`, route({ body: RescheduleBody, id: ref }, async ({ res, account, body, id }) => {
    answer(res, await service.reschedule(account, id, body.slotId));
  }));

  server.get(`${API_BASE}/sites/:id/slots`, route({ query: RangeQuery }, async ({ req, res, account, query: q }) => {
    const site = catalog.sites.get(String(req.params?.id ?? ''));
    if (!site) { apiError(res, 404, 'NotFound', 'no such site'); return; }
    if (site.territory !== account.territory) { apiError(res, 403, 'Forbidden', 'site outside your territory'); return; }
    const slots = await service.freeSlots(site.id, { from: when(q.from) });
    res.json({ site: { id: site.id, name: site.name }, slots });
  }));

  server.get(`${API_BASE}/export.csv`, route({ query: RangeQuery }, async ({ res, account, query: q }) => {
    await sendCsv(res, service, account, when(q.from), when(q.to));
  }));
}

export async function sendCsv(res: Response, service: CoordinatorService, account: Account, from?: number, to?: number): Promise<void> {
  const bookings = await allPages((offset, limit) => service.list(account, { from, to, offset, limit }));
  const body = exportCsv(bookings, service.catalog);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="les-connectes-${account.territory}.csv"`);
  res.setHeader('Cache-Control', 'no-store');
  res.sendRaw(200, body);
}

// Coordinator catalogue API (contract), own territory only: GET /catalogue, PUT /sites/:id,
// PUT /volunteers/:id, POST /absences, DELETE /absences/:id, GET /stats. 401 without a valid
// token, 403 outside the territory, 400 naming the bad field (zod for the shape, the
// catalogue's own cross-checks for the rest: overlapping hours, a range shorter than one appointment...).
import type { Server } from 'restify';
import type { Booking } from '../../../booking/model';
import type { StatsService } from '../../../stats/service';
import type { Account } from '../../accounts';
import type { CatalogueResult, CatalogueService } from '../../catalogue-service';
import { API_BASE, catalogueFailure, type ApiFailure } from '../web/errors';
import { idParam, type ApiRoute, type RouteInput } from '../web/route';
import { ABSENCE_ID, AbsenceBody, CATALOGUE_ID, SiteBody, StatsQuery, VolunteerBody } from '../web/schemas';

export interface CatalogueApiDeps {
  catalogueService: CatalogueService;
  stats: StatsService;
  /** How bookings are shown (the same view as GET /bookings). */
  view: (b: Booking) => unknown;
}

const idOf = (what: string) => idParam((id) => CATALOGUE_ID.test(id), {
  status: 400, code: 'BadRequest', message: `id: ${what} ids are lowercase letters, digits and "-"`, field: 'id',
});
const siteId = idOf('site');
const volunteerId = idOf('volunteer');
const absenceId = idParam((id) => ABSENCE_ID.test(id), { status: 404, code: 'NotFound', message: 'no such absence' });

const samePathId = (body: { id?: string }, id: string): ApiFailure | null =>
  (body.id !== undefined && body.id !== id ? { status: 400, code: 'BadRequest', message: 'id: differs from the path', field: 'id' } : null);

export function registerCatalogueApi(server: Server, route: ApiRoute, d: CatalogueApiDeps): void {
  const { catalogueService } = d;

  server.get(`${API_BASE}/stats`, route({ query: StatsQuery }, async ({ res, account, query }) => {
    res.json(await d.stats.stats(account.territory, query));
  }));

  server.get(`${API_BASE}/catalogue`, route({}, async ({ res, account }) => {
    res.json(catalogueService.view(account));
  }));

  /** PUT of one catalogue entry: the path's id wins (a different body id is a 400); 201 when created. */
  const put = <B extends { id?: string }, K extends 'site' | 'volunteer'>(
    key: K, save: (account: Account, id: string, value: Omit<B, 'id'>) => Promise<CatalogueResult<{ [P in K]: unknown } & { created: boolean; version: number }>>,
  ) => async ({ res, account, id, body }: RouteInput<undefined, B>): Promise<ApiFailure | void> => {
    const { id: _id, ...value } = body;
    const r = samePathId(body, id) ?? await save(account, id, value);
    if ('status' in r) return r;
    if (!r.ok) return catalogueFailure(r);
    res.status(r.created ? 201 : 200);
    res.json({ [key]: r[key], created: r.created, version: r.version });
  };
  server.put(`${API_BASE}/sites/:id`, route({ id: siteId, body: SiteBody }, put('site', (a, id, v) => catalogueService.putSite(a, id, v))));
  server.put(`${API_BASE}/volunteers/:id`, route({ id: volunteerId, body: VolunteerBody }, put('volunteer', (a, id, v) => catalogueService.putVolunteer(a, id, v))));

  server.post(`${API_BASE}/absences`, route({ body: AbsenceBody }, async ({ res, account, body }) => {
    const r = await catalogueService.addAbsence(account, body, account.id);
    if (!r.ok) return catalogueFailure(r);
    res.status(201);
    // The bookings already made inside it: move (reschedule) or decline them, as usual.
    res.json({ absence: r.absence, bookings: r.bookings.map(d.view), version: r.version });
  }));

  server.del(`${API_BASE}/absences/:id`, route({ id: absenceId }, async ({ res, account, id }) => {
    const r = await catalogueService.deleteAbsence(account, id);
    if (!r.ok) return catalogueFailure(r);
    res.json({ deleted: true, version: r.version });
  }));
}
